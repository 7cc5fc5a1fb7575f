"""Wiring only: the Mentoring admin menu and its URLs."""

from django.urls import include, path, reverse
from wagtail import hooks

from lms.mentoring.base import MentoringMenuItem
from lms.mentoring.urls import urlpatterns as mentoring_urls


@hooks.register("register_admin_urls")
def register_mentoring_urls():
    return [path("mentoring/", include((mentoring_urls, "lms_mentoring")))]


@hooks.register("register_admin_menu_item")
def mentoring_menu_item():
    return MentoringMenuItem(
        "Mentoring", reverse("lms_mentoring:queue"), icon_name="user", order=310
    )
