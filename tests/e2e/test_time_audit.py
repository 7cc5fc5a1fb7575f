"""A learner on a 360 px phone, without JavaScript, sets up the time audit and logs a week."""

import pytest
from playwright.sync_api import expect

from lms.models import AuditProfile, AuditWeek
from lms.time_audit.categories import AGENT, week_label
from lms.time_audit.services import this_week
from tests.builders.people import PASSWORD, make_learner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
HOURS = {
    "Own queue": "28",
    "Helping peers": "5",
    "Projects": "3",
    "Learning": "2.5",
    "Admin": "1.5",
    "In the work": "30",
    "Leading the work": "5",
}


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_learner_logs_a_week_on_a_phone(browser, live_server, tmp_path):
    make_learner("learner")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/learn/")
    page.fill("#id_username", "learner")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/learn/")

    # From My learning, the panel leads to this week's entry, via the choices once
    page.get_by_role("link", name="Log this week").click()
    expect(page.get_by_role("heading", name="Your time-audit choices")).to_be_visible()
    page.get_by_label("Agent (no team yet)").check()
    page.get_by_label("50 hours").check()
    page.get_by_label("Sacred time", exact=False).fill("4")
    page.get_by_label("Email me a reminder on").select_option(label="Friday")
    page.get_by_role("button", name="Save").click()

    label = week_label(this_week())
    expect(page.get_by_role("heading", name=f"Log week {label}")).to_be_visible()
    assert fits_the_screen(page)
    for name, hours in HOURS.items():
        page.get_by_label(name, exact=True).fill(hours)
    page.get_by_label("Share this week with my mentor").check()
    page.get_by_label("One line about the week (optional)").fill("Launch week")
    page.get_by_label("One line about the week (optional)").press("Enter")

    expect(page.get_by_text(f"Saved {label}: 40.0 hours.")).to_be_visible()
    expect(
        page.get_by_role("img", name="Hours per category, week by week")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Value against time")).to_be_visible()
    expect(page.get_by_text("1 week in a row", exact=False)).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=str(tmp_path / "time-audit.png"), full_page=True)

    profile = AuditProfile.objects.get(user__username="learner")
    assert (profile.version, profile.contracted_hours, profile.reminder_day) == (
        AGENT,
        50,
        5,
    )
    week = AuditWeek.objects.get(user__username="learner")
    assert (str(week.hours_1), str(week.hours_2), week.shared) == ("28.0", "5.0", True)
    context.close()
