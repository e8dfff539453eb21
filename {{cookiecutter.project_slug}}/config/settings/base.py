"""Settings every environment shares, read from the environment (and ``.env``).

Without ``DATABASE_URL`` or ``CELERY_BROKER_URL`` the project runs on SQLite
and Celery's in-memory broker, so a newcomer needs no service at all.
"""

from pathlib import Path

from config.products import products
from config.settings import observability, values

BASE_DIR = Path(__file__).resolve().parent.parent.parent

values.read_dotenv(BASE_DIR / ".env")  # real environment variables win

DEBUG = False
ALLOWED_HOSTS = values.items("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "corsheaders",  # CORS_ALLOWED_ORIGINS below
    "drf_spectacular",
    "drf_spectacular_sidecar",  # serves the API docs' assets itself: no CDN
    "core",
    *(product.app_module for product in products()),
]

MIDDLEWARE = [
    "config.health.HealthCheckMiddleware",  # first: probes come by IP, over HTTP
    "config.logs.RequestLogMiddleware",  # the request id, and one log line per request
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that may answer on its own
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": values.database(
        values.text("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
{%- if cookiecutter.frontend %}
# The web app's build (config/web_app.py): its assets are static files. Until the first
# build there is none, and Django would warn about a missing directory.
WEB_APP_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [WEB_APP_DIST] if WEB_APP_DIST.is_dir() else []
{%- endif %}

REST_FRAMEWORK = {
    # The browser's session, and a JWT (config/auth.py) for scripts and other services.
    # The session comes first, so a request without credentials is still a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "core.openapi.ProductAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.pagination.DefaultPagination",
    # Products' contract exceptions become 403/404/409 here, so logic never raises HTTP errors.
    "EXCEPTION_HANDLER": "core.exceptions.exception_handler",
    # Per process (the default cache): a brake on scripts and password guessing, not a quota.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": values.rate("THROTTLE_ANON_RATE", "60/minute"),
        "user": values.rate("THROTTLE_USER_RATE", "600/minute"),
    },
}

# The OpenAPI schema at /api/schema/ and its interactive docs at /api/docs/.
# Like every endpoint, they need a signed-in user unless a view opts out.
SPECTACULAR_SETTINGS = {
    "TITLE": "{{ cookiecutter.project_name }} API",
    "DESCRIPTION": "{{ cookiecutter.description }}",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CELERY_BROKER_URL = values.text("CELERY_BROKER_URL") or "memory://"  # set but empty: unset
CELERY_RESULT_BACKEND = values.result_backend("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = values.boolean("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

{% if cookiecutter.frontend -%}
# The web app's page is the one place a browser signs in (docs/adr/0016): an
# anonymous visit to /api/docs/ goes to / with ?next=, and the app sends it back once signed in.
LOGIN_URL = "home"
{%- else -%}
# Signing in at /api/auth/login/ (or the admin) without a ?next= lands on the home page.
LOGIN_URL = "rest_framework:login"
{%- endif %}
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Frontends on other origins that may call the API from a browser: none unless listed.
CORS_ALLOWED_ORIGINS = values.origins("CORS_ALLOWED_ORIGINS")

# Logging to stdout: readable lines here, JSON lines in prod (config/settings/observability.py).
LOG_LEVEL = values.level("LOG_LEVEL", "INFO")
LOGGING = observability.logging_config(
    observability.log_format("LOG_FORMAT", "readable"), LOG_LEVEL
)
# dev and prod start Sentry with it; tests never report. A malformed DSN is refused everywhere.
SENTRY_DSN = observability.sentry_dsn("SENTRY_DSN")
