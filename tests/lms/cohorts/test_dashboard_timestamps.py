"""The dashboard reads enrolment timestamps as text; they come back exact and in UTC."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from lms.cohorts.dashboard import cohort_dashboard
from lms.models import Enrolment
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import make_programme_with_modules

pytestmark = pytest.mark.django_db

# Microseconds, a zone far from UTC and a date that changes when converted.
ACTIVE = datetime(2026, 3, 1, 23, 59, 58, 123456, tzinfo=ZoneInfo("Pacific/Auckland"))
ENROLLED = datetime(2026, 2, 1, 0, 0, 0, 7, tzinfo=UTC)


@pytest.fixture
def cohort():
    return make_cohort(make_programme_with_modules().page)


def rows_by_user(cohort):
    return {row.enrolment.user_id: row for row in cohort_dashboard(cohort).rows}


def test_timestamps_read_back_exactly_as_stored(cohort):
    active = enrol_learner(cohort, "active")
    idle = enrol_learner(cohort, "idle", days_inactive=None)
    Enrolment.objects.filter(pk=active.pk).update(
        enrolled_at=ENROLLED, last_activity_at=ACTIVE
    )

    rows = rows_by_user(cohort)

    row = rows[active.user_id]
    assert row.last_active == ACTIVE
    assert row.last_active.tzinfo is UTC
    assert row.enrolment.enrolled_at == ENROLLED
    assert rows[idle.user_id].last_active is None
    assert rows[idle.user_id].enrolment.enrolled_at == idle.enrolled_at


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="DateStyle is a PostgreSQL setting"
)
def test_the_servers_date_style_does_not_change_what_is_read(cohort):
    active = enrol_learner(cohort, "active")
    Enrolment.objects.filter(pk=active.pk).update(last_activity_at=ACTIVE)
    with connection.cursor() as cursor:
        cursor.execute("SET DateStyle = 'SQL, DMY'")
        cursor.execute("SET TimeZone = 'America/New_York'")

    assert rows_by_user(cohort)[active.user_id].last_active == ACTIVE
