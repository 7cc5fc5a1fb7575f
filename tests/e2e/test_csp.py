"""The Content-Security-Policy blocks nothing our pages or the admin need: a real
Chromium reports no violation on the learner's pages or the manager's pages."""

import pytest
from django.urls import reverse

from tests.builders.people import PASSWORD
from tests.builders.web import cohort_url
from tests.e2e.test_accessibility import PHONE, learner_paths

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def watched(browser, scene, who, login_path):
    """A signed-in page (CSP enforced) and the list its CSP violations go to."""
    page = browser.new_context(viewport=PHONE).new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and blocked.append(f"{page.url}: {message.text}")
        ),
    )
    page.goto(f"{scene.server}{login_path}")
    page.fill("#id_username", who.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    return page, blocked


def visit(page, server, paths):
    for path in paths:
        response = page.goto(f"{server}{path}")
        assert response.headers.get("content-security-policy"), path
        page.wait_for_load_state("networkidle")


def test_the_learners_pages_run_under_the_policy(browser, scene):
    page, blocked = watched(browser, scene, scene.learner, "/accounts/login/")

    visit(page, scene.server, learner_paths(scene))

    assert blocked == []


def test_the_managers_admin_pages_run_under_the_policy(browser, scene):
    page, blocked = watched(browser, scene, scene.manager, "/admin/login/")

    visit(
        page,
        scene.server,
        [
            "/admin/",
            cohort_url("dashboard", scene.cohort),
            cohort_url("assign_project", scene.cohort),
            reverse("wagtailadmin_pages:edit", args=[scene.module.pk]),
        ],
    )
    page.goto(f"{scene.server}{cohort_url('assign_project', scene.cohort)}")
    page.locator("input[name=due_on], input[type=text][id*=due]").first.click()

    assert blocked == []


def test_an_inline_script_on_a_site_page_is_blocked(browser, scene):
    page, blocked = watched(browser, scene, scene.learner, "/accounts/login/")
    page.goto(f"{scene.server}/learn/")

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )

    assert page.evaluate("() => window.ran") is None
    assert blocked
