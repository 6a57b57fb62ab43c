"""Settings for Civil Society Exchange, read from the environment.

Every variable is listed with a comment in `.env.example`. A `.env` file in the project
root is read when present (`make` writes one for local development); real environment
variables win over it. In production (DEBUG off) a missing SECRET_KEY stops the start.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("EXCHANGE_TESTING", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (production) or run "
            "`make run`, which writes a .env for local development."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20

# Encrypted fields (passport numbers; django-fernet-encrypted-fields): the key is derived from
# SECRET_KEY (and SECRET_KEY_FALLBACKS) with this salt. Several salts, comma-separated, the
# newest first, let old values be read while new ones are written with the first.
SALT_KEY = env.list("SALT_KEY", default=[])
if not SALT_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SALT_KEY is not set: it encrypts passport numbers at rest. Set it in the "
            'environment: python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    SALT_KEY = ["insecure-development-salt-only-for-debug-mode"]
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The one site address every absolute link is made from (e-mails, iCalendar, the sign-up
# e-mails): `make run HOST=...` sets it to the address served.
SITE_URL = env.str(
    "SITE_URL", default="http://" + env.str("EXCHANGE_HOST", default="127.0.0.1:8000")
).rstrip("/")
SITE_NAME = "Civil Society Exchange"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_filters",
    "django_countries",
    "auditlog",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "exchange.core",
    "exchange.accounts",
    "exchange.organisations",
    "exchange.matching",
    "exchange.contacts",
    "exchange.calls",
    "exchange.applications",
    "exchange.selection",
    "exchange.partnerships",
    "exchange.partnerships.visits",
    "exchange.partnerships.money",
    "exchange.partnerships.reports",
    "exchange.partnerships.meetings",
    "exchange.library",
    "exchange.notifications",
    "exchange.api",
    "exchange.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "exchange.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "exchange.core.middleware.RefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "exchange.accounts.middleware.StaffTwoFactorMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "exchange.urls"
WSGI_APPLICATION = "exchange.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "exchange" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "exchange.core.context_processors.site",
                "exchange.notifications.context_processors.unread",
            ],
        },
    }
]

# --- Database: SQLite under var/ by default, PostgreSQL when DATABASE_URL is set --------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a busy timeout instead of "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # SSD-era planner cost (PostgreSQL's default of 4 assumes spinning disks): it lets the
    # planner use the full-text GIN index where a sequential scan would decompress every
    # row's tsvector (measured: 85 ms instead of 450 ms for a word in 12% of 100,000 rows).
    # JIT compilation pays off for long analytical queries; for a page's queries it adds
    # tens of milliseconds of compiling to every plan that merely looks expensive.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c random_page_cost=" + env.str("PG_RANDOM_PAGE_COST", default="1.1") + " -c jit=off"
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits live here): per process by default, Redis when REDIS_URL is set --
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions read from the shared cache (one query less per request), written through to
    # the database. Not with a per-process cache: a sign-out in one process would leave the
    # session alive in the others' caches.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work (django-tasks): in-process by default, db_worker in production ------
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'")
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_BACKEND == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}

# --- Accounts ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "site:home"
LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "exchange.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "exchange.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Civil Society Exchange] "
# Throttling: failed logins per IP and per account, password resets per IP and per e-mail.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_email": "1/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {"activate_totp": "exchange.accounts.forms.ActivateTOTPForm"}
MFA_TOTP_ISSUER = "Civil Society Exchange"
PRIVACY_NOTICE_VERSION = "2026-11"

# --- Languages and time zones -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("tr", _("Turkish")), ("de", _("German"))]
# The platform's catalogues, then its overrides of the libraries' own wording (allauth
# speaks to people with "du" in German; the platform says "Sie").
LOCALE_PATHS = [BASE_DIR / "exchange" / "locale", BASE_DIR / "exchange" / "locale_overrides"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # stored in UTC; shown in each person's zone (accounts middleware)
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files and uploads ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "exchange" / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploads are private: no URL serves MEDIA_ROOT; permission-checked views stream them.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# A request's body outside uploaded files (core.limits.REQUEST_BODY): a 4 MB "description"
# is refused before any form reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000

# --- E-mail: the console by default; EMAIL_URL=smtp+tls://user:pass@host:587 in production --
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Civil Society Exchange <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content-Security-Policy: no inline scripts or styles anywhere. htmx is told
# not to inject its indicator styles (see base.html's htmx-config meta).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Programme rules ---------------------------------------------------------------------
# Which countries count for each side of an exchange. Turkey on one side; on the other the
# member states of the Council of Europe other than Turkey. Override with EXCHANGE_EUROPE.
EXCHANGE_TURKEY = env.list("EXCHANGE_TURKEY", default=["TR"])
EXCHANGE_EUROPE = env.list(
    "EXCHANGE_EUROPE",
    default=(
        "AL AD AM AT AZ BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT LU MT "
        "MD MC ME NL MK NO PL PT RO SM RS SK SI ES SE CH UA GB"
    ).split(),
)
if set(EXCHANGE_TURKEY) & set(EXCHANGE_EUROPE):
    raise ImproperlyConfigured(
        "A country cannot be on both sides (EXCHANGE_TURKEY, EXCHANGE_EUROPE)"
    )
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=14)
DIRECTORY_PAGE_SIZE = 20
DIRECTORY_RESULT_CAP = 1000  # "more than 1,000 found": counting further costs more than it tells

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- The JSON API (/api/v1/, exchange/api) -------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "exchange.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["exchange.api.access.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": [
        "exchange.api.throttling.PerToken",
        "exchange.api.throttling.PerAddress",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_RATE_PER_TOKEN", default="600/min"),
        "address": env.str("API_RATE_PER_ADDRESS", default="300/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "exchange.api.schema.Schema",
    "EXCEPTION_HANDLER": "exchange.api.problems.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Civil Society Exchange API",
    "DESCRIPTION": (
        "Every journey of the platform as JSON: calls, the directory, recommended partners, "
        "contacts and the board, joint applications and the staff's work on them. "
        "Authenticate with a personal API token (`Authorization: Bearer <token>`, created "
        "under Account > API tokens) or the browser session. Errors are RFC 9457 problem "
        "details, translated by `Accept-Language` (en, tr, de). Times are ISO 8601 in UTC."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStatus": "exchange.applications.models.Application.Status",
        "PartnerInvitationStatus": "exchange.applications.models.PartnerInvitation.Status",
        "ContactRequestStatus": "exchange.contacts.models.ContactRequest.Status",
        "BoardPostStatus": "exchange.contacts.models.BoardPost.Status",
        "BoardReplyStatus": "exchange.contacts.models.BoardReply.Status",
        "CallStatus": "exchange.calls.models.Call.Status",
        "ReviewStatus": "exchange.selection.models.Review.Status",
        "ReviewerStatus": "exchange.selection.models.Reviewer.Status",
        "DecisionOutcome": "exchange.selection.models.Decision.Outcome",
        "ConflictKind": "exchange.selection.models.Conflict.Kind",
        "PartnershipStatus": "exchange.partnerships.models.Partnership.Status",
        "ActivityStatus": "exchange.partnerships.models.Activity.Status",
        "VisitStatus": "exchange.partnerships.visits.models.Visit.Status",
        "VisitMode": "exchange.partnerships.visits.models.Visit.Mode",
        "LetterStatus": "exchange.partnerships.visits.models.InvitationLetter.Status",
        "CohortEventKind": "exchange.partnerships.meetings.models.CohortEvent.Kind",
        "CohortEventFormat": "exchange.partnerships.meetings.models.CohortEvent.Format",
        "CohortEventStatus": "exchange.partnerships.meetings.models.CohortEvent.Status",
        "RegistrationStatus": "exchange.partnerships.meetings.models.Registration.Status",
        "AttendingMode": "exchange.partnerships.meetings.models.Registration.Mode",
        "InstalmentStatus": "exchange.partnerships.money.models.Instalment.Status",
        "ExpenseCategory": "exchange.partnerships.money.models.Expense.Category",
        "ExpenseStatus": "exchange.partnerships.money.models.Expense.Status",
        "ReportKind": "exchange.partnerships.reports.models.Kind",
        "ReportStatus": "exchange.partnerships.reports.models.Report.Status",
        "AssessmentStatus": "exchange.partnerships.reports.models.Assessment.Status",
        "CapacityArea": "exchange.api.choices.AREAS",
        "ThematicField": "exchange.api.choices.FIELDS",
        "WorkingLanguage": "exchange.api.choices.WORKING_LANGUAGES",
        "Country": "exchange.api.choices.COUNTRIES",
        "ReplyDecision": "exchange.api.choices.REPLY_DECISIONS",
        "LetterLanguage": "exchange.api.choices.LETTER_LANGUAGES",
        "ModelLanguage": "exchange.library.models.LANGUAGES",
        "OrganisationKind": "exchange.organisations.models.Organisation.Kind",
        "ModelStatus": "exchange.library.models.PracticeModel.Status",
        "AdoptionStatus": "exchange.library.models.Adoption.Status",
        "Licence": "exchange.library.models.Licence",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DISABLE_ERRORS_AND_WARNINGS": False,
}
API_PAGE_SIZE = 20
API_PAGE_SIZE_MAX = 100
