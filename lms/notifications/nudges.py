"""Inactivity nudges after 3, 7 and 14 idle days, each once, with an opt-out.

Other concepts add a line to a nudge with the `nudge_email_lines` hook:
`hook(user, today)` returns a sentence or None. Hooks run while the email is
built, inside its send's transaction, so what they record rolls back with a
failed send.
"""

from functools import partial
from itertools import chain

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from lms.cohorts.dashboard import running_cohorts
from lms.cohorts.schedule import schedule_for
from lms.notifications.delivery import (
    absolute,
    build_email,
    deliver,
    greeting_name,
    opt_out_url,
)
from lms.notifications.unlock import learners_of

NUDGE_AFTER_DAYS = (3, 7, 14)
LINES_HOOK = "nudge_email_lines"


def idle_since(enrolment, cohort):
    """The day idleness counts from: last activity, else the later of start and enrolment."""
    if enrolment.last_activity_at:
        return timezone.localdate(enrolment.last_activity_at)
    return max(cohort.start_date, timezone.localdate(enrolment.enrolled_at))


def nudge_due(enrolment, cohort, today):
    """(days, anchor) of the latest nudge stage the learner has reached, or None."""
    anchor = idle_since(enrolment, cohort)
    reached = [days for days in NUDGE_AFTER_DAYS if (today - anchor).days >= days]
    return (reached[-1], anchor) if reached else None


def nudge_emails(cohort, today):
    """A nudge for each idle learner of the cohort who has not finished or opted out."""
    modules = schedule_for(cohort.programme).total
    learners = learners_of(cohort).filter(
        user__nudge_opt_out__isnull=True, modules_completed__lt=modules
    )
    for enrolment in learners:
        due = nudge_due(enrolment, cohort, today)
        if due is None:
            continue
        days, anchor = due
        user = enrolment.user
        context = {
            "user": user,
            "name": greeting_name(user),
            "cohort": cohort,
            "idle_days": (today - anchor).days,
            "url": absolute(reverse("lms:home")),
            "opt_out_url": opt_out_url(user),
        }
        subject = f"{cohort.name}: five minutes today?"
        build = partial(_build_nudge, subject, user, today, context)
        yield user, "nudge", f"nudge:{days}:{enrolment.pk}:{anchor.isoformat()}", build


def _build_nudge(subject, user, today, context):
    lines = [
        line for hook in hooks.get_hooks(LINES_HOOK) if (line := hook(user, today))
    ]
    return build_email("nudge", subject, user.email, {**context, "lines": lines})


def send_nudges(today):
    """Nudge idle learners of running cohorts after 3, 7 and 14 days, each stage once."""
    cohorts = running_cohorts(today)
    return deliver(chain.from_iterable(nudge_emails(c, today) for c in cohorts))
