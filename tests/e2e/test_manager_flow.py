"""The programme manager's dashboard in Chromium: figures, filters, sorting,
the last-active tooltip, a learner's drill-down and the CSV download."""

import csv
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.cohorts.snapshots import take_snapshot
from tests.builders.cohorts import enrol_learner, make_cohort, snapshot
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import PASSWORD, make_manager
from tests.builders.web import cohort_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    programme = make_programme_with_modules()
    manager = make_manager("pat", password=PASSWORD)
    cohort = make_cohort(programme.page, managers=[manager], name="Spring leaders")
    course = programme.courses[0]
    enrol_learner(
        cohort,
        "olivia",
        first_name="Olivia",
        last_name="Stone",
        team="Inbound",
        completed=[(course, 3)],
    )
    enrol_learner(
        cohort,
        "rita",
        first_name="Rita",
        last_name="Moss",
        team="Inbound",
        days_inactive=10,
    )
    enrol_learner(
        cohort,
        "fred",
        first_name="Fred",
        last_name="Fern",
        team="Outbound",
        completed=[(course, 3)],
        questions_answered=5,
        questions_correct=1,
    )
    snapshot(cohort, days_ago=2, completion=5, at_risk=1)
    take_snapshot(cohort, timezone.localdate())
    return {"server": live_server.url, "cohort": cohort}


def learner_names(page):
    return [
        name.strip()
        for name in page.locator("#listing-results tbody td.title").all_inner_texts()
    ]


def test_the_manager_finds_who_is_at_risk_and_downloads_the_table(browser, scene):
    cohort, server = scene["cohort"], scene["server"]
    page = browser.new_page()
    page.goto(f"{server}/admin/login/?next={cohort_url('dashboard', cohort)}")
    page.fill("#id_username", "pat")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")

    expect(page.locator("#count-at-risk")).to_have_text("2")
    expect(page.locator("#listing-results tbody tr")).to_have_count(3)
    expect(page.locator("#trend-chart circle")).not_to_have_count(0)

    page.get_by_label("Status").select_option("at risk")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#listing-results tbody tr")).to_have_count(2)
    assert sorted(learner_names(page)) == ["Fred Fern", "Rita Moss"]

    page.get_by_role("link", name="Name", exact=True).click()
    expect(page.locator("#listing-results tbody td.title").first).to_have_text(
        "Fred Fern"
    )
    assert "status=at+risk" in page.url  # sorting keeps the filter

    rita = page.locator("#listing-results tbody tr", has_text="Rita Moss")
    rita.locator("time").hover()
    expect(page.get_by_role("tooltip")).to_contain_text(f"{timezone.localdate().year}-")

    with page.expect_download() as download:
        page.locator("#export-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["Name"] for row in rows) == ["Fred Fern", "Rita Moss"]
    assert {row["Status"] for row in rows} == {"at risk"}

    rita.get_by_role("link", name="Rita Moss").click()
    expect(page.get_by_role("heading", name="Rita Moss")).to_be_visible()
    expect(page.locator("#learner-facts")).to_contain_text("Inbound")
