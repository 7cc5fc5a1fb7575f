"""The manager's project pages bring the scripts their date fields need."""

import pytest
from django.urls import reverse

from tests.lms.stretch.test_stretch_manager import manager_client, scene

__all__ = ["manager_client", "scene"]
pytestmark = pytest.mark.django_db

DATE_CHOOSER = "wagtailadmin/js/date-time-chooser.js"


def test_the_assign_page_loads_the_date_chooser(manager_client, scene):
    url = reverse("lms_cohorts:assign_project", args=[scene.cohort.pk])

    assert DATE_CHOOSER in manager_client.get(url).content.decode()


def test_a_projects_page_loads_the_date_chooser_for_its_edit_form(
    manager_client, scene
):
    url = reverse("lms_cohorts:project", args=[scene.cohort.pk, scene.assignment.pk])

    assert DATE_CHOOSER in manager_client.get(url).content.decode()
