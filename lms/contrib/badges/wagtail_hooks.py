"""Wiring only: the badge-class snippets, the panel on My learning, the
learner's Badges link and the cohort's "Badges" sub-page."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.subpages import CohortSubpage
from lms.contrib.badges.admin_views import CohortBadgesView, RevokeBadgeView
from lms.contrib.badges.models import BadgeClass
from lms.contrib.badges.panel import panel_context
from lms.learner.panels import LearnerHomePanel


class BadgeClassViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "pick"
    menu_label = "Badge classes"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


register_snippet(BadgeClassViewSet)


@hooks.register("register_learner_home_panel")
def badges_panel():
    return LearnerHomePanel("badges", "lms_badges/panel.html", panel_context, order=60)


@hooks.register("register_cohort_subpage")
def badges_page():
    return CohortSubpage(
        "badges",
        "Badges",
        urls=[
            path("<id:pk>/badges/", CohortBadgesView.as_view(), name="badges"),
            path(
                "<id:pk>/badges/<uuid:credential_id>/revoke/",
                RevokeBadgeView.as_view(),
                name="revoke_badge",
            ),
        ],
        icon="pick",
        order=70,
    )


@hooks.register("courses_nav_items", order=35)
def badges_link(request):
    if request is None or not request.user.is_authenticated:
        return []
    return [{"label": "Badges", "url": reverse("lms_badges:mine")}]
