"""Wiring only: the cohort's "Readiness" sub-page and each learner's readiness profile,
the programme's settings, the mentor's page, the panel on My learning and the
"Ready now" column of the admin home's cohorts panel."""

from django.urls import include, path, reverse
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.admin.home_panel import COLUMN_HOOK, HomeColumn
from lms.cohorts.subpages import CohortSubpage
from lms.learner.panels import LearnerHomePanel
from lms.mentoring.base import MentoringMenuItem
from lms.readiness.admin_urls import urlpatterns as profile_urls
from lms.readiness.admin_views import CohortReadinessView
from lms.readiness.home_column import ready_now_cells
from lms.readiness.learner_panel import panel_context
from lms.readiness.links import NAMESPACE
from lms.readiness.mentee_views import MenteesReadinessView
from lms.readiness.settings_views import ReadinessSettingsView

MENTEES_URL = "lms_readiness_mentees"


@hooks.register("register_cohort_subpage")
def readiness_page():
    return CohortSubpage(
        "readiness",
        "Readiness",
        urls=[
            path("<id:pk>/readiness/", CohortReadinessView.as_view(), name="readiness"),
            path(
                "<id:pk>/readiness/settings/",
                ReadinessSettingsView.as_view(),
                name="readiness_settings",
            ),
        ],
        icon="crosshairs",
        order=40,
    )


@hooks.register("register_admin_urls")
def readiness_profile_urls():
    return [path("readiness/", include((profile_urls, NAMESPACE)))]


@hooks.register("register_admin_urls")
def mentees_readiness_url():
    return [
        path("readiness/mentees/", MenteesReadinessView.as_view(), name=MENTEES_URL)
    ]


@hooks.register("register_admin_menu_item")
def mentees_readiness_menu_item():
    return MentoringMenuItem(
        "Mentees' readiness", reverse(MENTEES_URL), icon_name="crosshairs", order=311
    )


@hooks.register("register_learner_home_panel")
def readiness_panel():
    return LearnerHomePanel(
        "readiness", "lms/readiness/panel.html", panel_context, order=60
    )


@hooks.register(COLUMN_HOOK)
def ready_now_column():
    return HomeColumn("Ready now", ready_now_cells, order=10)
