"""Sending email once, thanks to a notification log; rendering; nudge opt-out.

Every email has a key (`Notification.key` is unique). `send_once` writes the
key and sends inside one transaction: a key already there means the email
went out before, so a job that runs twice or is redelivered sends nothing
new; a send that fails rolls its key back, so the job's retry sends it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.signing import Signer
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.models import Notification, NudgeOptOut

logger = logging.getLogger(__name__)

# smtplib.SMTPException and socket errors are all OSErrors.
SEND_ERRORS = (OSError,)

OPT_OUT_SALT = "lms.nudges.off"


class DeliveryFailed(Exception):
    """Some emails of a run could not be sent; their keys were rolled back for a retry."""


def send_once(user, kind, key, build):
    """Send the email `build()` makes unless `key` was sent before; True if sent now."""
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            key=key, defaults={"user": user, "kind": kind}
        )
        if not created:
            return False
        build().send()
        Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True


def deliver(emails):
    """Send each (user, kind, key, build) once; return how many went out in this run.

    A failed send is logged and the others still go; DeliveryFailed then asks
    the job to retry, which sends only what is still missing.
    """
    sent = failed = 0
    for user, kind, key, build in emails:
        try:
            sent += send_once(user, kind, key, build)
        except SEND_ERRORS:
            logger.exception("could not send %s", key)
            failed += 1
    if failed:
        raise DeliveryFailed(f"{failed} emails not sent ({sent} sent)")
    return sent


def build_email(template, subject, to, context):
    """A plain-text email with an HTML alternative, from lms/email/<template>.txt/.html."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    message = EmailMultiAlternatives(
        subject, render_to_string(f"lms/email/{template}.txt", context), to=[to]
    )
    message.attach_alternative(
        render_to_string(f"lms/email/{template}.html", context), "text/html"
    )
    return message


def absolute(path):
    """An absolute URL for a path of this site, as Wagtail builds links in its emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def greeting_name(user):
    """How an email greets the user."""
    return user.first_name or user.get_full_name() or user.username


def opt_out_token(user):
    """A signed token naming the user; it does not expire, like an unsubscribe link."""
    return Signer(salt=OPT_OUT_SALT).sign(str(user.pk))


def opt_out_url(user):
    """The absolute link that turns the user's nudges off."""
    return absolute(reverse("lms:nudges_off", args=[opt_out_token(user)]))


def user_for_opt_out(token):
    """The user a token names, or None; raises BadSignature for a token not made here."""
    pk = Signer(salt=OPT_OUT_SALT).unsign(token)
    return get_user_model().objects.filter(pk=pk).first()


def opt_out_of_nudges(user):
    """Stop inactivity nudges for the user; doing it twice is harmless."""
    NudgeOptOut.objects.get_or_create(user=user)


def has_opted_out(user):
    """Whether the user turned nudges off."""
    return NudgeOptOut.objects.filter(user=user).exists()
