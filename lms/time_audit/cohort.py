"""A cohort's time audit in aggregate: how many logged, and the average split.

Managers see only these figures, never a row: an average over fewer learners
than `LMS_TIME_AUDIT_MIN_GROUP` is withheld, so no figure is one person's hours.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count

from lms.conf import lms_settings
from lms.models import AuditWeek, Enrolment
from lms.time_audit.categories import SLOTS, VERSIONS, week_label
from lms.time_audit.figures import share

AVERAGED = [f"hours_{n}" for n in range(1, SLOTS + 1)] + ["in_work", "leading"]


@dataclass(frozen=True)
class VersionAverage:
    version: object
    learners: int
    shown: bool  # False when fewer learners than the minimum logged in it
    rows: list  # [(category label, average hours, share %)]
    in_work: float | None
    leading: float | None


@dataclass(frozen=True)
class CohortWeek:
    label: str
    monday: object
    logged: int
    learners: int
    versions: list


def cohort_week(cohort, monday, learners=None):
    """How many of the cohort's learners logged the week, and their average split."""
    members = Enrolment.objects.filter(cohort=cohort).values("user_id")
    if learners is None:
        learners = members.count()
    grouped = (
        AuditWeek.objects.filter(user_id__in=members, week_start=monday)
        .values("version")
        .annotate(learners=Count("pk"), **{name: Avg(name) for name in AVERAGED})
        .order_by("version")
    )
    versions = [_average(row) for row in grouped]
    return CohortWeek(
        label=week_label(monday),
        monday=monday,
        logged=sum(v.learners for v in versions),
        learners=learners,
        versions=versions,
    )


def _average(row):
    version = VERSIONS[row["version"]]
    shown = row["learners"] >= lms_settings.TIME_AUDIT_MIN_GROUP
    if not shown:
        return VersionAverage(version, row["learners"], False, [], None, None)
    hours = [float(row[f"hours_{n}"] or 0) for n in range(1, SLOTS + 1)]
    whole = sum(hours)
    rows = [
        (category.label, round(value, 1), share(value, whole))
        for category, value in zip(version.categories, hours, strict=True)
    ]
    split = float(row["in_work"] or 0) + float(row["leading"] or 0)
    return VersionAverage(
        version,
        row["learners"],
        True,
        rows,
        share(row["in_work"] or 0, split),
        share(row["leading"] or 0, split),
    )


def cohort_weeks(cohort, this_monday):
    """This week and last week: learners often log on the last day of a week."""
    learners = Enrolment.objects.filter(cohort=cohort).count()
    return [
        cohort_week(cohort, this_monday, learners),
        cohort_week(cohort, this_monday - timedelta(weeks=1), learners),
    ]
