"""Invitations: a new account's email with a one-time link to set its password."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lms.models import Notification
from lms.notifications.delivery import absolute, build_email, greeting_name, send_once

KIND = "invitation"


def set_password_url(user):
    """The one-time link that lets the user set a password (it expires after
    PASSWORD_RESET_TIMEOUT, and once a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("lms:password_reset_confirm", args=[uid, token]))


def invite(user, programme_title, invited_by=None, again=False):
    """Email the user their invitation, once per account (or again, when resent).

    Returns whether an email went out. A resend has its own key per resend so
    it is never swallowed by the first one, and still goes at most once if the
    same resend is retried.
    """
    key = f"{KIND}:{user.pk}"
    if again:
        key = f"{key}:resend:{_invitations(user).count()}"
    return send_once(
        user,
        KIND,
        key,
        lambda: build_email(
            "invitation",
            f"You are invited to {programme_title}",
            user.email,
            {
                "name": greeting_name(user),
                "programme": programme_title,
                "invited_by": invited_by and invited_by.get_full_name(),
                "url": set_password_url(user),
                "sign_in_url": absolute(reverse("lms:login")),
                "username": user.get_username(),
            },
        ),
    )


def invite_all(user_ids, programme_id, invited_by_id=None):
    """Invite each of these accounts that still has no password; the number sent."""
    from django.contrib.auth import get_user_model

    from courses.models import ProgrammePage

    users = get_user_model().objects.filter(pk__in=user_ids)
    programme = ProgrammePage.objects.filter(pk=programme_id).first()
    title = programme.title if programme else "your programme"
    by = get_user_model().objects.filter(pk=invited_by_id).first()
    return sum(
        invite(user, title, invited_by=by)
        for user in users
        if not user.has_usable_password()
    )


def _invitations(user):
    return Notification.objects.filter(user=user, kind=KIND)


def was_invited(user):
    """Whether an invitation ever reached the user's inbox."""
    return _invitations(user).filter(sent_at__isnull=False).exists()
