"""The learner's self-assessment pages, one programme (enrolment) each."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.assessment import focus_views, gap_views, rating_views, views

PREFIX = "learn/assessment/<id:enrolment_pk>/"

urlpatterns = [
    path("learn/assessment/", views.index, name="assessment_index"),
    path(PREFIX, gap_views.overview, name="assessment"),
    path(f"{PREFIX}start/", views.start, name="assessment_start"),
    path(f"{PREFIX}rate/", rating_views.resume, name="assessment_rate"),
    path(f"{PREFIX}rate/<slug:step>/", rating_views.rate, name="assessment_step"),
    path(f"{PREFIX}focus/", focus_views.focus, name="assessment_focus"),
    path(
        f"{PREFIX}focus/choose/<id:competency_pk>/",
        focus_views.choose,
        name="assessment_choose",
    ),
    path(
        f"{PREFIX}focus/<id:gap_pk>/drop/",
        focus_views.drop,
        name="assessment_drop",
    ),
]
