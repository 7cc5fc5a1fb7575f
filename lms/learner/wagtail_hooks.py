"""Wiring only: the learner's state on module and programme pages, and their links."""

from django.templatetags.static import static
from django.urls import reverse
from wagtail import hooks

from courses.models import ModulePage, ProgrammePage
from lms.learner.module_state import module_state
from lms.models import Enrolment


@hooks.register("courses_page_context")
def learner_on_page(request, page):
    if isinstance(page, ModulePage):
        return {
            "learner": module_state(request, page),
            "learner_script": static("lms/module.js"),
        }
    if isinstance(page, ProgrammePage) and request.user.is_authenticated:
        return {
            "enrolment": Enrolment.objects.filter(
                user=request.user, programme=page
            ).first(),
            "enrol_url": reverse("lms:enrol", args=[page.pk]),
            "learner_home_url": reverse("lms:home"),
        }
    return {}


@hooks.register("courses_nav_items", order=10)
def learner_links(request):
    if request is None or not request.user.is_authenticated:
        return []
    return [
        {"label": "My learning", "url": reverse("lms:home")},
        {"label": "Journal", "url": reverse("lms:journal")},
    ]


@hooks.register("courses_nav_items", order=100)
def account_links(request):
    if request is None or not request.user.is_authenticated:
        return [{"label": "Sign in", "url": reverse("lms:login")}]
    return [{"label": "Sign out", "url": reverse("lms:logout"), "post": True}]
