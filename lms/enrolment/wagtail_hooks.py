"""Wiring only: the cohort's "Enrol learners" sub-page and its URLs."""

from django.urls import path
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.subpages import CohortSubpage
from lms.enrolment.admin_views import (
    AddLearnerView,
    EnrolTemplateView,
    EnrolView,
    RemoveLearnerView,
    ResendInvitationView,
    UploadView,
)


@hooks.register("register_cohort_subpage")
def enrol_page():
    return CohortSubpage(
        "enrol",
        "Enrol learners",
        urls=[
            path("<id:pk>/enrol/", EnrolView.as_view(), name="enrol"),
            path("<id:pk>/enrol/upload/", UploadView.as_view(), name="upload"),
            path("<id:pk>/enrol/add/", AddLearnerView.as_view(), name="add_learner"),
            path(
                "<id:pk>/enrol/template.csv",
                EnrolTemplateView.as_view(file_format="csv"),
                name="enrol_template_csv",
            ),
            path(
                "<id:pk>/enrol/template.xlsx",
                EnrolTemplateView.as_view(file_format="xlsx"),
                name="enrol_template_xlsx",
            ),
            path(
                "<id:pk>/learners/<id:enrolment_pk>/remove/",
                RemoveLearnerView.as_view(),
                name="remove_learner",
            ),
            path(
                "<id:pk>/learners/<id:enrolment_pk>/invite/",
                ResendInvitationView.as_view(),
                name="resend_invitation",
            ),
        ],
        icon="user",
        order=20,
        permission="lms.add_enrolment",
    )
