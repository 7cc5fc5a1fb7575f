"""Emails to learners and managers, each sent at most once thanks to a notification log.

Every email has a key (`Notification.key` is unique). `send_once` writes the
key and sends inside one transaction: a key already there means the email
went out before, so a job that runs twice or is redelivered sends nothing
new; a send that fails rolls its key back, so the job's retry sends it.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from itertools import chain

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.signing import Signer
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.cohorts.dashboard import (
    AT_RISK,
    cohort_dashboard,
    expected_modules,
    learner_status,
    running_cohorts,
    schedule_for,
    unlocked_course_count,
)
from lms.cohorts.missed_questions import most_missed
from lms.models import Cohort, Enrolment, Notification, NudgeOptOut

logger = logging.getLogger(__name__)

# smtplib.SMTPException and socket errors are all OSErrors.
SEND_ERRORS = (OSError,)
# A run missed for a day or two still announces the course that opened.
UNLOCK_NEWS_FOR = timedelta(days=3)
NUDGE_AFTER_DAYS = (3, 7, 14)
OPT_OUT_SALT = "lms.nudges.off"
DIGEST_COMPARES_WITH = timedelta(days=7)
MISSED_IN_DIGEST = 5


class DeliveryFailed(Exception):
    """Some emails of a run could not be sent; their keys were rolled back for a retry."""


# Sending once


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


def learners_of(cohort):
    """The cohort's enrolments whose learners can receive email."""
    return (
        Enrolment.objects.filter(cohort=cohort, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def greeting_name(user):
    """How an email greets the user."""
    return user.first_name or user.get_full_name() or user.username


# Pacing: the course that opened this week


def newly_opened_courses(cohort, schedule, today):
    """Courses a weekly-paced cohort opened in the last few days (none when all are open)."""
    opened = unlocked_course_count(cohort, schedule, today)
    before = unlocked_course_count(cohort, schedule, today - UNLOCK_NEWS_FOR)
    return [
        (before + n + 1, course)
        for n, (course, _count) in enumerate(schedule.courses[before:opened])
    ]


def unlock_emails(cohort, today):
    """One email per learner and newly opened course of the cohort."""
    opened = newly_opened_courses(cohort, schedule_for(cohort.programme), today)
    if not opened:
        return
    links = {course.pk: course.get_full_url() or absolute("/") for _w, course in opened}
    for enrolment in learners_of(cohort):
        user = enrolment.user
        for week, course in opened:
            context = {
                "user": user,
                "name": greeting_name(user),
                "cohort": cohort,
                "course": course,
                "week": week,
                "url": links[course.pk],
            }
            build = partial(
                build_email,
                "unlock",
                f"Week {week}: {course.title} is open",
                user.email,
                context,
            )
            yield user, "unlock", f"unlock:{cohort.pk}:{course.pk}:{user.pk}", build


def send_unlock_emails(today):
    """Tell the learners of weekly-paced cohorts about the course that just opened."""
    cohorts = running_cohorts(today).filter(pacing=Cohort.Pacing.WEEKLY)
    return deliver(chain.from_iterable(unlock_emails(c, today) for c in cohorts))


# Inactivity nudges


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
        build = partial(
            build_email,
            "nudge",
            f"{cohort.name}: five minutes today?",
            user.email,
            context,
        )
        yield user, "nudge", f"nudge:{days}:{enrolment.pk}:{anchor.isoformat()}", build


def send_nudges(today):
    """Nudge idle learners of running cohorts after 3, 7 and 14 days, each stage once."""
    cohorts = running_cohorts(today)
    return deliver(chain.from_iterable(nudge_emails(c, today) for c in cohorts))


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


# Weekly digest for managers


@dataclass
class CohortDigest:
    """One cohort's part of a manager's weekly digest."""

    cohort: object
    learners: int
    completion: int
    active: int
    at_risk: int
    at_risk_before: int | None
    new_at_risk: list = field(default_factory=list)  # LearnerRow
    most_missed: list = field(default_factory=list)  # missed_questions.MissedQuestion


def baseline_snapshot(snapshots, today):
    """The latest snapshot at least a week old: what the previous digest reported."""
    older = [s for s in snapshots if s.taken_on <= today - DIGEST_COMPARES_WITH]
    return older[-1] if older else None


def newly_at_risk(dashboard, baseline):
    """At-risk learners who were not at risk when the baseline snapshot was taken.

    The snapshot names the enrolments at risk that night. Older snapshots keep
    only the count; then each learner's status is worked out again from their
    roll-ups: exact for learners idle since, and learners enrolled or active
    since count as new.
    """
    rows = [row for row in dashboard.rows if row.status == AT_RISK]
    if baseline is None:
        return rows
    if (known := baseline.at_risk_enrolments) is not None:
        known = set(known)
        return [row for row in rows if row.enrolment.pk not in known]
    then, cohort = baseline.as_of, dashboard.cohort
    expected = expected_modules(cohort, dashboard.schedule, timezone.localdate(then))
    return [
        row for row in rows if not _was_at_risk(row.enrolment, cohort, expected, then)
    ]


def _was_at_risk(enrolment, cohort, expected, then):
    moved = (enrolment.enrolled_at, enrolment.last_activity_at)
    if any(moment and moment > then for moment in moved):
        return False
    return learner_status(enrolment, cohort, expected, then) == AT_RISK


def cohort_digest(cohort, today, now):
    """A cohort's progress, new at-risk learners and most-missed questions."""
    dashboard = cohort_dashboard(cohort, now)
    baseline = baseline_snapshot(dashboard.snapshots, today)
    return CohortDigest(
        cohort=cohort,
        learners=dashboard.learners,
        completion=dashboard.completion,
        active=dashboard.active_this_week,
        at_risk=dashboard.count(AT_RISK),
        at_risk_before=baseline.at_risk if baseline else None,
        new_at_risk=newly_at_risk(dashboard, baseline),
        most_missed=most_missed(cohort, limit=MISSED_IN_DIGEST),
    )


def digest_emails(today, now):
    """One digest per manager of running cohorts; each cohort is worked out once."""
    managers, theirs, digests = {}, defaultdict(list), {}
    for cohort in running_cohorts(today).prefetch_related("managers"):
        for manager in cohort.managers.all():
            managers[manager.pk] = manager
            theirs[manager.pk].append(cohort)

    def digest_of(cohort):
        if cohort.pk not in digests:
            digests[cohort.pk] = cohort_digest(cohort, today, now)
        return digests[cohort.pk]

    year, week, _day = today.isocalendar()
    for pk, manager in managers.items():
        if not (manager.is_active and manager.email):
            continue
        build = partial(
            _digest_email, manager, theirs[pk], digest_of, f"{year}-W{week}"
        )
        yield manager, "digest", f"digest:{pk}:{year}-W{week}", build


def _digest_email(manager, cohorts, digest_of, week):
    parts = [digest_of(cohort) for cohort in cohorts]
    at_risk = sum(part.at_risk for part in parts)
    context = {
        "name": greeting_name(manager),
        "week": week,
        "cohorts": parts,
        "at_risk": at_risk,
        "admin_url": absolute(reverse("wagtailadmin_home")),
    }
    subject = f"Your cohorts this week ({week}): {at_risk} at risk"
    return build_email("digest", subject, manager.email, context)


def send_digests(today, now=None):
    """Send each manager this ISO week's digest of their running cohorts, once."""
    return deliver(digest_emails(today, now or timezone.now()))
