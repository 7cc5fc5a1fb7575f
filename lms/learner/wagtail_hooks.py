"""Wiring only: the learner's state on module and programme pages, and their links."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from wagtail import hooks

from courses.models import CoursePage, ModulePage, ProgrammePage
from lms.learner.home import module_statuses
from lms.learner.module_state import module_state
from lms.models import Enrolment


@hooks.register("courses_page_context")
def learner_on_page(request, page):
    if isinstance(page, ModulePage):
        return _module_context(request, page)
    if isinstance(page, CoursePage) and request.user.is_authenticated:
        return {"module_status": module_statuses(request.user, page)}
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


def _module_context(request, page):
    state = module_state(request, page)
    context = {"learner": state, "learner_script": static("lms/module.js")}
    if not request.user.is_authenticated:
        context["sign_in_url"] = (
            f"{reverse('lms:login')}?{urlencode({'next': page.url})}"
        )
    elif state is not None and state.enrolment is None:
        # Only someone signed in but not enrolled needs the way to enrol.
        programme = ProgrammePage.objects.ancestor_of(page).first()
        context["programme_url"] = programme.url if programme else ""
    return context
