"""Settings shared by every environment, driven by environment variables.

Nothing here reads a secret with a usable default for production: `production.py`
refuses to start without `SECRET_KEY` and `ALLOWED_HOSTS`.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Khepri
    "khepri",
    "site_pages",
    "therapies",
    "practitioners",
    "bookings",
    "payments",
    "invoices",
    "employers",
    "accounts",
    "notifications",
    "pools",
    "widget",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "ninja",
    # Accounts, tasks, mail, fields
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "recurrence",
    "phonenumber_field",
    "timezone_field",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "khepri.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "khepri.middleware.FrameAncestorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "payments.referrals.ReferralLinkMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "khepri.urls"
WSGI_APPLICATION = "khepri.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# PostgreSQL when DATABASE_URL is set; otherwise SQLite tuned for concurrent writers:
# IMMEDIATE transactions take the write lock up front, so two writers queue on the busy
# timeout instead of failing with "database is locked" half-way through a transaction.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "khepri.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
#: A phone number, when given, is confirmed by a code sent by SMS (allauth's own flow).
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_CHANGE = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    #: Diploma scans and other files only staff may read; never under MEDIA_URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")),
            "base_url": None,
        },
    },
}

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Khepri"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the site never calls the internet
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Khepri <bonjour@khepri.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL = {}
#: "user:password" the provider's tracking webhook must present (basic authentication).
if os.environ.get("ANYMAIL_WEBHOOK_SECRET"):
    ANYMAIL["WEBHOOK_SECRET"] = os.environ["ANYMAIL_WEBHOOK_SECRET"]
if os.environ.get("BREVO_API_KEY"):
    ANYMAIL["BREVO_API_KEY"] = os.environ["BREVO_API_KEY"]
if os.environ.get("MAILJET_API_KEY"):
    ANYMAIL["MAILJET_API_KEY"] = os.environ["MAILJET_API_KEY"]
    ANYMAIL["MAILJET_SECRET_KEY"] = os.environ.get("MAILJET_SECRET_KEY", "")

# --- Khepri ---------------------------------------------------------------------------------
#: Demo content and demo accounts may only be loaded where this is true (never in production).
KHEPRI_ALLOW_DEMO = False
KHEPRI_SITE_URL = WAGTAILADMIN_BASE_URL
PHONENUMBER_DEFAULT_REGION = "FR"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO: noise in the worker's log.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

#: Practitioners' profile edits are published at once instead of waiting for staff review.
KHEPRI_PROFILE_AUTOPUBLISH = env_bool("KHEPRI_PROFILE_AUTOPUBLISH", False)

# --- Calendars ------------------------------------------------------------------------------
#: External iCalendar feeds: time limit and size limit of one download.
KHEPRI_CALENDAR_FETCH_TIMEOUT = float(os.environ.get("KHEPRI_CALENDAR_FETCH_TIMEOUT", "10"))
KHEPRI_CALENDAR_MAX_BYTES = int(os.environ.get("KHEPRI_CALENDAR_MAX_BYTES", str(5 * 1024 * 1024)))
#: Refuse calendar addresses on private or loopback networks (server-side request forgery);
#: only tests, with their local HTTP server, turn this on.
KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = env_bool("KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS", False)
#: How far ahead external busy times are read (days).
KHEPRI_CALENDAR_HORIZON_DAYS = 120

# --- Booking --------------------------------------------------------------------------------
#: How long a chosen time is kept while the patient identifies (and, later, pays).
KHEPRI_HOLD_MINUTES = 10
#: Holds one client may keep at once (nobody can lock a whole agenda).
KHEPRI_MAX_HOLDS_PER_CLIENT = 3
#: Name shown as the sender of every message (no speciality in it: discretion).
KHEPRI_SENDER_NAME = os.environ.get("KHEPRI_SENDER_NAME", "Khepri")
#: Video rooms for practitioners without their own (a Jitsi-compatible service: rooms are
#: created by their name; the name is an unguessable key per booking).
KHEPRI_VIDEO_BASE_URL = os.environ.get("KHEPRI_VIDEO_BASE_URL", "https://meet.jit.si")

# --- Booking widget -------------------------------------------------------------------------
#: Extra `frame-ancestors` sources of a widget whose practitioner listed no site (besides any
#: https site): local addresses such as "http://localhost:*" for development and tests only.
KHEPRI_WIDGET_DEV_FRAME_ANCESTORS = env_list("KHEPRI_WIDGET_DEV_FRAME_ANCESTORS")

# --- SMS ------------------------------------------------------------------------------------
#: Dotted path of the SMS backend: notifications.sms.ConsoleBackend (writes to the console),
#: LocmemBackend (tests) or BrevoBackend (Brevo's transactional SMS API).
KHEPRI_SMS_BACKEND = os.environ.get("KHEPRI_SMS_BACKEND", "notifications.sms.ConsoleBackend")
#: Sender shown on the phone: 1-11 letters or digits, never a therapy or a speciality.
KHEPRI_SMS_SENDER = os.environ.get("KHEPRI_SMS_SENDER", "Khepri")
#: Longest text accepted, in SMS segments (160 GSM-7 / 70 UCS-2 characters alone, 153 / 67 each
#: once split).
KHEPRI_SMS_MAX_SEGMENTS = int(os.environ.get("KHEPRI_SMS_MAX_SEGMENTS", "2"))
#: Time limit of one call to the SMS provider (seconds).
KHEPRI_SMS_TIMEOUT = float(os.environ.get("KHEPRI_SMS_TIMEOUT", "10"))
KHEPRI_SMS_BREVO_URL = os.environ.get("KHEPRI_SMS_BREVO_URL", "https://api.brevo.com/v3")
#: Brevo uses one API key for email and SMS: the email one serves unless SMS has its own.
KHEPRI_SMS_BREVO_API_KEY = os.environ.get(
    "KHEPRI_SMS_BREVO_API_KEY", os.environ.get("BREVO_API_KEY", "")
)

# --- Reminders ------------------------------------------------------------------------------
#: Hours before a confirmed session that the patient's email reminder is sent.
KHEPRI_REMINDER_EMAIL_HOURS = int(os.environ.get("KHEPRI_REMINDER_EMAIL_HOURS", "24"))
#: Hours before a confirmed session that the text reminder is sent (patients who chose SMS).
KHEPRI_REMINDER_SMS_HOURS = int(os.environ.get("KHEPRI_REMINDER_SMS_HOURS", "2"))
#: Local hour after which practitioners who want it get the list of tomorrow's sessions.
KHEPRI_AGENDA_DIGEST_HOUR = int(os.environ.get("KHEPRI_AGENDA_DIGEST_HOUR", "18"))

# --- Payments -------------------------------------------------------------------------------
#: "offline" (demo and tests: no real money, marked test mode) or "stripe".
KHEPRI_PAYMENT_GATEWAY = os.environ.get("KHEPRI_PAYMENT_GATEWAY", "offline")
KHEPRI_PAYMENTS_ENABLED = env_bool("KHEPRI_PAYMENTS_ENABLED", True)
#: The platform's commission in basis points (2000 = 20 %); staff may set another per
#: practitioner.
KHEPRI_COMMISSION_BP = int(os.environ.get("KHEPRI_COMMISSION_BP", "2000"))
#: A confirmed session nobody closed is completed (and captured) this long after its end.
KHEPRI_AUTO_COMPLETE_HOURS = int(os.environ.get("KHEPRI_AUTO_COMPLETE_HOURS", "24"))
#: A card authorisation lasts about 7 days: a session starting more than this many days ahead
#: saves the card instead, and it is authorised this many days before the session.
KHEPRI_CARD_SAVE_BEYOND_DAYS = int(os.environ.get("KHEPRI_CARD_SAVE_BEYOND_DAYS", "5"))
KHEPRI_CARD_AUTHORISE_DAYS_BEFORE = int(os.environ.get("KHEPRI_CARD_AUTHORISE_DAYS_BEFORE", "3"))
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
#: The signing secret of the Connect endpoint (connected accounts' events, e.g. account.updated).
STRIPE_CONNECT_WEBHOOK_SECRET = os.environ.get("STRIPE_CONNECT_WEBHOOK_SECRET", "")
#: Another address for Stripe's API (a local fake server in tests).
KHEPRI_STRIPE_API_BASE = os.environ.get("KHEPRI_STRIPE_API_BASE", "")

# --- Invoices -------------------------------------------------------------------------------
#: The platform as the issuer of its own invoices (commission, company invoices, packages
#: valid with every practitioner).
KHEPRI_PLATFORM_LEGAL = {
    "name": os.environ.get("KHEPRI_LEGAL_NAME", "Khepri SAS"),
    "address": os.environ.get("KHEPRI_LEGAL_ADDRESS", "12 rue de la Paix\n75002 Paris"),
    "siret": os.environ.get("KHEPRI_LEGAL_SIRET", "73282932000074"),
    "vat_number": os.environ.get("KHEPRI_LEGAL_VAT_NUMBER", "FR44732829320"),
    "vat_rate_bp": int(os.environ.get("KHEPRI_LEGAL_VAT_RATE_BP", "2000")),
}
#: Days a company has to pay the platform's invoice (printed on it; overdue after).
KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS = int(
    os.environ.get("KHEPRI_COMPANY_INVOICE_PAYMENT_DAYS", "30")
)
