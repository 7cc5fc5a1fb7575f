"""The mentor's "My mentees' readiness" page: their own mentees in every cohort,
nobody else's, at a cost that does not grow with the number of mentees."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.readiness import ratings
from lms.readiness.links import readiness_url
from lms.roles import MENTORS
from tests.builders.readiness import (
    COMMENT,
    full_evidence,
    learner_in,
    make_readiness_scene,
    new_cohort,
)
from tests.builders.readiness_history import make_superuser
from tests.builders.web import section, text_of

pytestmark = pytest.mark.django_db

URL = reverse("lms_readiness_mentees")
LOGIN = reverse("wagtailadmin_login")
HOME = reverse("wagtailadmin_home")


@pytest.fixture
def scene():
    return make_readiness_scene()


def person(scene, who):
    if who == "anonymous":
        return AnonymousUser()
    if who == "superuser":
        return make_superuser()
    return scene.people()[who]


def listed(response):
    table = section(response, "mentees-table")
    return sorted(
        (row.find("a").get_text(strip=True), row.find_all("td")[1].get_text())
        for row in table.find("tbody").find_all("tr")
    )


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("anonymous", "away"),
        ("learner", "away"),
        ("other_learner", "away"),
        ("mentor", [("Ada", "cohort")]),
        ("other_mentor", [("Bo", "cohort"), ("Cy", "other_cohort")]),
        ("manager", "away"),  # a manager who mentors nobody holds no mentor role
        ("other_manager", "away"),
        ("superuser", []),
    ],
)
def test_each_reader_sees_only_their_own_mentees(client, scene, who, shown):
    user = person(scene, who)
    if user.is_authenticated:
        client.force_login(user)

    response = client.get(URL)

    if shown == "away":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN) or response.url == HOME
        return
    assert response.status_code == 200
    if not shown:
        assert "No learner in a cohort has you as their mentor" in text_of(response)
        return
    cohorts = {"cohort": scene.cohort.name, "other_cohort": scene.other_cohort.name}
    assert listed(response) == [(name, cohorts[c]) for name, c in shown]


def test_a_mentor_who_also_manages_the_cohort_sees_only_mentees(client, scene):
    scene.cohort.managers.add(scene.mentor)
    client.force_login(scene.mentor)

    response = client.get(URL)

    assert listed(response) == [("Ada", scene.cohort.name)]


def test_the_grid_counts_and_the_links_to_each_profile(client, scene):
    full_evidence(scene, scene.enrolment)  # moved by the manager to (3, 2)
    ratings.rate_readiness(
        scene.enrolment, scene.mentor, "mentor", "ready_now", COMMENT
    )
    learner_in(scene.cohort, scene.mentor, "dee")  # no evidence: not placed
    client.force_login(scene.mentor)

    response = client.get(URL)

    assert (
        'id="box-3-2">High performer: <strong>1</strong>' in response.content.decode()
    )
    assert section(response, "count-ready-now").text == "1"
    assert section(response, "count-unplaced").text == "1"
    link = section(response, "mentees-table").find("a", string="Ada")
    assert link["href"] == readiness_url("profile", scene.enrolment.pk)


def test_the_menu_offers_the_page_to_mentors_only(client, scene):
    client.force_login(scene.mentor)
    mentor_home = client.get(HOME).content.decode()
    client.force_login(scene.manager)
    manager_home = client.get(HOME).content.decode()

    assert URL in mentor_home
    assert URL not in manager_home


def test_the_page_costs_the_same_for_3_and_30_mentees(client, scene):
    from tests.builders.people import make_user

    def queries(mentor):
        client.force_login(mentor)
        client.get(URL)  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        return len(captured), len(listed(response))

    few, many = make_user("few", MENTORS), make_user("many", MENTORS)
    for mentor, size in ((few, 3), (many, 30)):
        cohort = new_cohort(scene.programme, managers=[scene.manager])
        for _n in range(size):
            full_evidence(scene, learner_in(cohort, mentor), _n)

    (small, three), (large, thirty) = queries(few), queries(many)

    assert (three, thirty) == (3, 30)
    assert small == large
