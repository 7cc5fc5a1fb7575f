"""Builders for the time audit: a cohort with its people, profiles and logged weeks.

`make_audit_scene()` gives every party a privacy test needs: the learner and
another learner of the same cohort, the learner's mentor and another mentor,
the cohort's manager and a manager of another cohort.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from lms.models import AuditWeek
from lms.roles import LEARNERS
from lms.time_audit import services
from lms.time_audit.categories import LEADER, week_label
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_programme
from tests.builders.people import PASSWORD, make_manager, make_mentor, make_user


def make_profile(user, **kwargs):
    kwargs.setdefault("version", LEADER)
    kwargs.setdefault("contracted_hours", 40)
    kwargs.setdefault("sacred_goal", Decimal("4"))
    return services.save_profile(user, **kwargs)


def log_week(user, monday, hours=(4, 10, 16, 2, 8), in_work=20, leading=10, **kwargs):
    """Log a week through the service, with the profile's version (made if missing)."""
    profile = services.profile_for(user) or make_profile(user)
    return services.save_week(
        user,
        profile,
        monday,
        [Decimal(str(h)) for h in hours],
        Decimal(str(in_work)),
        Decimal(str(leading)),
        **kwargs,
    )


def weeks_back(n):
    """The Monday n weeks before this one."""
    return services.this_week() - timedelta(weeks=n)


def week_path(monday):
    return f"/learn/time/week/{week_label(monday)}/"


def week_post(hours=(4, 10, 16, 2, 8), in_work=20, leading=10, note="", shared=False):
    data = {f"hours_{n}": str(h) for n, h in enumerate(hours, start=1)}
    data.update(in_work=str(in_work), leading=str(leading), note=note)
    if shared:
        data["shared"] = "on"
    return data


@dataclass
class AuditScene:
    cohort: object
    learner: object
    other_learner: object
    mentor: object
    other_mentor: object
    manager: object
    other_manager: object


def make_audit_scene():
    programme = make_programme(slug="audit-programme")
    manager, other_manager = make_manager("manager"), make_manager("other-manager")
    mentor, other_mentor = make_mentor("mentor"), make_mentor("other-mentor")
    cohort = make_cohort(programme, managers=[manager], mentors=[mentor, other_mentor])
    make_cohort(programme, managers=[other_manager])
    learner = make_user("learner", LEARNERS, password=PASSWORD)
    other = make_user("other-learner", LEARNERS, password=PASSWORD)
    enrol_in_cohort(learner, cohort, mentor)
    enrol_in_cohort(other, cohort, other_mentor)
    return AuditScene(
        cohort, learner, other, mentor, other_mentor, manager, other_manager
    )


def all_weeks(user):
    return list(AuditWeek.objects.filter(user=user).order_by("week_start"))
