"""Wiring only: Today's review on My learning, and its line in the daily nudge."""

from wagtail import hooks

from lms.learner.panels import LearnerHomePanel
from lms.review.nudge import review_line
from lms.review.today import today_for


def _panel_context(user):
    today = today_for(user)
    return {"today": today} if today.has_cards else None


@hooks.register("register_learner_home_panel")
def review_panel():
    return LearnerHomePanel("review", "lms/review/panel.html", _panel_context, order=10)


hooks.register("nudge_email_lines", review_line)
