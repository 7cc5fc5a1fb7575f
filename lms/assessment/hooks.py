"""Wiring only, imported by lms.assessment.wagtail_hooks: My learning's next up
follows the learner's focus, and the mentor's panel of their learners'
self-assessments on the admin home."""

from wagtail import hooks

from lms.assessment.focus import open_focus_of
from lms.assessment.mentor_views import MenteeAssessmentsPanel
from lms.assessment.path import focus_next_up
from lms.learner.panels import NEXT_UP_HOOK
from lms.mentoring.base import MENTORING_PERMISSION


@hooks.register(NEXT_UP_HOOK)
def next_up_for_focus(user, enrolment, modules, progress):
    focus = [gap.competency_id for gap in open_focus_of(user).get(enrolment.pk, ())]
    return focus_next_up(enrolment, modules, progress, focus)


@hooks.register("construct_homepage_panels")
def mentee_assessments_panel(request, panels):
    if request.user.has_perm(MENTORING_PERMISSION):
        panels.append(MenteeAssessmentsPanel(request.user))
