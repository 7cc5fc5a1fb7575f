"""The cohort's "Readiness" sub-page: the grid, the table, its filters and
exports, for the cohort's manager only."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from lms.cohorts.admin.access import cohort_url
from tests.builders.readiness import full_evidence, learner_in, make_readiness_scene

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)  # moved by the manager to (3, 2)
    return scene


def page_url(scene, cohort=None):
    return cohort_url("readiness", (cohort or scene.cohort).pk)


def test_the_manager_sees_the_grid_with_cut_points_and_counts(client, scene):
    client.force_login(scene.manager)

    html = client.get(page_url(scene)).content.decode()

    assert "performance 50 and 75, potential 50 and 75" in html
    assert 'id="box-3-2">High performer: <strong>1</strong>' in html
    assert 'id="count-unplaced">1<' in html  # Bo has no evidence yet
    assert "Ready in 6-12 months" in html
    assert "Delivering: stretch them" in html


def exported(client, url, **query):
    response = client.get(url, {"export": "csv", **query})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_table_filters_by_mentor(client, scene):
    client.force_login(scene.manager)
    everyone = exported(client, page_url(scene))
    mentor = next(row[3] for row in everyone[1:] if "High performer" in row)

    rows = exported(client, page_url(scene), mentor=mentor)

    assert len(everyone) == 3 and len(rows) == 2
    assert "High performer" in rows[1]


def test_the_csv_export_lists_every_learner_formula_safe(client, scene):
    learner_in(scene.cohort, scene.mentor, name="=HYPERLINK(1)")
    client.force_login(scene.manager)

    rows = exported(client, page_url(scene))

    assert rows[0][:3] == ["Name", "Team", "Site"]
    assert rows[0][-4:] == ["Box", "Placed", "Readiness", "Next step"]
    assert len(rows) == 4  # heading, Ada, Bo and the new learner
    assert all(not row[0].startswith("=") for row in rows[1:])
    ada = next(row for row in rows if "High performer" in row)
    assert "Moved by a manager" in ada


def test_the_xlsx_export_opens(client, scene):
    client.force_login(scene.manager)

    response = client.get(page_url(scene), {"export": "xlsx"})
    content = b"".join(response.streaming_content) if response.streaming else None
    book = openpyxl.load_workbook(io.BytesIO(content or response.content))
    rows = list(book.active.iter_rows(values_only=True))

    assert rows[0][0] == "Name" and len(rows) == 3


def test_another_manager_gets_404_and_no_names(client, scene):
    client.force_login(scene.other_manager)

    response = client.get(page_url(scene))

    assert response.status_code == 404
    assert client.get(page_url(scene), {"export": "csv"}).status_code == 404


@pytest.mark.parametrize("who", ["learner", "other_learner", "mentor", "other_mentor"])
def test_learners_and_mentors_are_turned_away(client, scene, who):
    client.force_login(scene.people()[who])

    response = client.get(page_url(scene))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN) or response.url == reverse(
        "wagtailadmin_home"
    )


def test_anonymous_visitors_are_sent_to_the_login(client, scene):
    response = client.get(page_url(scene))

    assert response.status_code == 302 and response.url.startswith(f"{LOGIN}?next=")


def test_the_dashboard_links_to_the_readiness_page(client, scene):
    client.force_login(scene.manager)

    html = client.get(cohort_url("dashboard", scene.cohort.pk)).content.decode()

    assert page_url(scene) in html
