"""Slow work for accounts, run by the task worker (`brobygger db_worker`), never in a request."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
