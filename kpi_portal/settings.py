"""KPI Portal settings, read from the environment.

Every value has a default that runs on one machine with no server: an SQLite
file inside the project, the console e-mail backend and local media storage.
Production sets DATABASE_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """Read a yes/no variable; refuse anything that is not clearly one of them."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "0")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("KPI_REQUIRE_SECRET_KEY") == "1":
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Development and test only: production sets SECRET_KEY (see README).
    SECRET_KEY = "insecure-development-key-change-me-in-production-0123456789"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = "KPI Portal"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "kpi_portal.apps.AxesConfig",  # django-axes, named in Thai
    "csp",
    "agencies",
    "indicators",
    "scoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kpi_portal.middleware.ThaiUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kpi_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kpi_portal.context_processors.navigation",
            ],
            "builtins": ["kpi_portal.templatetags.thai", "kpi_portal.templatetags.people"],
        },
    },
]

WSGI_APPLICATION = "kpi_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and immediate transactions keep concurrent writers from failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Evidence and whole-city books are read by the app alone (downloads pass the permission check; nginx never
# serves MEDIA_ROOT): other accounts on the host get nothing, whatever the worker's umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Evidence uploads (quarterly reports).
EVIDENCE_MAX_BYTES = envint("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
# First reminder this many days before a quarter's report deadline.
REPORT_REMINDER_DAYS = envint("REPORT_REMINDER_DAYS", 7)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kpi-portal@localhost")

# Official documents print Thai digits unless told otherwise.
PDF_THAI_DIGITS = envbool("PDF_THAI_DIGITS", "1")
# WeasyPrint uses one core: the city book spreads its documents over this many processes.
PDF_WORKERS = envint("PDF_WORKERS", 2)

# A browser import's dry run left unconfirmed this long is given up and its file dropped.
IMPORT_PREVIEW_DAYS = envint("IMPORT_PREVIEW_DAYS", 7)

# Background jobs (the city book): huey on an SQLite file, no extra server; `manage.py run_huey` consumes.
INSTALLED_APPS += ["huey.contrib.djhuey"]
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "kpi-portal",
    "filename": os.environ.get("HUEY_FILENAME", str(BASE_DIR / "db.sqlite3-huey")),
    "immediate": envbool("HUEY_IMMEDIATE", "0"),
    "consumer": {"workers": 1, "worker_type": "thread"},
}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing or bad credential a 401, not a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "kpi_portal.api_pagination.ApiPagination",
    "PAGE_SIZE": 50,
    # JSON only: an indicator's tables (rubric levels, baselines...) cannot be sent as a form.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "kpi_portal.api_schema.AutoSchema",
    "DEFAULT_METADATA_CLASS": "kpi_portal.api_metadata.ApiMetadata",
}
API_DESCRIPTION = """ตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ กรุงเทพมหานคร: API สำหรับระบบอื่นของกรุงเทพมหานคร

* **การยืนยันตัวตน:** ส่ง header `Authorization: Token <key>` (ผู้ดูแลระบบออก token ให้ผู้ใช้แต่ละคนในหน้า admin);
  ไม่มีหรือ token ผิดได้ 401. ผู้ใช้เห็นและแก้ได้เท่าที่บทบาทของตนอนุญาต เหมือนหน้าเว็บ
* **ข้อมูลที่ไม่มีสิทธิ์เห็นได้ 404** (ไม่บอกว่ามีอยู่หรือไม่); เห็นได้แต่ไม่มีสิทธิ์แก้ได้ 403
* **ปี** (`fiscal_year`, `year`, `year_be`) เป็นปีงบประมาณ พ.ศ. เช่น 2567; วันที่และเวลาเป็น ISO 8601 (ค.ศ.)
* **ตัวเลขทศนิยม** (น้ำหนัก ร้อยละ ค่าเป้าหมาย ระดับ คะแนน) รับและส่งเป็นสตริง เช่น `"12.50"` เพื่อไม่ให้คลาดเคลื่อน
* **รายการ** แบ่งหน้าละ 50 รายการ (`?page=2`); ขอได้ถึง 500 รายการต่อหน้าด้วย `?page_size=`
* **การบันทึก** รับ JSON เท่านั้น ส่ง `expected_version` ที่อ่านมา; ถ้ามีผู้อื่นบันทึกก่อนได้ 409 และไม่มีอะไรถูกบันทึก
* **ข้อผิดพลาด** 400 เป็นข้อความต่อฟิลด์ `{"ชื่อฟิลด์": ["ข้อความ"]}`; อื่น ๆ เป็น `{"detail": "ข้อความ"}`;
  ภาษาไทยเป็นค่าเริ่มต้น ส่ง `Accept-Language: en` เพื่อรับภาษาอังกฤษ
"""
SPECTACULAR_SETTINGS = {
    "TITLE": "KPI Portal API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc served from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status` field with different choices; give each enum its domain name.
    "ENUM_NAME_OVERRIDES": {
        "IndicatorStatusEnum": "indicators.models.IndicatorStatus",
        "ReportStatusEnum": "indicators.models.ReportStatus",
        "AuditStatusEnum": "indicators.models.AuditStatus",
        "PackageStatusEnum": "indicators.models.PackageStatus",
    },
}
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "kpi_portal.api_exceptions.exception_handler"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------------------
# Security (issue 8). HTTPS=1 marks a production deployment behind TLS: it
# switches on secure cookies, HSTS and the SSL redirect, and SECRET_KEY becomes
# mandatory. `manage.py check --deploy` is clean with DEBUG=0, HTTPS=1,
# SECRET_KEY and ALLOWED_HOSTS set (tests/prod/test_deploy_settings.py).
# ---------------------------------------------------------------------------
HTTPS = envbool("HTTPS", "0")
if HTTPS and os.environ.get("SECRET_KEY", "") == "":
    raise ImproperlyConfigured("SECRET_KEY must be set when HTTPS=1 (production)")

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# A shared office PC: closing the browser ends the session; SESSION_COOKIE_AGE caps it anyway.
SESSION_EXPIRE_AT_BROWSER_CLOSE = envbool("SESSION_EXPIRE_AT_BROWSER_CLOSE", "1")
SECURE_SSL_REDIRECT = HTTPS and envbool("SECURE_SSL_REDIRECT", "1")
# The load balancer probes /healthz over plain HTTP inside the network (with the site's Host header:
# ALLOWED_HOSTS still applies; README, Production).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = HTTPS and envbool("SECURE_HSTS_PRELOAD", "1")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_PROXY", "0"):
    # The TLS-terminating proxy (nginx) sets this header; only trust it behind one.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if HTTPS:
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Login throttling (django-axes). Agency staff share NAT addresses, so a lockout
# holds one username on one address, never the whole address, and lifts itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Number of trusted reverse proxies in front of gunicorn (nginx alone: 1); 0 means clients
# connect directly and REMOTE_ADDR is the client. See kpi_portal/client_ip.py.
AXES_IPWARE_PROXY_COUNT = envint("AXES_IPWARE_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "kpi_portal.client_ip.client_ip"

# Content-Security-Policy (django-csp 4.0 format): own origin only, no inline
# scripts, no CDN. CSP_REPORT_ONLY=1 sends it as report-only while trying it out.
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if envbool("CSP_REPORT_ONLY", "0"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# The API schema and its docs are for signed-in users only (tests/prod/test_url_access.py).
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.IsAuthenticated"]
SIMPLE_HISTORY_REVERT_DISABLED = True  # kpi_portal/admin_history.py: changes go through forms and services
# Reasons (amendments, reopening a report: up to 300 characters) are kept whole, not cut to 100.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Backups (kpi_portal/backup.py) dump JSON with exact timestamps.
SERIALIZATION_MODULES = {"exactjson": "kpi_portal.serializers_exact"}
