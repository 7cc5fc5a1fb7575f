"""A stretch project end to end in Chromium: the learner hands work in on a phone,
the mentor reviews it in the admin, and the learner reads the verdict."""

import pytest
from playwright.sync_api import expect

from lms.models import Review, StretchAssignment
from tests.builders.people import PASSWORD
from tests.builders.stretch import make_stretch_scene
from tests.builders.uploads import PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def scene(live_server):
    scene = make_stretch_scene()
    for user in (scene.learner, scene.mentor):
        user.set_password(PASSWORD)
        user.save()
    scene.server = live_server.url
    return scene


def sign_in(page, url, username):
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")


def test_the_learner_submits_and_the_mentor_approves(browser, scene, tmp_path):
    assignment = scene.assignment
    deck = tmp_path / "deck.pdf"
    deck.write_bytes(PDF)
    learner = browser.new_context(viewport=PHONE).new_page()
    sign_in(
        learner,
        f"{scene.server}/accounts/login/?next=/learn/projects/",
        scene.learner.username,
    )
    learner.get_by_role("link", name=assignment.title).click()

    learner.get_by_role(
        "button", name="Mark “Agree the story with your manager” done"
    ).click()
    # Each form reloads the page: wait for the new one before using the next form.
    expect(
        learner.get_by_role(
            "button", name="Mark “Agree the story with your manager” not done"
        )
    ).to_be_visible()
    learner.get_by_label("What did you do, and what did it show?").fill(
        "Ran the deck past my manager."
    )
    learner.get_by_label("Files (PDF, Office documents or images)").set_input_files(
        str(deck)
    )
    learner.get_by_role("button", name="Add evidence").click()
    expect(learner.get_by_role("link", name="deck.pdf")).to_be_visible()
    learner.get_by_role("button", name="Submit for review").click()

    expect(learner.get_by_text("Your mentor will review it.")).to_be_visible()
    assert StretchAssignment.objects.get(pk=assignment.pk).status == "submitted"
    scroll_width = learner.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]

    mentor = browser.new_page()
    sign_in(
        mentor,
        f"{scene.server}/admin/login/?next=/admin/mentoring/",
        scene.mentor.username,
    )
    mentor.get_by_role("link", name=assignment.title).first.click()
    rubric = mentor.locator("fieldset.lms-rubric")
    # `all()` does not wait: let the review page load before reading its criteria.
    expect(rubric).to_have_count(assignment.criteria.count())
    for fieldset in rubric.all():
        fieldset.get_by_role("radio", name="3 – Secure").check()
    mentor.get_by_label("Overall comment").fill("Clear story, good figures.")
    mentor.get_by_role("button", name="Approve").click()

    expect(mentor.get_by_text("Approved", exact=False).first).to_be_visible()
    review = Review.objects.get(assignment=assignment)
    assert review.outcome == Review.Outcome.APPROVED
    assert sorted(r.score for r in review.ratings.all()) == [3, 3]

    learner.reload()
    expect(learner.get_by_text("Clear story, good figures.")).to_be_visible()
