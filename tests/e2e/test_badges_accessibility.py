"""axe-core finds no critical or serious problem on the badge pages (the learner's,
the public verification pages and the manager's), at phone and desktop widths,
and the public page fits a phone."""

import contextlib

import pytest

from tests.builders.badges import Kind, make_badge_scene
from tests.builders.people import PASSWORD
from tests.builders.web import cohort_url
from tests.e2e.test_accessibility import DESKTOP, PHONE, scan, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def badges(live_server):
    scene = make_badge_scene()
    # Without a test transaction, on-commit work runs at once: nothing to capture.
    scene.finish_all(lambda execute: contextlib.nullcontext())
    scene.manager.set_password(PASSWORD)
    scene.manager.save()
    scene.server = live_server.url
    scene.course_award = scene.award_of(Kind.COURSE)
    scene.programme_award = scene.award_of(Kind.PROGRAMME)
    return scene


def public_paths(scene):
    return [
        f"/badges/credentials/{scene.course_award.credential_id}/",
        "/badges/verify/",
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_learners_badge_pages_have_no_serious_problems(browser, badges, viewport):
    page = signed_in(browser, badges, badges.learner, "/accounts/login/", viewport)
    paths = [
        "/learn/",
        "/learn/badges/",
        f"/learn/badges/{badges.course_award.credential_id}/",
        f"/learn/badges/{badges.programme_award.credential_id}/",
    ]

    assert scan(page, badges.server, paths + public_paths(badges)) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_managers_badge_pages_have_no_serious_problems(browser, badges, viewport):
    page = signed_in(browser, badges, badges.manager, "/admin/login/", viewport)
    revoke = f"{cohort_url('badges', badges.cohort)}{badges.course_award.credential_id}/revoke/"

    assert (
        scan(page, badges.server, [cohort_url("badges", badges.cohort), revoke]) == {}
    )


def test_the_public_page_fits_a_phone(phone, badges):
    for path in public_paths(badges):
        phone.goto(f"{badges.server}{path}")

        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto(f"{badges.server}{public_paths(badges)[0]}")
    assert "Valid: issued by us" in phone.content()
