"""axe-core finds no critical or serious problem on the readiness pages: the
cohort's page with its arrows and trend, the settings form and its read-only
view, the mentor's page and the learner's label on My learning, at phone and
desktop widths."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.cohorts.admin.access import cohort_url
from lms.readiness import ratings
from lms.readiness.programme_settings import save_settings
from lms.readiness.snapshots import snapshot_readiness
from tests.builders.people import PASSWORD
from tests.builders.readiness import COMMENT, full_evidence, make_readiness_scene
from tests.e2e.test_accessibility import DESKTOP, PHONE, scan, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOWN = {
    "performance_low": 50,
    "performance_high": 75,
    "potential_low": 50,
    "potential_high": 75,
    "show_readiness_to_learner": True,
}


@pytest.fixture
def site(live_server):
    """The readiness scene with evidence, two weekly snapshots and the label on;
    the manager runs both cohorts of the programme, so the settings are theirs."""
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)
    ratings.rate_readiness(
        scene.other_enrolment, scene.other_mentor, "mentor", "ready_now", COMMENT
    )
    today = timezone.localdate()
    for weeks in (1, 2):
        snapshot_readiness(scene.cohort, today - timedelta(weeks=weeks))
    scene.other_cohort.managers.add(scene.manager)
    save_settings(scene.cohort.programme_id, SHOWN, scene.manager)
    for user in scene.people().values():
        user.set_password(PASSWORD)
        user.save()
    scene.server = live_server.url
    return scene


def overflows(page, server, path):
    """Whether the page is wider than the window (it scrolls sideways)."""
    page.goto(f"{server}{path}")
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_managers_readiness_pages_have_no_serious_problems(browser, site, viewport):
    page = signed_in(browser, site, site.manager, "/admin/login/", viewport)
    paths = [
        "/admin/",
        cohort_url("readiness", site.cohort.pk),
        cohort_url("readiness_settings", site.cohort.pk),
    ]

    assert scan(page, site.server, paths) == {}
    assert not any(overflows(page, site.server, path) for path in paths)


def test_the_read_only_settings_have_no_serious_problems(browser, site):
    page = signed_in(browser, site, site.other_manager, "/admin/login/", PHONE)
    paths = [cohort_url("readiness_settings", site.other_cohort.pk)]

    assert scan(page, site.server, paths) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_mentors_page_has_no_serious_problems(browser, site, viewport):
    page = signed_in(browser, site, site.mentor, "/admin/login/", viewport)

    assert scan(page, site.server, [reverse("lms_readiness_mentees")]) == {}
    assert not overflows(page, site.server, reverse("lms_readiness_mentees"))


def test_the_learners_label_has_no_serious_problems(browser, site):
    page = signed_in(browser, site, site.learner, "/accounts/login/", PHONE)

    assert scan(page, site.server, ["/learn/"]) == {}
    assert page.locator("#readiness-heading").is_visible()
    assert not overflows(page, site.server, "/learn/")
