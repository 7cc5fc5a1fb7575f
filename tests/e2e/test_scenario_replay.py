"""With JavaScript, "Try the conversation again" starts over once, then moves on."""

import pytest
from playwright.sync_api import expect

from lms.models import ProgressEvent
from tests.builders.pages import CALM_STEP, GOOD_ENDING
from tests.e2e.test_learner_flow import learning, on_module, sign_in

__all__ = ["learning", "on_module", "sign_in"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def walk(page, scenario):
    page.locator(scenario).get_by_role("button", name="Let them finish").click()
    expect(page.locator(scenario)).to_contain_text(CALM_STEP)
    page.locator(scenario).get_by_role("button", name="Offer a call back").click()
    expect(page.locator(f"{scenario} .ending")).to_contain_text(GOOD_ENDING)


def test_a_replayed_scenario_walks_forward_with_javascript(on_module, learning):
    scenario = f"#scenario-{learning.scenario_id}"
    walk(on_module, scenario)

    on_module.locator(scenario).get_by_role(
        "link", name="Try the conversation again"
    ).click()
    expect(on_module.locator(scenario)).to_contain_text("Let them finish")
    walk(on_module, scenario)

    assert "replay=" not in on_module.url
    steps = ProgressEvent.objects.filter(kind="scenario_step").count()
    assert steps == 4  # two walks of two steps, none repeated by a refetch
