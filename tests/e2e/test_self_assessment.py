"""A learner on a 360 px phone rates themselves, stops after a screen, resumes,
finishes, reads their gap picture and picks a gap to work on."""

import pytest
from playwright.sync_api import expect

from lms.models import ActionItem, FocusGap, JournalEntry
from tests.builders.assessment import make_assessed_learner
from tests.builders.people import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def choose_levels(page, level):
    """Check `level` in every rating question on the screen, by keyboard."""
    questions = page.locator("fieldset.rating")
    for n in range(questions.count()):
        radio = questions.nth(n).get_by_role("radio").nth(level - 1)
        radio.focus()
        page.keyboard.press("Space")
        expect(radio).to_be_checked()


def test_a_learner_rates_themselves_and_picks_a_gap_on_a_phone(browser, live_server):
    learner = make_assessed_learner(username="rater")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/learn/")
    page.fill("#id_username", "rater")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/learn/")

    page.get_by_role("link", name="Rate yourself").click()
    expect(page.get_by_role("heading", name="Your self-assessment")).to_be_visible()
    page.get_by_role("button", name="Start").click()

    # Screen 1 of 3, then stop: the round keeps what was saved.
    expect(page.get_by_text("Screen 1 of 3", exact=True).first).to_be_visible()
    assert fits_the_screen(page)
    choose_levels(page, 2)
    page.get_by_role("button", name="Save and stop").click()
    page.goto(f"{live_server.url}/learn/")
    page.get_by_role("link", name="Continue your self-assessment").click()

    # Resumed at screen 2; the last screen asks the pipeline questions.
    expect(page.get_by_text("Screen 2 of 3", exact=True).first).to_be_visible()
    choose_levels(page, 4)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Screen 3 of 3", exact=True).first).to_be_visible()
    assert fits_the_screen(page)
    choose_levels(page, 3)
    page.get_by_label("Why?").fill("I like helping the team grow.")
    page.get_by_role("button", name="Save and finish").click()

    # The gap picture: a chart with its values in words.
    expect(
        page.get_by_role(
            "img", name="The self-rating against the evidence", exact=False
        )
    ).to_be_visible()
    assert fits_the_screen(page)
    page.get_by_role("link", name="Choose up to three gaps to work on").click()

    expect(page.get_by_role("heading", name="Your focus")).to_be_visible()
    assert fits_the_screen(page)
    page.get_by_role("link", name="Work on this").first.click()
    page.get_by_label("A skill I can learn").check()
    page.get_by_label("Why do you think so?").fill("I can practise it on calls.")
    page.get_by_role("button", name="Add to my focus").click()

    expect(page.get_by_role("heading", name="Working on now (1 of 3)")).to_be_visible()
    assert fits_the_screen(page)
    gap = FocusGap.objects.get(enrolment=learner.enrolment)
    assert gap.kind == FocusGap.Kind.SKILL
    assert JournalEntry.objects.filter(
        user=learner.user, text__contains="I can practise it on calls."
    ).exists()
    assert ActionItem.objects.filter(user=learner.user).count() == 1
    context.close()
