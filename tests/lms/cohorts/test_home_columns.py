"""The admin home's cohorts panel takes columns from other concepts through the
`register_cohort_home_column` hook, asking each once for all the listed cohorts."""

import pytest
from django.urls import reverse
from wagtail import hooks

from lms.cohorts.admin.home_panel import COLUMN_HOOK, HomeColumn
from tests.builders.cohorts import make_cohort
from tests.builders.pages import make_programme
from tests.builders.people import make_manager
from tests.builders.web import section

pytestmark = pytest.mark.django_db


def test_a_registered_column_shows_beside_each_of_my_cohorts(client):
    manager = make_manager()
    programme = make_programme()
    mine = [make_cohort(programme, name=n, managers=[manager]) for n in ("A", "B")]
    make_cohort(programme, name="Not mine")
    asked = []

    def values(user, cohorts):
        asked.append((user, sorted(c.name for c in cohorts)))
        return {mine[0].pk: "seven"}

    client.force_login(manager)
    with hooks.register_temporarily(
        COLUMN_HOOK, lambda: HomeColumn("Probe", values, order=5)
    ):
        table = section(
            client.get(reverse("wagtailadmin_home")), "managed-cohorts-table"
        )

    headings = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    at = headings.index("Probe")
    cells = {
        row.find("a").get_text(strip=True): row.find_all("td")[at].get_text(strip=True)
        for row in table.find("tbody").find_all("tr")
    }
    assert headings[:3] == ["Cohort", "Learners", "At risk"]
    assert cells == {"A": "seven", "B": ""}
    assert asked == [(manager, ["A", "B"])]  # once, for the listed cohorts only


def test_no_cohort_no_column_asked(client):
    manager = make_manager()
    asked = []
    client.force_login(manager)

    with hooks.register_temporarily(
        COLUMN_HOOK, lambda: HomeColumn("Probe", lambda u, c: asked.append(c) or {})
    ):
        response = client.get(reverse("wagtailadmin_home"))

    assert "You manage no cohorts yet" in response.content.decode()
    assert asked == []
