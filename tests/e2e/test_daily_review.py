"""A learner does a day's review on a 360 px phone: one question at a time, then done."""

import pytest
from playwright.sync_api import expect

from lms.enrolment.services import enrol
from tests.builders.pages import programme_of
from tests.builders.people import make_learner
from tests.builders.review import answer_in_module, days_ago, make_quiz

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "review-pass-1234"


def test_a_days_review_on_a_phone(live_server, phone):
    quiz = make_quiz(questions=3)
    learner = make_learner(username="reviewer", password=PASSWORD)
    enrol(learner, programme_of(quiz.module))
    answer_in_module(learner, quiz, days_ago(10))

    phone.goto(f"{live_server.url}/accounts/login/?next=/learn/review/")
    phone.fill("#id_username", "reviewer")
    phone.fill("#id_password", PASSWORD)
    phone.press("#id_password", "Enter")
    phone.wait_for_url("**/learn/review/")

    for n in range(1, 4):
        expect(phone.get_by_text(f"Question {n} of 3")).to_be_visible()
        assert phone.locator(".feedback").count() == 0  # nothing before answering
        phone.locator("input[name=chosen]").first.check()
        phone.get_by_role("button", name="Check answer").click()
        expect(phone.locator(".feedback .verdict")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.get_by_role("link", name="Next question" if n < 3 else "Done").click()

    expect(phone.get_by_text("Next review:")).to_be_visible()
    expect(phone.get_by_text("1 day of reviews in a row")).to_be_visible()
