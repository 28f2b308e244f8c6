"""Tests: one suite, two databases — DATABASE_URL picks PostgreSQL, otherwise SQLite."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once inside the test, so an email sent through the queue lands in mail.outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
