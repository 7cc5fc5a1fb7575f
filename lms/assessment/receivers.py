"""A focus gap closes by itself once newly applied evidence reaches the target,
and new evidence has My learning weigh the focus afresh."""

from django.db.models.signals import post_save

from lms.assessment.focus import close_reached
from lms.assessment.path import forget_order
from lms.models import Assessment, MentorRating, Review
from lms.signals import events_applied


def on_events_applied(sender, events, **kwargs):
    answered = {event.user_id for event in events if event.kind == "answered"}
    close_reached(answered)
    forget_order(answered)


def on_round_saved(sender, instance, **kwargs):
    # A round's own levels count where a competency has no evidence yet.
    forget_order([instance.user_id])


def on_mentor_rated(sender, instance, **kwargs):
    forget_order([instance.enrolment.user_id])


def on_reviewed(sender, instance, **kwargs):
    if instance.outcome == Review.Outcome.APPROVED:
        forget_order([instance.assignment.learner_id])


def connect():
    events_applied.connect(on_events_applied, dispatch_uid="lms.assessment.focus")
    post_save.connect(on_round_saved, sender=Assessment, dispatch_uid="lms.focus.round")
    post_save.connect(
        on_mentor_rated, sender=MentorRating, dispatch_uid="lms.focus.mentor"
    )
    post_save.connect(on_reviewed, sender=Review, dispatch_uid="lms.focus.reviewed")
