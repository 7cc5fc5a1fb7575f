"""Wiring only: the Mentoring admin menu and its URLs."""

from django.urls import include, path, reverse
from wagtail import hooks

from lms.mentoring.base import MENTORING_PERMISSION, MentoringMenuItem
from lms.mentoring.home_panel import MentorPanel
from lms.mentoring.urls import urlpatterns as mentoring_urls


@hooks.register("register_admin_urls")
def register_mentoring_urls():
    return [path("mentoring/", include((mentoring_urls, "lms_mentoring")))]


@hooks.register("register_admin_menu_item")
def mentoring_menu_item():
    return MentoringMenuItem(
        "Mentoring", reverse("lms_mentoring:queue"), icon_name="user", order=310
    )


@hooks.register("construct_homepage_panels")
def mentor_panel(request, panels):
    if request.user.has_perm(MENTORING_PERMISSION):
        panels.append(MentorPanel(request.user))
