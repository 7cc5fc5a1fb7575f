"""CSV cells that a spreadsheet would run as formulas are made inert, in every export."""

import pytest
from wagtail.log_actions import log

from lms.core.spreadsheets import safe_cell, safe_row
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager
from tests.builders.web import cohort_url, csv_rows

ATTACKS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_starts_a_formula_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Olivia Stone", "", "a=b", 3, -3, 2.5, None])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_rows_are_safe_cell_by_cell():
    assert safe_row(["=1", "ok", 7]) == ["'=1", "ok", 7]


@pytest.mark.django_db
def test_the_dashboard_csv_quotes_a_formula_in_a_name_team_or_site(client):
    manager = make_manager()
    cohort = make_cohort(make_programme_with_modules().page, managers=[manager])
    enrol_learner(
        cohort,
        "mallory",
        first_name="=HYPERLINK(1)",
        last_name="X",
        team="+team",
        site="@site",
    )
    client.force_login(manager)

    response = client.get(cohort_url("dashboard", cohort), {"export": "csv"})

    (row,) = csv_rows(response)
    assert row["Name"] == "'=HYPERLINK(1) X"
    assert row["Team"] == "'+team"
    assert row["Site"] == "'@site"


@pytest.mark.django_db
def test_wagtails_own_csv_exports_are_safe_too(admin_client):
    cohort = make_cohort(make_programme_with_modules().page, name="=HYPERLINK(2)")
    log(cohort, "wagtail.edit")

    response = admin_client.get("/admin/reports/site-history/", {"export": "csv"})

    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(2)" in text
    assert ",=HYPERLINK" not in text and "\n=HYPERLINK" not in text
