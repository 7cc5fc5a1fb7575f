"""What becomes a statement: applied events (with the course and programme they
complete), daily-review answers and approved stretch projects. Nothing is made
while no LRS is set."""

from django.db import transaction

from lms.contrib.xapi import outbox, statements
from lms.contrib.xapi.conf import xapi_setting
from lms.contrib.xapi.milestones import completions, scores
from lms.contrib.xapi.places import places_of
from lms.contrib.xapi.reviews import statements_of_reviews
from lms.progress.milestones import finished_by
from lms.signals import assignment_changed, events_applied, review_answered


def connect():
    events_applied.connect(on_events_applied, dispatch_uid="lms_xapi.events")
    assignment_changed.connect(on_assignment_changed, dispatch_uid="lms_xapi.project")
    review_answered.connect(on_review_answered, dispatch_uid="lms_xapi.review")


def on_events_applied(sender, events, **kwargs):
    if xapi_setting("ENDPOINT"):
        outbox.add(statements_of(events))


def statements_of(events):
    """The statements of applied events, in their order, each followed by the
    course and programme completions it brought about."""
    places = places_of({event.module_id for event in events})
    known = [event for event in events if event.module_id in places]
    best = scores(known)
    finished = finished_by(known)
    made = []
    for event in known:
        place, key = places[event.module_id]
        score = best.get((event.user_id, event.module_id))
        made.append(statements.of_event(event, place, key, score))
        if event.kind == "completed":
            made.extend(completions(event, place, finished.get(event.id, [])))
    return made


def on_assignment_changed(sender, assignment, action, user, **kwargs):
    if action == "approve" and xapi_setting("ENDPOINT"):
        when = assignment.reviewed_at
        transaction.on_commit(
            lambda: outbox.add([statements.project_passed(assignment, when)]),
            robust=True,
        )


def on_review_answered(sender, answer_ids, **kwargs):
    if xapi_setting("ENDPOINT"):
        ids = list(answer_ids)
        transaction.on_commit(
            lambda: outbox.add(statements_of_reviews(ids)), robust=True
        )
