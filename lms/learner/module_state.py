"""A learner's state on one module page, read from the roll-ups.

Built once per page view in three fixed queries (lms.core.sql: enrolment,
the module's progress row with its block state, the events not applied
yet), whatever the size of the course and however long the learner's
history on the module: the block state holds only the latest of each block,
and the events still waiting for the worker, normally none, are folded over
it so an answer shows at once.
"""

import contextlib
import json
import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from lms.cohorts.schedule import opens_on
from lms.core import sql
from lms.models import Enrolment, ModuleProgress, ProgressEvent
from lms.progress import grading
from lms.progress.block_state import ANSWERED, REFLECTED, STEP, fold_pending
from lms.progress.recording import EventsRejected, pacing_enrolment, record_events

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

    @cached_property
    def event_url(self):
        return reverse("lms:event")

    @cached_property
    def api_url(self):
        return reverse("lms_api:post_event")

    @cached_property
    def action_url(self):
        return reverse("lms:add_action")

    @property
    def new_id(self):
        """A fresh event id for each form, so a double submit records once."""
        return uuid.uuid4()

    @cached_property
    def page_url(self):
        return self.page.url

    @cached_property
    def rendered_at(self):
        return int(timezone.now().timestamp())

    @property
    def answered_count(self):
        return len(self.questions)

    @property
    def question_count(self):
        # From the raw body: building every block's value costs more than the count.
        return sum(1 for raw in self.page.body.raw_data if raw["type"] == "question")

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
    enrolment = pacing_enrolment(user, page)
    state = ModuleState(page=page, enrolment=enrolment)
    state.opens_on = enrolment and opens_on(enrolment, page)
    if not state.enrolled:
        return state
    progress = sql.module_progress(user.pk, page.pk)
    pending = sql.waiting_events(user.pk, page.pk)
    if progress is None and not pending:
        _mark_started(user, page)
    _start_scenarios(state, page)
    status, stored = progress or (None, None)
    blocks = fold_pending(json.loads(stored) if stored else {}, pending)
    for block_id, entry in blocks.items():
        _show(state, block_id, entry)
    state.completed = status == ModuleProgress.Status.COMPLETED or any(
        event.kind == Kind.COMPLETED for event in pending
    )
    replay = request.GET.get("replay")
    if replay in state.scenarios:  # "Try again" starts the conversation over
        first = state.scenarios[replay]["first"]
        state.scenarios[replay] = {"first": first, "next": first}
    return state


def _start_scenarios(state, page):
    for index, raw in enumerate(page.body.raw_data):
        if raw["type"] == "scenario":
            block = page.body[index]
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


def _show(state, block_id, entry):
    if entry["kind"] == ANSWERED:
        state.questions[block_id] = {
            name: entry.get(name)
            for name in ("correct", "feedback", "chosen", "first_correct", "attempts")
        }
    elif entry["kind"] == STEP and block_id in state.scenarios:
        first = state.scenarios[block_id]["first"]
        state.scenarios[block_id] = {"first": first, **entry["result"]}
    elif entry["kind"] == REFLECTED:
        state.reflections[block_id] = entry["text"]
