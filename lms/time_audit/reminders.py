"""The weekly reminder: on the learner's chosen day, if this week is not logged yet.

Keyed by learner and ISO week, so a job run twice or redelivered sends nothing
new. A run missed on the day is caught up later in the same week; a week already
logged, or reminders turned off, sends nothing.
"""

from functools import partial

from django.core.signing import Signer
from django.db.models import Exists, OuterRef
from django.urls import reverse

from lms.models import AuditProfile, AuditWeek
from lms.notifications.delivery import absolute, build_email, deliver, greeting_name
from lms.time_audit.categories import week_label, week_start

OPT_OUT_SALT = "lms.time_audit.reminders.off"
KIND = "time_audit_reminder"


def opt_out_token(user):
    return Signer(salt=OPT_OUT_SALT).sign(str(user.pk))


def user_pk_for(token):
    """The user pk a token names; raises BadSignature for a token not made here."""
    return Signer(salt=OPT_OUT_SALT).unsign(token)


def turn_off(user_pk):
    """No more reminders for the learner; doing it twice is harmless."""
    AuditProfile.objects.filter(user_id=user_pk).update(
        reminders_off=True, reminder_day=None
    )


def due_profiles(today):
    """Profiles whose reminder day has come this week and whose week is not logged."""
    monday = week_start(today)
    logged = AuditWeek.objects.filter(user_id=OuterRef("user_id"), week_start=monday)
    return (
        AuditProfile.objects.filter(
            reminders_off=False,
            reminder_day__isnull=False,
            reminder_day__lte=today.isoweekday(),
            user__is_active=True,
        )
        .exclude(user__email="")
        .exclude(Exists(logged))
        .select_related("user")
        .order_by("pk")
    )


def reminder_emails(today):
    label = week_label(week_start(today))
    for profile in due_profiles(today):
        user = profile.user
        context = {
            "name": greeting_name(user),
            "week": label,
            "url": absolute(reverse("lms:time_audit_week", args=[label])),
            "opt_out_url": absolute(
                reverse("lms:time_audit_reminders_off", args=[opt_out_token(user)])
            ),
        }
        subject = f"Where did your time go this week? ({label})"
        build = partial(
            build_email, "time_audit_reminder", subject, user.email, context
        )
        yield user, KIND, f"time-audit-reminder:{user.pk}:{label}", build


def send_time_audit_reminders(today):
    """Send this day's reminders, each once; return how many went out now."""
    return deliver(reminder_emails(today))
