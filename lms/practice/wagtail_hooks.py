"""Wiring only: the practice workbook's panel on its module page and course page."""

from django.urls import reverse
from wagtail import hooks

from courses.models import CoursePage, ModulePage
from lms.practice import workbooks


@hooks.register("courses_page_context")
def practice_on_page(request, page):
    if isinstance(page, ModulePage) and workbooks.known(page.workbook):
        return {"practice": _links(page)}
    if isinstance(page, CoursePage):
        return {"practice_links": _course_links(page)}
    return {}


def _course_links(course):
    """{module id: download URL} for the course's modules with a workbook: one query."""
    found = (
        ModulePage.objects.child_of(course)
        .exclude(workbook="")
        .values_list("pk", "workbook")
    )
    return {
        pk: reverse("lms:practice_download", args=[pk])
        for pk, key in found
        if workbooks.known(key)
    }


def _links(module):
    return {
        "template_name": "lms/practice/module_panel.html",
        "download_url": reverse("lms:practice_download", args=[module.pk]),
        "page_url": reverse("lms:practice", args=[module.pk]),
        "check_url": reverse("lms:practice_check", args=[module.pk]),
        "minutes": module.practice_minutes,
    }
