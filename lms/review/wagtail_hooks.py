"""Wiring only: Today's review on My learning, its line in the daily nudge, and
recall and participation on the cohort pages."""

from wagtail import hooks

import lms.review.report_hooks  # noqa: F401  (its hooks register on import)
from lms.learner.panels import LearnerHomePanel
from lms.review.cohort_figures import (
    PARTICIPATION_PANEL,
    RECALL_LAYER,
    RECALL_PANEL,
    cohort_sums,
)
from lms.review.nudge import review_line
from lms.review.today import today_for


def _panel_context(user):
    today = today_for(user)
    return {"today": today} if today.has_cards else None


@hooks.register("register_learner_home_panel")
def review_panel():
    return LearnerHomePanel("review", "lms/review/panel.html", _panel_context, order=10)


hooks.register("nudge_email_lines", review_line)

hooks.register("register_cohort_heat_layer", lambda: RECALL_LAYER)
hooks.register("register_cohort_dashboard_panel", lambda: PARTICIPATION_PANEL)
hooks.register("register_cohort_learner_panel", lambda: RECALL_PANEL)
hooks.register("cohort_dashboard_sums", cohort_sums)
