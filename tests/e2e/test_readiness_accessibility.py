"""axe-core finds no critical or serious problem on the cohort's Readiness page and
a learner's readiness profile (as their manager and as their mentor, and with
a refused form), at phone and desktop widths."""

import pytest

from tests.builders.people import PASSWORD
from tests.builders.readiness import full_evidence, make_readiness_scene
from tests.builders.web import cohort_url
from tests.e2e.test_accessibility import DESKTOP, PHONE, problems, scan, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def readiness(live_server):
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)
    for user in (scene.manager, scene.mentor):
        user.set_password(PASSWORD)
        user.save()
    scene.server = live_server.url
    return scene


def profile_path(enrolment):
    return f"/admin/readiness/{enrolment.pk}/"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_readiness_pages_have_no_serious_problems(browser, readiness, viewport):
    scene = readiness
    page = signed_in(browser, scene, scene.manager, "/admin/login/", viewport)
    paths = [
        cohort_url("readiness", scene.cohort),
        profile_path(scene.enrolment),
        profile_path(scene.other_enrolment),  # no evidence yet
    ]

    assert scan(page, scene.server, paths) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_mentors_view_and_a_refused_form_have_no_serious_problems(
    browser, readiness, viewport
):
    scene = readiness
    page = signed_in(browser, scene, scene.mentor, "/admin/login/", viewport)
    assert scan(page, scene.server, [profile_path(scene.enrolment)]) == {}

    page.get_by_role("button", name="Save the four ratings").click()
    page.wait_for_load_state()

    assert "Choose the level of communication." in page.content()
    assert problems(page) == []


def test_the_profile_fits_a_phone(browser, readiness):
    scene = readiness
    page = signed_in(browser, scene, scene.manager, "/admin/login/", PHONE)
    page.goto(f"{scene.server}{profile_path(scene.enrolment)}")

    # Wide tables scroll in their own box; the page itself does not.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
