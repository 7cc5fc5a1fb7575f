"""Old home of the time audit builders: they live in tests.builders.time_audit now."""

from tests.builders.cohorts import enrol_in_cohort
from tests.builders.time_audit import (  # noqa: F401
    PASSWORD,
    AuditScene,
    all_weeks,
    log_week,
    make_audit_scene,
    make_profile,
    week_path,
    week_post,
    weeks_back,
)


def enrol(cohort, user, mentor=None):
    """The old argument order; tests.builders.cohorts.enrol_in_cohort is the one."""
    return enrol_in_cohort(user, cohort, mentor)
