"""A learner on a 360 px phone works through a module, with and without JavaScript."""

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from lms.models import JournalEntry, ProgressEvent
from tests.builders.cohorts import enrol_in
from tests.builders.pages import (
    CALM_STEP,
    GOOD_ENDING,
    block_ids,
    make_course,
    make_learning_module,
)
from tests.builders.people import PASSWORD, make_learner

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 360, "height": 740}


@dataclass
class Learning:
    server: str
    module_url: str
    question_id: str
    scenario_id: str
    prompt_id: str


@pytest.fixture
def learning(live_server):
    """An enrolled learner and a module with questions, a scenario and a reflection."""
    module = make_learning_module(parent=make_course())
    enrol_in(make_learner("learner"), module)
    return Learning(
        server=live_server.url,
        module_url=live_server.url + module.url,
        question_id=block_ids(module, "question")[0],
        scenario_id=block_ids(module, "scenario")[0],
        prompt_id=block_ids(module, "reflection")[0],
    )


def sign_in(page, learning, then):
    """Use the real sign-in form by keyboard: type, then press Enter."""
    page.goto(f"{learning.server}/accounts/login/?next={then}")
    page.fill("#id_username", "learner")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"**{then}")


def answer(page, learning, option):
    question = page.locator(f"#question-{learning.question_id}")
    question.get_by_label(option).check()
    question.get_by_role("button", name="Check answer").click()
    return page.locator(f"#question-{learning.question_id} .result")


@pytest.fixture
def on_module(phone, learning):
    """The phone, signed in and showing the module, with JavaScript enabled."""
    sign_in(phone, learning, learning.module_url.removeprefix(learning.server))
    return phone


def test_with_javascript_the_verdict_appears_without_a_page_load(on_module, learning):
    on_module.evaluate("window.__marker = 1")

    result = answer(on_module, learning, "Option 1")

    expect(result).to_contain_text("Right answer.")
    expect(result).to_contain_text("Feedback 1")
    assert on_module.evaluate("window.__marker") == 1
    assert ProgressEvent.objects.filter(kind="answered").count() == 1


def test_with_javascript_a_scenario_is_walked_by_clicking_choices(on_module, learning):
    scenario = on_module.locator(f"#scenario-{learning.scenario_id}")
    on_module.evaluate("window.__marker = 1")

    scenario.get_by_role("button", name="Let them finish").click()
    expect(on_module.locator(f"#scenario-{learning.scenario_id}")).to_contain_text(
        CALM_STEP
    )
    on_module.locator(f"#scenario-{learning.scenario_id}").get_by_role(
        "button", name="Offer a call back"
    ).click()

    ending = on_module.locator(f"#scenario-{learning.scenario_id} .ending")
    expect(ending).to_contain_text("Outcome: Good")
    expect(ending).to_contain_text(GOOD_ENDING)
    assert on_module.evaluate("window.__marker") == 1


def test_with_javascript_a_reflection_is_saved_to_the_journal(on_module, learning):
    reflection = on_module.locator(f"#reflection-{learning.prompt_id}")

    reflection.get_by_label("Your reflection").fill("I spoke over them.")
    reflection.get_by_role("button", name="Save to my journal").click()

    expect(on_module.locator(f"#reflection-{learning.prompt_id}")).to_contain_text(
        "Saved to your private journal"
    )
    assert JournalEntry.objects.get().text == "I spoke over them."


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    yield context.new_page()
    context.close()


def test_without_javascript_answering_posts_the_form_and_shows_the_verdict(
    phone_without_javascript, learning
):
    page = phone_without_javascript
    module_path = learning.module_url.removeprefix(learning.server)
    sign_in(page, learning, module_path)

    result = answer(page, learning, "Option 2")
    # The plain form post redirects back to the question's anchor.
    page.wait_for_url(f"**{module_path}#question-{learning.question_id}")

    expect(result).to_contain_text("Not quite")
    expect(result).to_contain_text("Feedback 2")
    assert ProgressEvent.objects.filter(kind="answered").count() == 1


def test_my_learning_fits_a_360px_screen(phone, learning):
    sign_in(phone, learning, "/learn/")

    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - window.innerWidth"
    )

    expect(phone.locator("h1")).to_have_text("My learning")
    expect(phone.locator("a.button", has_text="Continue")).to_contain_text(
        "Continue: The first minute"
    )
    assert overflow <= 0
