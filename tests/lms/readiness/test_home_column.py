"""The "Ready now" column on the admin home's cohorts panel: the learners whose
verdict in force is "ready now", per cohort the viewer manages, linked to the
cohort's Readiness page, in one query however many cohorts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.cohorts.admin.access import cohort_url
from lms.readiness import ratings
from lms.readiness.home_column import ready_now_counts
from tests.builders.readiness import (
    COMMENT,
    learner_in,
    make_readiness_scene,
    new_cohort,
)
from tests.builders.readiness_history import make_superuser
from tests.builders.web import section

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


def verdicts(enrolment, rater, *given):
    for verdict in given:
        ratings.rate_readiness(enrolment, rater, "manager", verdict, COMMENT)


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    verdicts(scene.enrolment, scene.manager, "not_yet", "ready_now")  # counts
    verdicts(scene.other_enrolment, scene.manager, "ready_now", "ready_6_12")  # not
    dee = learner_in(scene.cohort, scene.mentor, "dee")
    verdicts(dee, scene.mentor, "ready_now")  # a mentor's verdict counts the same
    verdicts(scene.outsider_enrolment, scene.other_manager, "ready_now")
    return scene


def test_the_newest_verdict_counts_per_cohort(scene):
    counts = ready_now_counts([scene.cohort.pk, scene.other_cohort.pk])

    assert counts == {scene.cohort.pk: 2, scene.other_cohort.pk: 1}


def panel_cells(response):
    table = section(response, "managed-cohorts-table")
    headings = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    at = headings.index("Ready now")
    return {
        row.find("a").get_text(strip=True): row.find_all("td")[at]
        for row in table.find("tbody").find_all("tr")
    }


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("manager", {"cohort": "2"}),
        ("other_manager", {"other_cohort": "1"}),
        ("superuser", {}),  # manages no cohort: the panel lists none
    ],
)
def test_each_manager_sees_the_counts_of_their_own_cohorts(client, scene, who, shown):
    user = make_superuser() if who == "superuser" else scene.people()[who]
    client.force_login(user)

    response = client.get(HOME)

    if not shown:
        assert "You manage no cohorts yet" in response.content.decode()
        return
    cells = panel_cells(response)
    names = {getattr(scene, key).name: count for key, count in shown.items()}
    assert {name: cell.a.contents[0].strip() for name, cell in cells.items()} == names
    cohort = getattr(scene, next(iter(shown)))
    assert cells[cohort.name].a["href"] == cohort_url("readiness", cohort.pk)


@pytest.mark.parametrize(
    "who", ["anonymous", "learner", "other_learner", "mentor", "other_mentor"]
)
def test_nobody_else_gets_the_column(client, scene, who):
    user = AnonymousUser() if who == "anonymous" else scene.people()[who]
    if user.is_authenticated:
        client.force_login(user)

    response = client.get(HOME)

    assert 'id="managed-cohorts-table"' not in response.content.decode()


def test_the_column_costs_one_query_for_one_or_five_cohorts(client, scene):
    def home_queries():
        client.force_login(scene.manager)
        client.get(HOME)
        with CaptureQueriesContext(connection) as captured:
            client.get(HOME)
        return len(captured)

    one = home_queries()
    for _n in range(4):
        cohort = new_cohort(scene.programme, managers=[scene.manager])
        verdicts(learner_in(cohort, scene.mentor), scene.manager, "ready_now")

    assert home_queries() == one
