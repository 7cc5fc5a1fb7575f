"""The learner's CSV export: every week of their own, cells that stay data."""

import csv
import io

import pytest

from lms.core.spreadsheets import safe_cell, safe_row
from lms.time_audit.categories import AGENT
from tests.builders.people import make_user
from tests.builders.time_audit import log_week, make_profile, weeks_back

pytestmark = pytest.mark.django_db


def export_rows(client):
    response = client.get("/learn/time/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain words", "plain words"),
        ("", ""),
        (-4, -4),
        (None, None),
    ],
)
def test_text_that_starts_like_a_formula_is_prefixed(value, expected):
    assert safe_cell(value) == expected


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(["=1+1", 2, "ok"]) == ["'=1+1", 2, "ok"]


def test_the_export_lists_every_week_with_its_figures(client):
    learner = make_user("learner")
    log_week(learner, weeks_back(2), note="first")
    make_profile(learner, version=AGENT)
    log_week(learner, weeks_back(1), hours=(30, 4, 2, 2, 2), shared=True)
    client.force_login(learner)
    first, second = export_rows(client)
    assert first["Developing staff (Team leader)"] == "4.0"
    assert first["Own queue (Agent (no team yet))"] == ""
    assert (first["Total hours"], first["Sacred time met"], first["Note"]) == (
        "40.0",
        "yes",
        "first",
    )
    assert second["Own queue (Agent (no team yet))"] == "30.0"
    assert second["Shared with mentor"] == "yes"


def test_a_note_written_as_a_formula_is_exported_as_text(client):
    learner = make_user("learner")
    log_week(learner, weeks_back(0), note='=HYPERLINK("http://evil.example","x")')
    client.force_login(learner)
    (row,) = export_rows(client)
    assert row["Note"] == '\'=HYPERLINK("http://evil.example","x")'
