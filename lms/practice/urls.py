"""Practice workbook pages, under /learn/practice/, in the `lms` namespace."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.practice import views

urlpatterns = [
    path("learn/practice/<id:pk>/", views.practice, name="practice"),
    path(
        "learn/practice/<id:pk>/workbook.xlsx",
        views.download,
        name="practice_download",
    ),
    path("learn/practice/<id:pk>/check/", views.check, name="practice_check"),
]
