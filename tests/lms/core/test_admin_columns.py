"""Cells formatted in Python print text, never markup, and say how long ago."""

from datetime import timedelta
from types import SimpleNamespace

from bs4 import BeautifulSoup
from django.utils import timezone

from lms.core.columns import (
    LinkColumn,
    RowsTable,
    StatusColumn,
    TextColumn,
    TimeAgoColumn,
    time_ago,
)


def test_time_ago_says_just_now_then_the_largest_unit():
    now = timezone.now()

    assert time_ago(now - timedelta(seconds=20)) == "just now"
    assert time_ago(now - timedelta(minutes=5, seconds=3)) == "5\xa0minutes ago"
    assert time_ago(now - timedelta(days=15, hours=2)) == "2\xa0weeks ago"


def test_a_table_body_escapes_every_cell():
    row = SimpleNamespace(
        name="<script>x</script>", team="A & B", when=None, status="behind"
    )
    table = RowsTable(
        [
            LinkColumn("name", get_url=lambda r: "/learners/1/?a=1&b=2"),
            TextColumn("team"),
            TimeAgoColumn("when"),
            StatusColumn("status", primary=lambda r: r.status == "at risk"),
        ],
        [row],
    )

    html = str(table.body_html())

    cells = BeautifulSoup(html, "html.parser").find_all("td")
    assert "<script>" not in html
    assert [cell.get_text() for cell in cells] == [
        "<script>x</script>",
        "A & B",
        "",
        "behind",
    ]
    assert cells[0].find("a")["href"] == "/learners/1/?a=1&b=2"
    assert "w-status--primary" not in html
