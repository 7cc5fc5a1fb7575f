"""The mentor's panel on the admin home: reviews waiting, and their learners' progress."""

from wagtail.admin.ui.components import Component

from lms.core.people import display_name
from lms.mentoring.base import mentoring_url
from lms.models import Enrolment, StretchAssignment

SHOWN = 5


def waiting_reviews(mentor):
    """Submitted projects the mentor reviews, oldest submission first."""
    return (
        StretchAssignment.objects.filter(
            mentor=mentor, status=StretchAssignment.Status.SUBMITTED
        )
        .select_related("learner")
        .order_by("submitted_at", "pk")
    )


def mentored_enrolments(mentor):
    """The enrolments of the learners the mentor coaches, most recently active first."""
    return (
        Enrolment.objects.filter(mentor=mentor, cohort__isnull=False)
        .select_related("user", "cohort")
        .order_by("-last_activity_at", "pk")
    )


class MentorPanel(Component):
    name = "mentoring"
    template_name = "lms/admin/mentor_home_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        waiting = list(waiting_reviews(self.user))
        for project in waiting:
            project.review_url = mentoring_url("review", project.pk)
            project.learner_name = display_name(project.learner)
        learners = list(mentored_enrolments(self.user)[: SHOWN * 4])
        for enrolment in learners:
            enrolment.learner_name = display_name(enrolment.user)
        return {
            "waiting": waiting[:SHOWN],
            "waiting_count": len(waiting),
            "learners": learners,
            "queue_url": mentoring_url("queue"),
            "learners_url": mentoring_url("learners"),
        }
