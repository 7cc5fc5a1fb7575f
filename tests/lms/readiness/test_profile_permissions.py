"""Every page the readiness profile adds, for every part a person plays: anonymous,
the learner, another learner, their mentor, another mentor, the cohort's
manager, another cohort's manager, and a superuser. Out of reach is a 404 (or,
for anyone outside the admin, the admin's own sign-in or home redirect), and
then nothing is stored."""

import pytest
from django.urls import reverse

from lms.assessment.traits import TRAITS
from lms.models import Placement, ReadinessRating, TraitRating
from lms.readiness import ratings
from lms.readiness.links import readiness_url
from tests.builders.readiness import COMMENT, make_readiness_scene

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
OK, AWAY, MISSING = "ok", "away", "404"
TRAITS_DATA = {
    **{f"traits-{t.slug}-level": 3 for t in TRAITS},
    **{f"traits-{t.slug}-comment": COMMENT for t in TRAITS},
}
PAGES = {
    # name: (method, data, model the success adds to)
    "profile": ("get", None, None),
    "rate_traits": ("post", TRAITS_DATA, TraitRating),
    "verdict": (
        "post",
        {"verdict-verdict": "ready_now", "verdict-comment": COMMENT},
        ReadinessRating,
    ),
    "move": ("post", {"move-box": "3-3", "move-reason": COMMENT}, Placement),
    "clear_move": ("post", {"clear-reason": COMMENT}, Placement),
}
# Who gets what, page by page; a success is a 200 page or a 302 back to the profile.
STAFF = {"mentor": OK, "manager": OK}
EXPECTED = {
    "profile": {**STAFF, "superuser": OK},
    "rate_traits": STAFF,
    "verdict": STAFF,
    "move": {"manager": OK},
    "clear_move": {"manager": OK},
}
ADDS = {"rate_traits": 4, "verdict": 1, "move": 1, "clear_move": 1}  # rows
OUTSIDE_THE_ADMIN = ("anonymous", "learner", "other_learner")
EVERYONE = [
    "anonymous",
    "learner",
    "other_learner",
    "mentor",
    "other_mentor",
    "manager",
    "other_manager",
    "superuser",
]


@pytest.fixture
def scene(django_user_model):
    scene = make_readiness_scene()
    # A move in force, so that clearing it is a success where it is allowed.
    ratings.move(scene.enrolment, 1, 1, "Calibrated.", scene.manager)
    scene.superuser = django_user_model.objects.create_superuser(
        "root", "root@example.com"
    )
    return scene


def expected(name, who):
    if who in EXPECTED[name]:
        return EXPECTED[name][who]
    return AWAY if who in OUTSIDE_THE_ADMIN else MISSING


def outcome(response, profile_url):
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and response.url.startswith(profile_url):
        return OK
    if response.status_code == 302 and (
        response.url.startswith(LOGIN) or response.url == reverse("wagtailadmin_home")
    ):
        return AWAY
    return str(response.status_code)


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("name", list(PAGES))
def test_who_reaches_each_page(client, scene, name, who):
    method, data, model = PAGES[name]
    if who == "superuser":
        client.force_login(scene.superuser)
    elif who != "anonymous":
        client.force_login(scene.people()[who])
    before = model.objects.count() if model else 0
    url = readiness_url(name, scene.enrolment.pk)

    response = getattr(client, method)(url, data) if data else client.get(url)

    found = outcome(response, readiness_url("profile", scene.enrolment.pk))
    assert found == expected(name, who)
    if model is not None:
        assert model.objects.count() - before == (ADDS[name] if found == OK else 0)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_learner_in_no_cohort_has_no_profile(client, scene, name):
    scene.enrolment.cohort = None
    scene.enrolment.save()
    method, data, _model = PAGES[name]
    client.force_login(scene.mentor)

    url = readiness_url(name, scene.enrolment.pk)
    response = getattr(client, method)(url, data) if data else client.get(url)

    assert response.status_code == 404


def test_an_enrolment_that_does_not_exist_is_a_404(client, scene):
    client.force_login(scene.manager)

    assert client.get(readiness_url("profile", 999_999)).status_code == 404
    assert client.get("/admin/readiness/99999999999999999999/").status_code == 404
