"""Practice workbook pages, under /learn/practice/, in the `lms` namespace."""

from django.urls import path

from lms.practice import views

urlpatterns = [
    path("learn/practice/<int:pk>/", views.practice, name="practice"),
    path(
        "learn/practice/<int:pk>/workbook.xlsx",
        views.download,
        name="practice_download",
    ),
    path("learn/practice/<int:pk>/check/", views.check, name="practice_check"),
]
