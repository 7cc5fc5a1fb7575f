"""Saving a learner's choices and weeks, and reading them back: plain functions."""

from django.db import transaction
from django.utils import timezone

from lms.models import AuditProfile, AuditWeek, Enrolment
from lms.time_audit.categories import SLOTS, VERSIONS, week_start

PROFILE_FIELDS = (
    "version",
    "contracted_hours",
    "sacred_goal",
    "reminder_day",
    "reminders_off",
    "share_always",
)


class FutureWeek(ValueError):
    """A week that has not started cannot be logged."""


def profile_for(user):
    return AuditProfile.objects.filter(user=user).first()


def save_profile(user, ranking=None, **fields):
    """Create or change the learner's choices; a ranking not of the version is dropped."""
    profile = profile_for(user) or AuditProfile(user=user)
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    if ranking is not None:
        profile.ranking = list(ranking)
    if sorted(profile.ranking) != sorted(VERSIONS[profile.version].keys()):
        profile.ranking = VERSIONS[profile.version].keys()
    profile.save()
    return profile


def this_week():
    return week_start(timezone.localdate())


def weeks_of(user):
    """Every week the learner logged, oldest first: one query."""
    return list(AuditWeek.objects.filter(user=user).order_by("week_start"))


def week_of(user, monday):
    return AuditWeek.objects.filter(user=user, week_start=monday).first()


def save_week(user, profile, monday, hours, in_work, leading, note="", shared=False):
    """Log or correct one week in the profile's version; `hours` lists the five
    categories' hours in the version's order. The contract and goal are the
    profile's today, so a correction also brings them up to date."""
    if monday > this_week():
        raise FutureWeek("That week has not started yet.")
    if len(hours) != SLOTS:
        raise ValueError(f"expected {SLOTS} categories, got {len(hours)}")
    values = {f"hours_{n}": value for n, value in enumerate(hours, start=1)}
    values.update(
        version=profile.version,
        in_work=in_work,
        leading=leading,
        contracted_hours=profile.contracted_hours,
        sacred_goal=profile.sacred_goal,
        note=note.strip(),
        shared=shared,
    )
    with transaction.atomic():
        week, _created = AuditWeek.objects.update_or_create(
            user=user, week_start=monday, defaults=values
        )
    return week


def mentors_learner(mentor, learner_pk):
    """Whether `mentor` is the mentor on one of the learner's enrolments."""
    return Enrolment.objects.filter(user_id=learner_pk, mentor=mentor).exists()


def shares_with_mentor(profile, week):
    return bool(week.shared or (profile and profile.share_always))
