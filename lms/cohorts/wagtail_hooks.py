"""Wiring only: the Cohorts viewset, the dashboard sub-page and the admin home panel."""

from django.urls import path
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.admin.dashboard import CohortDashboardView
from lms.cohorts.admin.home_panel import ManagedCohortsPanel
from lms.cohorts.admin.learner import LearnerView
from lms.cohorts.admin.viewset import CohortViewSet
from lms.cohorts.subpages import CohortSubpage


@hooks.register("register_admin_viewset")
def register_cohorts():
    return CohortViewSet()


@hooks.register("register_cohort_subpage")
def dashboard_page():
    return CohortSubpage(
        "dashboard",
        "Dashboard",
        urls=[
            path("<id:pk>/dashboard/", CohortDashboardView.as_view(), name="dashboard"),
            path(
                "<id:pk>/learners/<id:enrolment_pk>/",
                LearnerView.as_view(),
                name="learner",
            ),
        ],
        icon="view",
        order=10,
    )


@hooks.register("construct_homepage_panels")
def managed_cohorts_panel(request, panels):
    if request.user.has_perm("lms.view_cohort"):
        panels.append(ManagedCohortsPanel(request.user))
