"""Stretch-project emails: the daily reminders, and news when work is submitted or reviewed.

Every email goes through `notifications.deliver`, keyed so that a job run
twice or redelivered sends nothing new.

The daily run is forgiving about missed days, like the pacing emails: a
reminder goes out on its day, or on the next run if that one was missed,
and never once the moment has passed.

- A milestone not done: 3 days before it is due (a later run catches up
  until the day before, saying how many days are left).
- A project still open: the day before it is due (a run on the day itself
  catches up).
- A project still open past its due date: on the first day overdue, then
  every 7 days while it stays overdue. Each 7-day window sends once, so a
  missed run sends later in the same window.

Keys carry the due date, so moving a date arms its reminders again.
"""

import logging
from datetime import datetime, time, timedelta
from functools import partial
from itertools import chain

from django.db.models import Q
from django.utils import timezone

from lms.core.people import display_name
from lms.models import AssignmentMilestone, StretchAssignment
from lms.notifications.delivery import build_email, deliver, greeting_name
from lms.stretch.calendar import project_url
from lms.stretch.reviews import latest_review

logger = logging.getLogger(__name__)

MILESTONE_NOTICE_DAYS = 3
OVERDUE_EVERY_DAYS = 7
# How far back the daily run looks for submission and review emails a broker outage lost.
NEWS_CATCH_UP_DAYS = 7
# Moves that bring news: the mentor hears of a submission, the learner of a review.
NEWS_ACTIONS = ("submit", "approve", "request_changes")

Status = StretchAssignment.Status


def _reachable(prefix):
    """Rows whose `prefix` person is active and has an email address."""
    return Q(**{f"{prefix}is_active": True}) & ~Q(**{f"{prefix}email": ""})


def can_email(user):
    return user is not None and user.is_active and bool(user.email)


def in_days(days):
    """How a reminder names the time left."""
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


# Daily reminders


def milestone_emails(today):
    """Milestones not done, due within the next 3 days, of open projects."""
    milestones = (
        AssignmentMilestone.objects.filter(
            _reachable("assignment__learner__"),
            done_at__isnull=True,
            due_date__gt=today,
            due_date__lte=today + timedelta(days=MILESTONE_NOTICE_DAYS),
            assignment__status__in=StretchAssignment.OPEN,
        )
        .select_related("assignment__learner")
        .order_by("due_date", "pk")
    )
    for milestone in milestones:
        assignment, learner = milestone.assignment, milestone.assignment.learner
        when = in_days((milestone.due_date - today).days)
        context = {
            "name": greeting_name(learner),
            "milestone": milestone,
            "assignment": assignment,
            "when": when,
            "url": project_url(assignment),
        }
        subject = f"Milestone due {when}: {milestone.title}"
        build = partial(
            build_email, "stretch_milestone", subject, learner.email, context
        )
        key = f"stretch-milestone:{milestone.pk}:{milestone.due_date.isoformat()}"
        yield learner, "stretch_milestone", key, build


def _open_assignments():
    return (
        StretchAssignment.objects.filter(
            _reachable("learner__"), status__in=StretchAssignment.OPEN
        )
        .select_related("learner")
        .order_by("due_date", "pk")
    )


def due_emails(today):
    """Open projects due tomorrow (or today, when yesterday's run was missed)."""
    due = _open_assignments().filter(
        due_date__gte=today, due_date__lte=today + timedelta(days=1)
    )
    for assignment in due:
        learner = assignment.learner
        when = in_days((assignment.due_date - today).days)
        context = {
            "name": greeting_name(learner),
            "assignment": assignment,
            "when": when,
            "url": project_url(assignment),
        }
        subject = f"Stretch project due {when}: {assignment.title}"
        build = partial(build_email, "stretch_due", subject, learner.email, context)
        key = f"stretch-due:{assignment.pk}:{assignment.due_date.isoformat()}"
        yield learner, "stretch_due", key, build


def overdue_window(due_date, today):
    """Which 7-day window of being overdue `today` falls in: 0 from the first day."""
    return ((today - due_date).days - 1) // OVERDUE_EVERY_DAYS


def overdue_emails(today):
    """Open projects past their due date: one reminder per 7-day window."""
    for assignment in _open_assignments().filter(due_date__lt=today):
        learner = assignment.learner
        window = overdue_window(assignment.due_date, today)
        context = {
            "name": greeting_name(learner),
            "assignment": assignment,
            "days_over": (today - assignment.due_date).days,
            "url": project_url(assignment),
        }
        subject = f"Stretch project overdue: {assignment.title}"
        build = partial(build_email, "stretch_overdue", subject, learner.email, context)
        due = assignment.due_date.isoformat()
        key = f"stretch-overdue:{assignment.pk}:{due}:{window}"
        yield learner, "stretch_overdue", key, build


def send_stretch_reminders(today):
    """Send today's milestone, due and overdue reminders, each once; return how many.

    The run also sends any news of the last week that the on-commit hand-off
    lost to a broker outage: same keys, so news already sent is not repeated.
    """
    return deliver(
        chain(
            milestone_emails(today),
            due_emails(today),
            overdue_emails(today),
            missed_news(today),
        )
    )


def missed_news(today):
    """Submissions and reviews of the last NEWS_CATCH_UP_DAYS days, for a second chance."""
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=NEWS_CATCH_UP_DAYS), time.min)
    )
    recent = StretchAssignment.objects.select_related("learner", "mentor")
    waiting = recent.filter(status=Status.SUBMITTED, submitted_at__gte=since)
    reviewed = recent.filter(reviews__created_at__gte=since).distinct()
    for assignment in waiting.order_by("pk"):
        yield from submitted_emails(assignment)
    for assignment in reviewed.order_by("pk"):
        yield from reviewed_emails(assignment)


# News of a move


def send_stretch_news(assignment_id, action):
    """Email the mentor about a submission, or the learner about a review, once."""
    assignment = (
        StretchAssignment.objects.select_related("learner", "mentor")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        logger.info("stretch assignment %s is gone; no news sent", assignment_id)
        return 0
    if action == "submit":
        return deliver(submitted_emails(assignment))
    if action in ("approve", "request_changes"):
        return deliver(reviewed_emails(assignment))
    return 0


def submitted_emails(assignment):
    """Tell the mentor that work waits for them, unless it was reviewed already."""
    mentor = assignment.mentor
    waiting = assignment.status == Status.SUBMITTED and assignment.submitted_at
    if not waiting or not can_email(mentor):
        return
    context = {
        "name": greeting_name(mentor),
        "learner_name": display_name(assignment.learner),
        "assignment": assignment,
        "url": project_url(assignment, as_mentor=True),
    }
    subject = f"{context['learner_name']} submitted {assignment.title}"
    build = partial(build_email, "stretch_submitted", subject, mentor.email, context)
    # A resubmission after changes has a new stamp, hence a new email.
    key = f"stretch-submitted:{assignment.pk}:{assignment.submitted_at.isoformat()}"
    yield mentor, "stretch_submitted", key, build


def reviewed_emails(assignment):
    """Tell the learner the outcome and comment of the latest review."""
    learner = assignment.learner
    review = latest_review(assignment)
    if review is None or not can_email(learner):
        return
    context = {
        "name": greeting_name(learner),
        "assignment": assignment,
        "review": review,
        "approved": review.outcome == review.Outcome.APPROVED,
        "mentor_name": display_name(review.mentor) if review.mentor else "Your mentor",
        "url": project_url(assignment),
    }
    verdict = "approved" if context["approved"] else "needs changes"
    subject = f"{assignment.title}: {verdict}"
    build = partial(build_email, "stretch_reviewed", subject, learner.email, context)
    yield learner, "stretch_reviewed", f"stretch-reviewed:{review.pk}", build
