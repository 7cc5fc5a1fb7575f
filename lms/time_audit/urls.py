"""Time-audit pages, under /learn/time/, in the `lms` namespace."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.time_audit import export, mentor_views, views

urlpatterns = [
    path("learn/time/", views.overview, name="time_audit"),
    path("learn/time/week/", views.pick_week, name="time_audit_pick_week"),
    path("learn/time/week/<str:label>/", views.week, name="time_audit_week"),
    path("learn/time/settings/", views.settings, name="time_audit_settings"),
    path("learn/time/values/", views.values, name="time_audit_values"),
    path("learn/time/export.csv", export.export_csv, name="time_audit_export"),
    path(
        "learn/time/learners/<id:user_pk>/",
        mentor_views.mentee,
        name="time_audit_mentee",
    ),
    path(
        "learn/time/reminders/off/<str:token>/",
        views.reminders_off,
        name="time_audit_reminders_off",
    ),
]
