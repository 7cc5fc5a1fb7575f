"""The invitation to rate oneself again, `REASSESS_WEEKS` after a completed round.

Sent once per round: keyed by the round, and the round's `reinvited_at` is set
in the same transaction as the send, so a job run twice or redelivered sends
nothing new, and a failed send leaves both unset for the retry. Only the
enrolment's latest round counts (a learner who already started again is not
invited); inactive learners, those without an email address and those who
turned nudges off are skipped.
"""

from datetime import timedelta
from functools import partial

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from lms.conf import lms_settings
from lms.models import Assessment
from lms.notifications.delivery import (
    absolute,
    build_email,
    deliver,
    greeting_name,
    opt_out_url,
)

KIND = "reassess"
# Each run handles at most this many rounds; the rest go the next day.
BATCH = 1_000


def invitation_key(assessment_pk):
    return f"reassess:{assessment_pk}"


def due_rounds(now):
    """Completed rounds old enough, latest of their enrolment, not yet invited."""
    cutoff = now - timedelta(weeks=lms_settings.REASSESS_WEEKS)
    newer = Assessment.objects.filter(
        enrolment_id=OuterRef("enrolment_id"), round__gt=OuterRef("round")
    )
    return (
        Assessment.objects.filter(
            completed_at__lte=cutoff,
            reinvited_at__isnull=True,
            user__is_active=True,
            user__nudge_opt_out__isnull=True,
        )
        .exclude(user__email="")
        .exclude(Exists(newer))
        .select_related("user", "enrolment__programme")
        .order_by("completed_at", "pk")[:BATCH]
    )


def invitation_emails(now):
    weeks = lms_settings.REASSESS_WEEKS
    for assessment in due_rounds(now):
        user = assessment.user
        context = {
            "name": greeting_name(user),
            "completed": timezone.localdate(assessment.completed_at),
            "programme": assessment.enrolment.programme.title,
            "url": absolute(reverse("lms:assessment", args=[assessment.enrolment_id])),
            "opt_out_url": opt_out_url(user),
        }
        subject = f"{_weeks_on(weeks)}: rate yourself again"
        build = partial(_build, assessment.pk, subject, user.email, context, now)
        yield user, KIND, invitation_key(assessment.pk), build


def _build(assessment_pk, subject, to, context, now):
    # Inside send_once's transaction: marked only if the email goes.
    Assessment.objects.filter(pk=assessment_pk).update(reinvited_at=now)
    return build_email("reassess", subject, to, context)


def _weeks_on(weeks):
    """ "Six weeks on" (in words up to nine, as style guides write them)."""
    plural = "s" if weeks != 1 else ""
    return f"{str(apnumber(weeks)).capitalize()} week{plural} on"


def send_reassessment_invitations(now=None):
    """Invite each learner due to rate again, once per round; return how many now."""
    return deliver(invitation_emails(now or timezone.now()))
