"""Wiring only: the panel on My learning, the cohort's "Time audit" sub-page and the
mentor's panel of shared audits on the admin home."""

from django.urls import path
from wagtail import hooks

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.cohorts.subpages import CohortSubpage
from lms.learner.panels import LearnerHomePanel
from lms.time_audit.admin_views import CohortTimeAuditView
from lms.time_audit.mentor_panel import SharedAuditsPanel
from lms.time_audit.mentor_views import MENTOR_ROLE
from lms.time_audit.panel import panel_context


@hooks.register("register_learner_home_panel")
def time_audit_panel():
    return LearnerHomePanel(
        "time_audit", "lms/time_audit/panel.html", panel_context, order=50
    )


@hooks.register("register_cohort_subpage")
def time_audit_page():
    return CohortSubpage(
        "time_audit",
        "Time audit",
        urls=[
            path(
                "<id:pk>/time-audit/", CohortTimeAuditView.as_view(), name="time_audit"
            )
        ],
        icon="time",
        order=60,
    )


@hooks.register("construct_homepage_panels")
def shared_audits_panel(request, panels):
    if request.user.has_perm(MENTOR_ROLE):
        panels.append(SharedAuditsPanel(request.user))
