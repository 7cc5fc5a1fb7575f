"""A new learner's first day in Chromium: the manager adds them, the invitation
email's link sets a password, they sign in and open their first module."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.builders.cohorts import make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import PASSWORD, make_manager
from tests.builders.web import cohort_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "first day on the floor 2026"


@pytest.fixture
def scene(live_server):
    programme = make_programme_with_modules()
    manager = make_manager("pat", password=PASSWORD)
    cohort = make_cohort(programme.page, managers=[manager], name="Spring leaders")
    return {"server": live_server.url, "cohort": cohort, "programme": programme}


def test_invite_set_a_password_sign_in_and_open_the_first_module(browser, scene):
    server, cohort = scene["server"], scene["cohort"]
    manager = browser.new_context().new_page()
    manager.goto(f"{server}/admin/login/")
    manager.fill("#id_username", "pat")
    manager.fill("#id_password", PASSWORD)
    manager.press("#id_password", "Enter")
    manager.goto(f"{server}{cohort_url('enrol', cohort)}")
    form = manager.locator("#add-form")
    form.locator("input[name=email]").fill("nia@example.com")
    form.locator("input[name=first_name]").fill("Nia")
    form.locator("button[type=submit]").click()
    expect(
        manager.get_by_text("invitation to set a password is emailed")
    ).to_be_visible()

    (invitation,) = mail.outbox
    assert invitation.to == ["nia@example.com"]
    (link,) = re.findall(r"https?://\S+/accounts/password/set/\S+/", invitation.body)
    path = link.split("/accounts/", 1)[1]

    learner = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    learner.goto(f"{server}/accounts/{path}")
    learner.fill("#id_new_password1", NEW_PASSWORD)
    learner.fill("#id_new_password2", NEW_PASSWORD)
    learner.get_by_role("button", name="Set password").click()
    expect(learner.get_by_text("Your password is set")).to_be_visible()

    learner.context.clear_cookies()
    learner.goto(f"{server}/accounts/login/")
    learner.fill("#id_username", "nia")
    learner.fill("#id_password", NEW_PASSWORD)
    learner.press("#id_password", "Enter")
    learner.goto(f"{server}/learn/")
    learner.get_by_role("link", name="The first minute").first.click()
    expect(learner.get_by_role("heading", name="The first minute")).to_be_visible()
