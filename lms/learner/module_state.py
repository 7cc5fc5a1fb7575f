"""A learner's state on one module page, read from their own events.

Built once per page view in a fixed number of queries (enrolment, events),
whatever the size of the course.
"""

import contextlib
import uuid
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from lms.cohorts.schedule import opens_on
from lms.models import Enrolment, ProgressEvent
from lms.progress import grading
from lms.progress.recording import EventsRejected, record_events

Kind = ProgressEvent.Kind


@dataclass
class ModuleState:
    """What the module templates need to show a learner their answers and next steps."""

    page: object
    enrolment: object = None
    # question id -> latest result, with the first answer's `first_correct`
    questions: dict = field(default_factory=dict)
    scenarios: dict = field(
        default_factory=dict
    )  # scenario id -> current step or ending
    reflections: dict = field(default_factory=dict)  # prompt id -> text
    completed: bool = False
    opens_on: object = None  # a date while weekly pacing keeps the module closed

    @property
    def shuffle_key(self):
        """The learner's part of the seed their options are shuffled by: their
        user id, as lms.review's cards use, so both show one order."""
        return str(self.enrolment.user_id) if self.enrolment else ""

    @property
    def enrolled(self):
        """Enrolled and the module is open: the learner can take part."""
        return self.enrolment is not None and self.opens_on is None

    @property
    def event_url(self):
        return reverse("lms:event")

    @property
    def api_url(self):
        return reverse("lms_api:post_event")

    @property
    def action_url(self):
        return reverse("lms:add_action")

    @property
    def new_id(self):
        """A fresh event id for each form, so a double submit records once."""
        return uuid.uuid4()

    @property
    def rendered_at(self):
        return int(timezone.now().timestamp())

    @property
    def answered_count(self):
        return len(self.questions)

    @property
    def question_count(self):
        return len(grading.question_ids(self.page))

    @property
    def can_complete(self):
        return not self.completed and self.answered_count >= self.question_count


def module_state(request, page):
    """The state of the signed-in learner on this module; None for visitors."""
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or getattr(request, "is_preview", False)
    ):
        return None
    enrolment = enrolment_for(user, page)
    state = ModuleState(page=page, enrolment=enrolment)
    state.opens_on = enrolment and opens_on(enrolment, page)
    if not state.enrolled:
        return state
    events = list(
        ProgressEvent.objects.filter(user=user, module=page)
        .order_by("occurred_at", "received_at")
        .only("kind", "block_id", "payload", "result")
    )
    if not events:
        _mark_started(user, page)
    _start_scenarios(state, page)
    for event in events:
        _fold(state, event)
    replay = request.GET.get("replay")
    if replay in state.scenarios:  # "Try again" starts the conversation over
        first = state.scenarios[replay]["first"]
        state.scenarios[replay] = {"first": first, "next": first}
    return state


def _start_scenarios(state, page):
    for block in page.body:
        if block.block_type == "scenario":
            step = grading.first_step(block.value)
            state.scenarios[block.id] = {"first": step, "next": step}


def enrolment_for(user, page):
    """The learner's enrolment in the programme that contains this page, in one query."""
    steplen = page.steplen
    ancestors = [page.path[:n] for n in range(steplen, len(page.path), steplen)]
    return (
        Enrolment.objects.filter(user=user, programme__path__in=ancestors)
        .select_related("programme", "cohort")
        .first()
    )


def _mark_started(user, page):
    event = {
        "id": str(uuid.uuid4()),
        "type": "started",
        "module_id": page.pk,
        "occurred_at": timezone.now().isoformat(),
    }
    with contextlib.suppress(
        EventsRejected
    ):  # starting is a courtesy; the page renders anyway
        record_events(user, [event])


def _fold(state, event):
    if event.kind == Kind.ANSWERED:
        # Events come in time order: the first answer is the one the score counts.
        earlier = state.questions.get(event.block_id)
        state.questions[event.block_id] = {
            **event.result,
            "chosen": event.payload.get("chosen"),
            "first_correct": earlier["first_correct"]
            if earlier
            else bool(event.result.get("correct")),
            "attempts": earlier["attempts"] + 1 if earlier else 1,
        }
    elif event.kind == Kind.SCENARIO_STEP and event.block_id in state.scenarios:
        first = state.scenarios[event.block_id]["first"]
        state.scenarios[event.block_id] = {"first": first, **event.result}
    elif event.kind == Kind.REFLECTED:
        state.reflections[event.block_id] = event.payload.get("text", "")
    elif event.kind == Kind.COMPLETED:
        state.completed = True
