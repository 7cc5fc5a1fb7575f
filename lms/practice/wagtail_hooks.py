"""Wiring only: the practice workbook's panel on its module page and course page."""

from django.urls import reverse
from wagtail import hooks

from courses.models import CoursePage, ModulePage
from courses.outline import listed_modules
from lms.practice import workbooks


@hooks.register("courses_page_context")
def practice_on_page(request, page):
    if isinstance(page, ModulePage) and workbooks.known(page.workbook):
        return {"practice": _links(page)}
    if isinstance(page, CoursePage):
        return {"practice_links": _course_links(page)}
    return {}


# Stands for a module id in the download URL, reversed once per course page:
# a reverse per module cost more than the rest of the module's card.
MARKER = 987654321987654321


def _course_links(course):
    """{module id: download URL} for the course's modules with a workbook, from
    the course's cached module list (no query once cached)."""
    pattern = reverse("lms:practice_download", args=[MARKER])
    return {
        module.pk: pattern.replace(str(MARKER), str(module.pk))
        for module in listed_modules(course)
        if module.workbook and workbooks.known(module.workbook)
    }


def _links(module):
    return {
        "template_name": "lms/practice/module_panel.html",
        "download_url": reverse("lms:practice_download", args=[module.pk]),
        "page_url": reverse("lms:practice", args=[module.pk]),
        "check_url": reverse("lms:practice_check", args=[module.pk]),
        "minutes": module.practice_minutes,
    }
