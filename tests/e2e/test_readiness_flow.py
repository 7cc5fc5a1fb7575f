"""A programme manager calibrating one learner in Chromium: the cohort's Readiness
page, the learner's profile, a move to another box with a reason, and the grid
showing it."""

import pytest
from playwright.sync_api import expect

from lms.models import Placement
from tests.builders.people import PASSWORD
from tests.builders.readiness import full_evidence, make_readiness_scene
from tests.builders.web import cohort_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def readiness(live_server):
    """Ada, moved to "High performer" (3, 2) by her manager, and Bo, not placed."""
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)
    for user in (scene.manager, scene.mentor):
        user.set_password(PASSWORD)
        user.save()
    scene.server = live_server.url
    return scene


def signed_in_at(browser, scene, user, path):
    page = browser.new_page()
    page.goto(f"{scene.server}/admin/login/?next={path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    return page


def test_the_manager_moves_a_learner_and_sees_the_grid_change(browser, readiness):
    scene = readiness
    page = signed_in_at(
        browser, scene, scene.manager, cohort_url("readiness", scene.cohort)
    )
    expect(page.locator("#box-3-2 strong")).to_have_text("1")
    expect(page.locator("#box-3-3 strong")).to_have_text("0")

    page.locator("#listing-results").get_by_role("link", name="Ada").click()
    expect(page.get_by_role("heading", name="Ada", level=1)).to_be_visible()
    expect(page.locator("#profile-box")).to_contain_text("High performer")

    page.get_by_label("Move to").select_option(
        label="Ready to lead (performance 3, potential 3)"
    )
    page.get_by_label("Reason").first.fill("Ran the huddle alone for a month.")
    page.get_by_role("button", name="Move", exact=True).click()

    expect(page.locator("#profile-box")).to_have_text(
        "Ready to lead (moved by a manager)"
    )
    expect(page.locator("#move-history-list li").first).to_contain_text(
        "Ran the huddle alone for a month."
    )

    page.get_by_role("link", name="Cohort's readiness grid").click()
    expect(page.locator("#box-3-3 strong")).to_have_text("1")
    expect(page.locator("#box-3-2 strong")).to_have_text("0")
    assert Placement.objects.filter(enrolment=scene.enrolment).count() == 2


def test_a_move_without_a_reason_shows_the_error_and_moves_no_one(browser, readiness):
    scene = readiness
    profile = f"/admin/readiness/{scene.enrolment.pk}/"
    page = signed_in_at(browser, scene, scene.manager, profile)

    page.get_by_label("Move to").select_option(value="1-1")
    page.get_by_role("button", name="Move", exact=True).click()

    expect(page.locator("#move-form")).to_contain_text("Give the reason for the move.")
    expect(page.locator("#profile-box")).to_contain_text("High performer")
    assert Placement.objects.filter(enrolment=scene.enrolment).count() == 1
