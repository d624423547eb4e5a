"""One settings module; everything that differs between machines comes from the environment.

SANGSAENG_ENV=production turns on the production defaults (HTTPS, secure cookies, no debug) and
then requires SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL to be set explicitly.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from sangsaeng.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("SANGSAENG_VAR_DIR", str(PROJECT_DIR / "var")))

ENVIRONMENT = env_str("SANGSAENG_ENV", "development")
if ENVIRONMENT not in ("development", "production", "test"):
    raise ValueError("SANGSAENG_ENV must be development, test or production.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
# A development key is only acceptable off production; production must set its own.
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ValueError("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "sangsaeng.web",
    "sangsaeng.accounts",
    "sangsaeng.orgs",
    "sangsaeng.plans",
    "sangsaeng.dashboards",
    "sangsaeng.budgets",
    "sangsaeng.audit",
    "sangsaeng.documents",
    "sangsaeng.exchange",
    "sangsaeng.notices",
    "sangsaeng.rounds",
    "sangsaeng.security",
    "sangsaeng.committees",
    "sangsaeng.versions",
    "sangsaeng.requests",
    "sangsaeng.agreements",
    "sangsaeng.personnel",
    "sangsaeng.events",
    "sangsaeng.demo",
    "sangsaeng.bench",
]

# Django's, reading the header's figures with the user (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["sangsaeng.accounts.backends.AccountBackend"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: idle logout (with its message), then the 2FA requirement.
    "sangsaeng.security.middleware.IdleTimeoutMiddleware",
    "sangsaeng.security.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
if PRODUCTION:
    # Production serves collected static files itself (no CDN, no separate web server required).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "sangsaeng.urls"
WSGI_APPLICATION = "sangsaeng.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["sangsaeng.web.templatetags.sangsaeng_tags"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "" if PRODUCTION else f"sqlite:///{VAR_DIR / 'sangsaeng.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Our own field markup (label, input, help, error in one .field box); no colon after labels.
FORM_RENDERER = "sangsaeng.lib.forms.FormRenderer"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and blocklists, no composition rules and no forced rotation (NIST SP 800-63B). Argon2 first;
# PBKDF2 stays so older hashes still verify and are upgraded at the next login.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "name", "email", "phone")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Not a composition rule: it refuses only all-digit passwords (phone numbers, dates).
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in security (sangsaeng.security). Durations in seconds unless the name says otherwise.
SECURITY_IDLE_TIMEOUT = env_int("SECURITY_IDLE_TIMEOUT", 30 * 60)
SECURITY_IDLE_WARNING = 2 * 60  # the on-screen warning comes this long before the idle logout
SECURITY_SESSION_MAX_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # from login, whatever the activity
SECURITY_REAUTH_SECONDS = 5 * 60  # sensitive changes need the password entered this recently
SECURITY_LOGIN_CODE_SECONDS = 5 * 60  # to type the second-factor code after the password
SECURITY_2FA_GRACE_DAYS = env_int("SECURITY_2FA_GRACE_DAYS", 7)  # for coordinators; administrators get none
SECURITY_TOTP_ISSUER = env_str("SECURITY_TOTP_ISSUER", "상생")
SECURITY_THROTTLE_PER_USER = 5
SECURITY_THROTTLE_PER_ADDRESS = 20
SECURITY_THROTTLE_CODES_PER_USER = 5
SECURITY_THROTTLE_WINDOW_MINUTES = 15
SECURITY_THROTTLE_MAX_COOLOFF_MINUTES = 15
# Reverse proxies in front of the app that append to X-Forwarded-For; 0 reads REMOTE_ADDR only.
SECURITY_TRUSTED_PROXIES = env_int("SECURITY_TRUSTED_PROXIES", 0)

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
# Inside the package, so an installed wheel finds the compiled catalogue (package-data "locale/**/*").
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: the attachment service enforces its own per-file limit; this caps what is held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 30 * 1024 * 1024)

# Generated booklets are kept this long, then `sangsaeng documents cleanup` (also a task) removes them.
DOCUMENTS_KEEP_HOURS = env_int("DOCUMENTS_KEEP_HOURS", 72)
# Each process keeps its own cache: what is kept (dashboard figures) is keyed by the data's version,
# so processes never disagree, they only each compute a figure once.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sangsaeng",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
    }
}
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 15 * 60)
# A plan's Excel export with more rows than this is written by the worker (about 10 s per 20,000 rows
# here), not in the request.
EXCHANGE_DIRECT_EXPORT_ROWS = env_int("EXCHANGE_DIRECT_EXPORT_ROWS", 20_000)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole parent domain (a government's, often on a closed network) to
        # HTTPS in every browser; that is the domain owner's decision, so it is opt-in here.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sangsaeng@localhost")
# The address reminder e-mails link to (the app's own URL as users reach it).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# How often `sangsaeng serve` queues the due-soon/overdue reminder scan, in seconds (0: never).
REMINDER_SCAN_SECONDS = env_int("REMINDER_SCAN_SECONDS", 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}
