"""Wiring only: learner state on course pages, the learner's navigation links, and
the programme manager's cohort views and home panel in the admin."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from wagtail import hooks

from courses.models import ModulePage, ProgrammePage
from lms.cohorts.admin.home_panel import ManagedCohortsPanel
from lms.cohorts.admin.viewset import CohortViewSet
from lms.learner.module_state import module_state
from lms.mentoring.admin_views import MentoringMenuItem
from lms.mentoring.admin_views import urlpatterns as mentoring_urls
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


@hooks.register("courses_nav_items")
def learner_links(request):
    if request is None or not request.user.is_authenticated:
        return [{"label": "Sign in", "url": reverse("lms:login")}]
    return [
        {"label": "My learning", "url": reverse("lms:home")},
        {"label": "Journal", "url": reverse("lms:journal")},
        {"label": "Projects", "url": reverse("lms:projects")},
        {"label": "Sign out", "url": reverse("lms:logout"), "post": True},
    ]


@hooks.register("register_admin_viewset")
def register_cohorts():
    return CohortViewSet()


@hooks.register("construct_homepage_panels")
def managed_cohorts_panel(request, panels):
    if request.user.has_perm("lms.view_cohort"):
        panels.append(ManagedCohortsPanel(request.user))


@hooks.register("register_admin_urls")
def register_mentoring_urls():
    return [path("mentoring/", include((mentoring_urls, "lms_mentoring")))]


@hooks.register("register_admin_menu_item")
def mentoring_menu_item():
    return MentoringMenuItem(
        "Mentoring", reverse("lms_mentoring:queue"), icon_name="user", order=310
    )
