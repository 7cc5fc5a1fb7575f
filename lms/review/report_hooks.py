"""Wiring only: what trainers and managers see of review answers."""

from django.urls import include, path, reverse
from wagtail import hooks

from lms.cohorts.missed_questions import ANSWERS_HOOK
from lms.review.forgetting import ForgettingMenuItem, ForgettingReportView
from lms.review.missed import REVIEW_ANSWERS

urls = [path("forgetting/", ForgettingReportView.as_view(), name="forgetting")]

hooks.register(ANSWERS_HOOK, lambda: REVIEW_ANSWERS)


@hooks.register("register_admin_urls")
def review_report_urls():
    return [path("review/", include((urls, "lms_review"), namespace="lms_review"))]


@hooks.register("register_reports_menu_item")
def forgetting_menu_item():
    return ForgettingMenuItem(
        "Forgetting rate",
        reverse("lms_review:forgetting"),
        icon_name="history",
        order=700,
    )
