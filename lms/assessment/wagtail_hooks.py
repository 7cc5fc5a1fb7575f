"""Wiring only: the self-assessment's panel on My learning."""

from wagtail import hooks

from lms.assessment.panel import panel_context
from lms.learner.panels import LearnerHomePanel


@hooks.register("register_learner_home_panel")
def self_assessment_panel():
    return LearnerHomePanel(
        "assessment", "lms/assessment/panel.html", panel_context, order=30
    )


import lms.assessment.hooks  # noqa: E402,F401 - next up and the mentor's panel
