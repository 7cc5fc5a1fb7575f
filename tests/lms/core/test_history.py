"""Wagtail's site history shows a manager only their own cohorts' entries."""

import pytest
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms.models import Notification
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager

pytestmark = pytest.mark.django_db
HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def two_cohorts():
    programme = make_programme_with_modules().page
    mine, theirs = make_manager("mine"), make_manager("theirs")
    own = make_cohort(programme, managers=[mine], name="Own cohort")
    other = make_cohort(programme, managers=[theirs], name="Secret cohort")
    for cohort in (own, other):
        log(cohort, "wagtail.edit", user=theirs if cohort is other else mine)
    return mine, own, other


def csv_text(response):
    return b"".join(response.streaming_content).decode()


def test_a_manager_sees_their_own_cohorts_history_only(client, two_cohorts):
    mine, own, other = two_cohorts
    client.force_login(mine)

    page = client.get(HISTORY).content.decode()
    export = csv_text(client.get(HISTORY, {"export": "csv"}))

    for text in (page, export):
        assert "Own cohort" in text
        assert "Secret cohort" not in text


def test_entries_about_other_lms_objects_follow_their_policy(client, two_cohorts):
    mine, own, other = two_cohorts
    theirs_learner = enrol_learner(other, "hidden", first_name="Hidden")
    own_learner = enrol_learner(own, "shown", first_name="Shown")
    log(theirs_learner, "wagtail.create", title="Hidden enrolment")
    log(own_learner, "wagtail.create", title="Shown enrolment")

    visible = ModelLogEntry.objects.viewable_by_user(mine)

    labels = set(visible.values_list("label", flat=True))
    assert {"Own cohort", "Shown enrolment"} <= labels
    assert not labels & {"Secret cohort", "Hidden enrolment"}


def test_lms_kinds_without_a_policy_are_for_superusers(client, two_cohorts, admin_user):
    mine, own, _ = two_cohorts
    note = Notification.objects.create(user=mine, key="k", kind="unlock")
    log(note, "wagtail.create", title="A notification")

    assert not ModelLogEntry.objects.viewable_by_user(mine).filter(
        label="A notification"
    )
    assert ModelLogEntry.objects.viewable_by_user(admin_user).filter(
        label="A notification"
    )
