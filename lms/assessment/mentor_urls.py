"""The mentor's view of a learner's self-assessment and their own ratings."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.assessment import mentor_views

PREFIX = "learn/assessment/learners/<id:enrolment_pk>/"

urlpatterns = [
    path(PREFIX, mentor_views.mentee, name="assessment_mentee"),
    path(
        f"{PREFIX}rate/<id:competency_pk>/",
        mentor_views.rate,
        name="assessment_mentor_rate",
    ),
]
