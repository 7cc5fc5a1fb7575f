"""Wiring only: Reports → Progress events set aside."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from lms.progress.views import set_aside_view

urls = [path("", set_aside_view, name="set_aside")]


@hooks.register("register_admin_urls")
def progress_urls():
    return [
        path(
            "progress-events/",
            include((urls, "lms_progress"), namespace="lms_progress"),
        )
    ]


@hooks.register("register_reports_menu_item")
def set_aside_menu_item():
    return AdminOnlyMenuItem(
        "Progress events set aside",
        reverse("lms_progress:set_aside"),
        icon_name="warning",
        order=890,
    )
