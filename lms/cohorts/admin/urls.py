"""Each cohort's own pages, added to the Cohorts viewset's URLs and namespace."""

from django.urls import path

from lms.cohorts.admin.dashboard import CohortDashboardView
from lms.cohorts.admin.learner import LearnerView
from lms.enrolment.admin_views import (
    AddLearnerView,
    EnrolTemplateView,
    EnrolView,
    RemoveLearnerView,
    UploadView,
)
from lms.stretch.admin_views import (
    AssignProjectView,
    CompleteProjectView,
    ProjectsReportView,
    ProjectView,
)

urlpatterns = [
    path("<int:pk>/dashboard/", CohortDashboardView.as_view(), name="dashboard"),
    path(
        "<int:pk>/learners/<int:enrolment_pk>/",
        LearnerView.as_view(),
        name="learner",
    ),
    path(
        "<int:pk>/learners/<int:enrolment_pk>/remove/",
        RemoveLearnerView.as_view(),
        name="remove_learner",
    ),
    path("<int:pk>/enrol/", EnrolView.as_view(), name="enrol"),
    path("<int:pk>/enrol/upload/", UploadView.as_view(), name="upload"),
    path("<int:pk>/enrol/add/", AddLearnerView.as_view(), name="add_learner"),
    path(
        "<int:pk>/enrol/template.csv",
        EnrolTemplateView.as_view(file_format="csv"),
        name="enrol_template_csv",
    ),
    path(
        "<int:pk>/enrol/template.xlsx",
        EnrolTemplateView.as_view(file_format="xlsx"),
        name="enrol_template_xlsx",
    ),
    path("<int:pk>/projects/", ProjectsReportView.as_view(), name="projects"),
    path(
        "<int:pk>/projects/assign/",
        AssignProjectView.as_view(),
        name="assign_project",
    ),
    path(
        "<int:pk>/projects/<int:assignment_pk>/",
        ProjectView.as_view(),
        name="project",
    ),
    path(
        "<int:pk>/projects/<int:assignment_pk>/complete/",
        CompleteProjectView.as_view(),
        name="complete_project",
    ),
]
