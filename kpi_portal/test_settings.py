"""Settings for the test suite: the real settings with fast hashing and captured e-mail."""

import tempfile

from .settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="kpi-test-media-")

# Client.login() authenticates without a request; see tests/auth_backends.py.
AUTHENTICATION_BACKENDS = ["tests.auth_backends.RequestOptionalAxesBackend", *AUTHENTICATION_BACKENDS[1:]]  # noqa: F405
# Background jobs run inline in tests; PDFs render in-process.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
PDF_WORKERS = 1
