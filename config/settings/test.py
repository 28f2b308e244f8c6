"""Tests: one suite, two databases — DATABASE_URL picks PostgreSQL, otherwise SQLite."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once inside the test, so an email sent through the queue lands in mail.outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
# The cache follows base.py's rule: the database cache (its table is created with the test
# database), or Redis only when REDIS_URL is set, so no test needs a Redis server. On Redis the
# tests keep their own key prefix, so they never read or overwrite a running server's entries,
# and a prefix per database, so the SQLite and PostgreSQL runs (side by side in CI) do not meet.
if REDIS_URL:  # noqa: F405
    _database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"  # noqa: F405
    CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": f"brobygger-test-{_database}"}}  # noqa: F405
# On PostgreSQL a test never waits for ever on another connection: a lock not granted within a
# minute fails the statement with the lock named, and a connection left inside a transaction
# (a live-server thread that stopped half-way) is ended, so the next test's flush can run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c lock_timeout=60s -c idle_in_transaction_session_timeout=300s"
    )
# A service that changes domain data without an audit record fails the test that called it.
BROBYGGER_AUDIT_STRICT = True
# A small example capability (tests/example_capability), registered only inside its test.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_capability"]  # noqa: F405
# The matrix and the API fuzz test send many requests from one address; the rate limits have
# their own tests (brobygger/api/tests), which set the rates they need.
BROBYGGER_API_RATES = {"user": "100000/hour", "anonymous": "100000/hour"}
