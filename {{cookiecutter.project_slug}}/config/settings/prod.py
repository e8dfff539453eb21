"""Production: secrets and services come from the environment, nothing is defaulted.

``python manage.py check --deploy`` passes with no warning once the required
variables are set. Set ``SECURE_SSL_REDIRECT=false`` only behind a proxy that
terminates TLS and redirects HTTP itself.
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import MIDDLEWARE, env


def required(name: str, why: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: production needs {why}")
    return value


SECRET_KEY = required("SECRET_KEY", "a long random secret key (50+ characters)")
ALLOWED_HOSTS = required("ALLOWED_HOSTS", "the host names it serves, comma-separated").split(",")
DATABASES = {"default": env.db_url_config(required("DATABASE_URL", "a PostgreSQL database"))}
CELERY_BROKER_URL = required("CELERY_BROKER_URL", "a Redis or RabbitMQ broker")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# WhiteNoise serves the collected static files, right after the security middleware.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the proxy in front redirects to HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
