"""What earns a badge: a finished course or programme (from `events_applied`,
told by lms.progress.milestones) and an approved stretch project of a template
(from `assignment_changed`, once its transaction commits). Announcing the same
thing twice awards nothing more."""

from django.db import transaction
from wagtail.models import Page

from lms.contrib.badges import awards
from lms.contrib.badges.badge_classes import for_page, for_template
from lms.models import Enrolment, StretchAssignment
from lms.progress.milestones import finished_by
from lms.signals import assignment_changed, events_applied


def connect():
    events_applied.connect(on_events_applied, dispatch_uid="lms_badges.events")
    assignment_changed.connect(on_assignment_changed, dispatch_uid="lms_badges.project")


def on_events_applied(sender, events, **kwargs):
    award_milestones(events)


def award_milestones(events):
    """Award the badge of each course and programme the events finished."""
    made = []
    finished = [done for found in finished_by(events).values() for done in found]
    pages = Page.objects.in_bulk({done.page_id for done in finished})
    for done in finished:
        page = pages.get(done.page_id)
        if page is None:
            continue
        badge_class, _created = for_page(page)
        made.append(
            awards.award(
                badge_class,
                done.user_id,
                done.occurred_at,
                enrolment_id=done.enrolment_id,
            )
        )
    return made


def on_assignment_changed(sender, assignment, action, user, **kwargs):
    if action == "approve" and assignment.template_id:
        pk = assignment.pk
        transaction.on_commit(lambda: award_project(pk), robust=True)


def award_project(assignment_pk):
    """Award the template's badge for the approved project, if it still is."""
    assignment = (
        StretchAssignment.objects.select_related("template", "cohort")
        .filter(pk=assignment_pk, reviewed_at__isnull=False)
        .first()
    )
    if assignment is None or assignment.template is None:
        return None
    enrolment = (
        Enrolment.objects.filter(
            user_id=assignment.learner_id, programme_id=assignment.cohort.programme_id
        )
        .values_list("pk", flat=True)
        .first()
    )
    badge_class, _created = for_template(assignment.template)
    return awards.award(
        badge_class,
        assignment.learner_id,
        assignment.reviewed_at,
        enrolment_id=enrolment,
        assignment_id=assignment.pk,
    )
