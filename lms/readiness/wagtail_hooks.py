"""Wiring only: the cohort's "Readiness" sub-page."""

from django.urls import path
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.subpages import CohortSubpage
from lms.readiness.admin_views import CohortReadinessView


@hooks.register("register_cohort_subpage")
def readiness_page():
    return CohortSubpage(
        "readiness",
        "Readiness",
        urls=[
            path("<id:pk>/readiness/", CohortReadinessView.as_view(), name="readiness")
        ],
        icon="crosshairs",
        order=40,
    )
