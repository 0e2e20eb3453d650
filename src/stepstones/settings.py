"""The one settings module: every value comes from an environment variable or a safe local default.

Local use needs no configuration (SQLite in ./var, DEBUG on). Production sets at least
DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; start-up refuses DEBUG off with the
development secret.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from stepstones.env import env_bool, env_int, env_list, env_str
from stepstones.i18n import translated_languages

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("STEPSTONES_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEV_SECRET_KEY = "stepstones-development-only-secret-never-use-in-production"  # noqa: S105

DEBUG = env_bool("DEBUG", True)
# --- The local demo server (`make run`) -----------------------------------------------------
# `make run` sets STEPSTONES_DEMO=true. The demo then runs with DEBUG off, so a bad address or an
# error shows the project's own pages (templates 404.html and 500.html), as a real server does,
# instead of Django's debug pages, which list every URL pattern. What a laptop demo needs stays
# as with DEBUG on (LOCAL): the public development secret, a vault key generated into var/, and
# cookies over plain http. Static files come through WhiteNoise either way. Never on a server.
DEMO = env_bool("STEPSTONES_DEMO", False)
if DEMO:
    DEBUG = False
LOCAL = DEBUG or DEMO
# ---------------------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if not LOCAL and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        "(the development secret is public)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # TOTP devices and one-time recovery codes (stepstones.agencies.second_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "stepstones.web",
    "stepstones.screening",
    "stepstones.api",
    "stepstones.suggest",
    "stepstones.offers",
    "stepstones.agencies",
    "stepstones.audit",
    "stepstones.cases",
    "stepstones.referrals",
    "stepstones.duplicates",
    "stepstones.training",
    "stepstones.stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy (django-csp, CONTENT_SECURITY_POLICY below), then
    # Permissions-Policy and no-store on every logged-in page (stepstones.web.headers).
    "csp.middleware.CSPMiddleware",
    "stepstones.web.headers.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses a NUL in a query string, form field or JSON string; drops cookies holding one
    # (before the session middleware reads its cookie). docs/security.md, "Bad input".
    "stepstones.web.nul.NullCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Counts anonymous POSTs to the public endpoints per address (STEPSTONES_PUBLIC_RATE_*).
    "stepstones.web.ratelimit.PublicRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends sessions idle or too old, and those a "log out everywhere" ended (docs/security.md).
    "stepstones.agencies.sessions.SessionLifetimeMiddleware",
    # A role that reads identities or exports passes its second factor before anything else.
    "stepstones.agencies.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out login into the login page with the reason (django-axes: last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stepstones.urls"
WSGI_APPLICATION = "stepstones.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Fast row filters (`stamp`, `day`, `link`) in every template without a `{% load %}`.
            "builtins": ["stepstones.web.templatetags.rows"],
        },
    },
]
# Django's form markup drawn in Python: widget templates were a third of all CPU (issue 13).
FORM_RENDERER = "stepstones.web.renderers.FastRenderer"

_default_sqlite = f"sqlite:///{VAR_DIR / 'stepstones.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite),
        # A connection per worker, kept between requests: opening one per request cost 5-9 ms
        # of CPU and 10 ms of wall time (issue 13's profile). Checked before reuse, so a
        # connection the database or a proxy closed is replaced instead of failing a request.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(str(DATABASES["default"]["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    # Wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # A file, not memory, for the test database: the browser tests' live server runs in another
    # thread, and an in-memory SQLite connection cannot be shared between threads.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-stepstones.sqlite3")}
# The training sandbox's own database (training/sandbox.py): the drill runs the real actions
# there, on fictional data. SANDBOX_DATABASE_URL, else the default database's twin: a file
# beside it for SQLite, a database named <name>_sandbox on the same PostgreSQL server.
if env_str("SANDBOX_DATABASE_URL", ""):
    DATABASES["sandbox"] = dj_database_url.parse(env_str("SANDBOX_DATABASE_URL", ""))
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["sandbox"] = {
        **DATABASES["default"],
        "NAME": str(VAR_DIR / "sandbox.sqlite3"),
        "TEST": {"NAME": str(VAR_DIR / "test-sandbox.sqlite3")},
    }
else:
    DATABASES["sandbox"] = {
        **DATABASES["default"],
        "NAME": f"{DATABASES['default']['NAME']}_sandbox",
        "TEST": {},
    }
DATABASE_ROUTERS = ["stepstones.training.sandbox.SandboxRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English, plus every language that has a translation file in locale/<code>/LC_MESSAGES/: a new
# language of the region (mk, sq, sr, ...) is added as a translation file, not as code.
LANGUAGES = [("en", _("English")), *translated_languages(PACKAGE_DIR / "locale")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Skopje")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"  # filled by `stepstones collectstatic` on servers
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from the apps' static folders too, so a fresh checkout needs no collectstatic.
WHITENOISE_USE_FINDERS = True

# Argon2id at OWASP's parameters; older PBKDF2 hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "stepstones.agencies.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# django-axes refuses a locked-out login before any password is checked; then Django's password
# and permission rules, the request's user arriving with their membership.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "stepstones.agencies.backends.MembershipBackend",
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only,
# no inline script or style (the pages use static files: web/behaviours.js for what once were
# inline handlers), no frames, no plugins, forms posting only here. docs/security.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "frame-ancestors": [CSP_NONE],
        "form-action": [CSP_SELF],
    }
}
# TLS in production (check --deploy clean): HSTS for a year, and every http request redirected to
# https. Behind a reverse proxy that terminates TLS (STEPSTONES_TRUSTED_PROXIES > 0), the proxy's
# X-Forwarded-Proto says whether the request came over https; the proxy must set it itself.
SECURE_HSTS_SECONDS = 0 if LOCAL else env_int("STEPSTONES_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL
SECURE_HSTS_PRELOAD = not LOCAL and env_bool("STEPSTONES_HSTS_PRELOAD", True)
SECURE_SSL_REDIRECT = not LOCAL and env_bool("STEPSTONES_SSL_REDIRECT", True)
if env_int("STEPSTONES_TRUSTED_PROXIES", 0) > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "stepstones@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Logins and sessions (docs/security.md) ------------------------------------------------
# Failed logins are counted in the database by django-axes, so every app server sees the same
# counts. Three tiers, each within the last STEPSTONES_LOGIN_LOCKOUT_MINUTES
# (stepstones.agencies.lockout): failures of one account from one address pause that pair
# (a colleague at the same address, or the same person elsewhere, still logs in); failures from
# one address over any accounts pause the address (one password tried on many user names);
# failures of one account from any address pause the account (guessing from many addresses).
# 0 switches the address or account tier off. A success clears its own pair only.
AXES_FAILURE_LIMIT = env_int("STEPSTONES_LOGIN_FAILURE_LIMIT", 5, minimum=1)
STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("STEPSTONES_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("STEPSTONES_LOGIN_ACCOUNT_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("STEPSTONES_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "stepstones.agencies.lockout.TieredLockoutHandler"
AXES_USERNAME_CALLABLE = "stepstones.agencies.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "stepstones.agencies.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "stepstones.agencies.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Attempts while paused are refused unchecked and do not extend the pause.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The audit chain records every login, failure, lockout and logout (agencies/account_actions.py).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For;
# 0 (no proxy) takes the connection's address. Set it behind a proxy, or every login seems
# to come from the proxy's address and the address tier pauses everyone at once.
STEPSTONES_TRUSTED_PROXIES = env_int("STEPSTONES_TRUSTED_PROXIES", 0)
# A session ends after STEPSTONES_SESSION_IDLE_MINUTES without a request, and
# STEPSTONES_SESSION_HOURS after its login in any case (stepstones.agencies.sessions).
STEPSTONES_SESSION_IDLE_MINUTES = env_int("STEPSTONES_SESSION_IDLE_MINUTES", 30, minimum=1)
STEPSTONES_SESSION_HOURS = env_int("STEPSTONES_SESSION_HOURS", 12, minimum=1)
# `stepstones apply-retention`: years after a person's last case closed before what identifies
# them is erased (docs/security.md, "Identity vault").
STEPSTONES_RETENTION_YEARS = env_int("STEPSTONES_RETENTION_YEARS", 5, minimum=1)
SESSION_COOKIE_AGE = STEPSTONES_SESSION_HOURS * 3600
# Second factor (stepstones.agencies.second_factor): revealing an identity asks for a fresh code
# when the session's last second-factor check is STEPSTONES_REAUTH_MINUTES old or more. Wrong
# codes pause the account like wrong passwords: AXES_FAILURE_LIMIT of them within
# AXES_COOLOFF_TIME, unlocked by `stepstones unlock`. django-otp's own per-device delays are off
# (factor 0): the per-account count replaces them, and a person who mistypes a code once can
# type the right one at once.
STEPSTONES_REAUTH_MINUTES = env_int("STEPSTONES_REAUTH_MINUTES", 15, minimum=1)
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = "stepstones"

# Largest request body the app reads, in bytes (job offers and notes are capped at 20,000
# characters each elsewhere).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=1024)

# The public endpoints that do work without a login (offer check, notes assistant, quick screen,
# their API twins): at most STEPSTONES_PUBLIC_RATE_LIMIT POSTs per address in each fixed window of
# STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS, then 429 (stepstones.web.ratelimit); 0 switches it off.
# Logged-in users are not counted. Counted in the cache: per process with the default
# local-memory cache (docs/security.md, "Bad input").
STEPSTONES_PUBLIC_RATE_LIMIT = env_int("STEPSTONES_PUBLIC_RATE_LIMIT", 60)
STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS = env_int(
    "STEPSTONES_PUBLIC_RATE_WINDOW_SECONDS", 60, minimum=1
)

# Path of a trained job-offer model (`stepstones train-offer-model`); empty = flags only.
OFFER_MODEL_PATH = env_str("OFFER_MODEL_PATH", "")
# Identity vault keys (see docs/security.md): comma-separated Fernet keys, first one encrypts,
# or a key file with one key per line. With neither and DEBUG on, a development key is generated
# into var/vault.keys on first use; with DEBUG off a missing key is an error.
STEPSTONES_VAULT_KEYS = env_list("STEPSTONES_VAULT_KEYS", [])
STEPSTONES_VAULT_KEY_FILE = env_str("STEPSTONES_VAULT_KEY_FILE", "")
STEPSTONES_VAULT_AUTOGENERATE = LOCAL
# Audit keys (docs/security.md): HMAC-SHA256 keys sealing the audit chains and checkpoints,
# comma-separated (the first seals, all verify), or a key file with one key per line. With neither
# and DEBUG on (or the demo), a development key is generated into var/audit.keys on first use;
# otherwise a missing key is an error. Never remove a key while events sealed with it are kept.
STEPSTONES_AUDIT_KEYS = env_list("STEPSTONES_AUDIT_KEYS", [])
STEPSTONES_AUDIT_KEY_FILE = env_str("STEPSTONES_AUDIT_KEY_FILE", "")
STEPSTONES_AUDIT_AUTOGENERATE = LOCAL
# The network's linkage secret (docs/linkage.md, "In the platform"): keys the Bloom-filter
# encodings that find the same person across organisations. Comma-separated, only the first is
# used, or a key file; with neither and DEBUG on (or the demo), generated into var/linkage.keys.
# Rotate by putting a new key first and running `stepstones reencode-linkage`.
STEPSTONES_LINKAGE_KEYS = env_list("STEPSTONES_LINKAGE_KEYS", [])
STEPSTONES_LINKAGE_KEY_FILE = env_str("STEPSTONES_LINKAGE_KEY_FILE", "")
STEPSTONES_LINKAGE_AUTOGENERATE = LOCAL
# The PostgreSQL role the app connects as, when migrations run as another role that owns the
# tables: the audit migration revokes UPDATE, DELETE and TRUNCATE on the audit log from it
# (docs/deploy.md). Empty: rights unchanged.
STEPSTONES_DB_APP_ROLE = env_str("STEPSTONES_DB_APP_ROLE", "")
# A pending referral is marked expired this many hours after its deadline passed.
STEPSTONES_REFERRAL_EXPIRY_HOURS = env_int("STEPSTONES_REFERRAL_EXPIRY_HOURS", 7 * 24, minimum=1)
