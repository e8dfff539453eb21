"""Production: secrets and services come from the environment, nothing is defaulted.

``python manage.py check --deploy`` passes with no warning once the required
variables are set. Set ``SECURE_SSL_REDIRECT=false`` only behind a proxy that
terminates TLS and redirects HTTP itself.
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings import observability, values
from config.settings.base import *  # noqa: F403
from config.settings.base import LOG_LEVEL, MIDDLEWARE, SENTRY_DSN


def required(name: str, why: str) -> str:
    value = values.text(name)
    if not value:
        raise ImproperlyConfigured(f"{name} is not set: production needs {why}")
    return value


SECRET_KEY = required("SECRET_KEY", "a long random secret key (50+ characters)")
ALLOWED_HOSTS = required("ALLOWED_HOSTS", "the host names it serves, comma-separated").split(",")
DATABASES = {
    "default": {
        **values.database(required("DATABASE_URL", "a PostgreSQL database")),
        # Keep each connection for CONN_MAX_AGE seconds instead of one per request,
        # and test it before reuse, so a database restart costs no failed request.
        "CONN_MAX_AGE": values.integer("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}
CELERY_BROKER_URL = required("CELERY_BROKER_URL", "a Redis or RabbitMQ broker")
CELERY_RESULT_BACKEND = values.result_backend("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CSRF_TRUSTED_ORIGINS = values.items("CSRF_TRUSTED_ORIGINS")

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
SECURE_SSL_REDIRECT = values.boolean("SECURE_SSL_REDIRECT", default=True)
if not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the proxy in front redirects to HTTPS
# An hour to start with: a mistake in HTTPS then locks browsers out for an hour, not a
# year. Raise it (31536000, a year) once every subdomain serves HTTPS; .env.example says so.
SECURE_HSTS_SECONDS = values.integer("SECURE_HSTS_SECONDS", default=60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# One JSON object per line on stdout, for the log pipeline (LOG_FORMAT=readable to read them).
LOGGING = observability.logging_config(observability.log_format("LOG_FORMAT", "json"), LOG_LEVEL)
observability.start_sentry(SENTRY_DSN, environment=values.text("SENTRY_ENVIRONMENT", "production"))
