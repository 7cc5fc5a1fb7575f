"""A person's private iCalendar feed: the milestones and due dates of their stretch projects.

Learners see their own projects; mentors see the projects they mentor, each
event prefixed with the learner's name. Completed projects drop out. Done
milestones stay in the feed, marked done, so a calendar keeps the history
instead of events silently vanishing. Every event is all-day and has a UID
built from the row's id, so a calendar app updates an event in place when
its date or title changes.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar, Event

from lms.core.people import display_name
from lms.models import CalendarFeed, StretchAssignment
from lms.notifications.delivery import absolute

PRODID = "-//Front line to team leader//Stretch projects//EN"
# Calendar apps that honour it poll twice a day; dates change rarely.
REFRESH = timedelta(hours=12)


def feed_of(user):
    """The user's feed (its secret token), made on first use."""
    return CalendarFeed.objects.get_or_create(user=user)[0]


def active_feed(token):
    """The feed a token opens, or None: unknown, regenerated or of an inactive user."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def project_url(assignment, as_mentor=False):
    """Where a person follows the project: the learner's page, or the mentor's review."""
    if as_mentor:
        return absolute(reverse("lms_mentoring:review", args=[assignment.pk]))
    return absolute(reverse("lms:project", args=[assignment.pk]))


def calendar_assignments(user):
    """Projects in the user's calendar, with learners and milestones: two queries."""
    return (
        StretchAssignment.objects.filter(Q(learner=user) | Q(mentor=user))
        .exclude(status=StretchAssignment.Status.COMPLETED)
        .select_related("learner")
        .prefetch_related("milestones")
        .order_by("due_date", "pk")
    )


def feed_for(user, host):
    """The user's calendar as iCalendar bytes; `host` names the site in event UIDs."""
    calendar = Calendar.new(
        prodid=PRODID,
        name=f"Stretch projects · {settings.WAGTAIL_SITE_NAME}",
        uid=f"calendar-{user.pk}@{host}",
        refresh_interval=REFRESH,
    )
    for assignment in calendar_assignments(user):
        for event in project_events(assignment, user, host):
            calendar.add_component(event)
    return calendar.to_ical()


def project_events(assignment, user, host):
    """The project's milestones and due date, as the user sees them."""
    as_mentor = assignment.learner_id != user.pk
    prefix = f"{display_name(assignment.learner)}: " if as_mentor else ""
    url = project_url(assignment, as_mentor)
    about = (
        f"Stretch project: {assignment.title}\n"
        f"Status: {assignment.get_status_display()}\n{url}"
    )
    for milestone in assignment.milestones.all():
        label = "Milestone done" if milestone.done else "Milestone"
        # A ticked milestone is a revision the project's own stamp does not see.
        revised = max(filter(None, (assignment.updated_at, milestone.done_at)))
        yield _all_day(
            uid=f"milestone-{milestone.pk}@{host}",
            day=milestone.due_date,
            summary=f"{prefix}{label}: {milestone.title}",
            description=about,
            url=url,
            revised=revised,
        )
    yield _all_day(
        uid=f"project-{assignment.pk}@{host}",
        day=assignment.due_date,
        summary=f"{prefix}Project due: {assignment.title}",
        description=about,
        url=url,
        revised=assignment.updated_at,
    )


def _all_day(uid, day, summary, description, url, revised):
    # DTSTAMP is when the information was last revised (RFC 5545 without METHOD),
    # so refetching an unchanged feed gives identical events.
    return Event.new(
        uid=uid,
        start=day,
        end=day + timedelta(days=1),
        summary=summary,
        description=description,
        url=url,
        stamp=revised.astimezone(UTC),
        transparency="TRANSPARENT",
    )
