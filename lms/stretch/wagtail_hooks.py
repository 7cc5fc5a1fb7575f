"""Wiring only: the cohort's "Stretch projects" sub-page and the learner's Projects link."""

from django.urls import path, reverse
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.subpages import CohortSubpage
from lms.stretch.admin_views import (
    AssignProjectView,
    CompleteProjectView,
    ProjectsReportView,
    ProjectView,
)


@hooks.register("register_cohort_subpage")
def projects_page():
    return CohortSubpage(
        "projects",
        "Stretch projects",
        urls=[
            path("<id:pk>/projects/", ProjectsReportView.as_view(), name="projects"),
            path(
                "<id:pk>/projects/assign/",
                AssignProjectView.as_view(),
                name="assign_project",
            ),
            path(
                "<id:pk>/projects/<id:assignment_pk>/",
                ProjectView.as_view(),
                name="project",
            ),
            path(
                "<id:pk>/projects/<id:assignment_pk>/complete/",
                CompleteProjectView.as_view(),
                name="complete_project",
            ),
        ],
        icon="tasks",
        order=30,
        permission="lms.view_stretchassignment",
    )


@hooks.register("courses_nav_items", order=30)
def projects_link(request):
    if request is None or not request.user.is_authenticated:
        return []
    return [{"label": "Projects", "url": reverse("lms:projects")}]
