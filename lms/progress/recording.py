"""Record progress events: validate, grade, store once, then hand off to the apply job.

Used by the JSON API and by the plain-form pages alike. Everything is checked
before anything is written; a batch is stored whole or not at all. The
number of queries does not depend on the size of the course.
"""

import functools
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from pydantic import ValidationError

from courses.models import ModulePage, ProgrammePage
from courses.validation import describe
from lms.cohorts.schedule import opens_on
from lms.core import sql
from lms.models import Cohort, Enrolment, ProgressEvent
from lms.progress import grading
from lms.progress.schemas import EventIn
from lms.signals import events_recorded

CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class Problem:
    index: int
    status: int
    detail: str
    id: str = ""


class EventsRejected(Exception):
    """Nothing was stored; `problems` says what was wrong with which event."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(p.detail for p in problems))

    @property
    def status(self):
        statuses = {problem.status for problem in self.problems}
        return statuses.pop() if len(statuses) == 1 else 422


@dataclass
class _Batch:
    user: object
    now: object
    events: list = field(
        default_factory=list
    )  # (index, EventIn): first copy of each id
    repeats: dict = field(default_factory=dict)  # index of a repeat -> its first copy's
    problems: list = field(default_factory=list)
    answered: dict = field(default_factory=dict)  # module id -> question ids answered

    def reject(self, index, status, detail, event_id=""):
        self.problems.append(Problem(index, status, detail, str(event_id)))


def record_events(user, raw_events, now=None):
    """Store new events; return one result per event (accepted or duplicate)."""
    batch = _Batch(user=user, now=now or timezone.now())
    _validate(batch, raw_events)
    modules, any_stored = _modules(batch)
    existing = _existing(batch) if any_stored else {}
    fresh = [(i, e) for i, e in batch.events if str(e.id) not in existing]
    for index, event in fresh:
        if event.module_id not in modules:
            batch.reject(index, 422, f"unknown module {event.module_id}", event.id)
    enrolments = _enrolments(batch, fresh, modules)
    batch.answered = _answered(batch, fresh, modules)
    rejected = {problem.index for problem in batch.problems}
    results, rows = {}, []
    for index, event in fresh:
        outcome = None if index in rejected else _judge(batch, index, event, modules)
        if outcome is not None:
            rows.append(
                _row(batch, event, modules[event.module_id], enrolments, outcome)
            )
            results[index] = _result(event, "accepted", outcome)
    if batch.problems:
        raise EventsRejected(sorted(batch.problems, key=lambda p: p.index))
    # One statement, so atomic by itself; on_commit waits for any outer transaction.
    stored = sql.insert_new_rows(ProgressEvent, rows)
    ours = [str(row["id"]) for row in rows if row["id"].hex in stored]
    events_recorded.send(sender=ProgressEvent, event_ids=ours)
    if len(ours) < len(rows):
        # A copy of this request, in flight at the same time, stored some of
        # these ids first: asked again, they are duplicates (200) or, with a
        # different body, conflicts (409), as for any retry.
        return record_events(user, raw_events, now=batch.now)
    for index, event in batch.events:
        if index not in results:
            results[index] = _result(event, "duplicate", existing[str(event.id)].result)
    for index, first in batch.repeats.items():
        results[index] = {**results[first], "status": "duplicate"}
    return [results[index] for index in sorted(results)]


def _result(event, status, outcome):
    return {"id": str(event.id), "status": status, "result": outcome}


def _validate(batch, raw_events):
    seen = {}  # event id -> (index, event) of its first copy
    for index, raw in enumerate(raw_events):
        try:
            event = EventIn.model_validate(raw)
        except ValidationError as error:
            raw_id = raw.get("id", "") if isinstance(raw, dict) else ""
            batch.reject(index, 422, describe(error), raw_id)
            continue
        if event.occurred_at > batch.now + CLOCK_SKEW:
            batch.reject(index, 422, "occurred_at is in the future", event.id)
            continue
        first_index, first = seen.setdefault(str(event.id), (index, event))
        if first is event:
            batch.events.append((index, event))
        elif first.body_hash() == event.body_hash():
            batch.repeats[index] = first_index
        else:
            detail = f"event {event.id} appears twice with different bodies"
            batch.reject(index, 409, detail, event.id)


def _existing(batch):
    """Events already stored under these ids; a different body or owner is a conflict."""
    ids = [event.id for _index, event in batch.events]
    stored = {str(e.id): e for e in ProgressEvent.objects.filter(id__in=ids)}
    for index, event in batch.events:
        known = stored.get(str(event.id))
        if known and (
            known.user_id != batch.user.pk or known.body_hash != event.body_hash()
        ):
            detail = f"event {event.id} was already recorded with a different body"
            batch.reject(index, 409, detail, event.id)
    return stored


@dataclass(frozen=True)
class _Module:
    """What recording needs of a live module page."""

    pk: int
    path: str
    key: grading.AnswerKey
    # lms.cohorts.pacing finds a module's course from its path, as it does for a page.
    steplen = ModulePage.steplen


def _modules(batch):
    """The live modules of the events, and whether any event id is stored already.

    One query answers both: a retry is rare, so the stored events themselves
    are only read when there is one. The body comes as stored text, parsed
    only when this process has not seen that version of it before.
    """
    if not batch.events:
        return {}, False
    ids = list({event.module_id for _index, event in batch.events})
    found = sql.live_modules(ids, [event.id for _index, event in batch.events])
    modules = {
        pk: _Module(pk, path, _answer_key(pk, body)) for pk, path, body, _ in found
    }
    # With no module found the count is unknown, so look for stored events.
    return modules, not found or found[0][3] > 0


# Keyed by the body as stored, so an edited body gets a new key.
@functools.lru_cache(maxsize=500)
def _answer_key(module_id, stored_body):
    body = ModulePage._meta.get_field("body").to_python(stored_body)
    return grading.answer_key(module_id, body)


def _enrolments(batch, fresh, modules):
    """Map module id to the learner's enrolment in the programme that contains it."""
    if not modules or not fresh:
        return {}
    steplen = ModulePage.steplen
    ancestors = list(
        {
            module.path[:end]
            for module in modules.values()
            for end in range(steplen, len(module.path), steplen)
        }
    )
    rows = sql.programme_enrolments(batch.user.pk, ancestors)
    paths = [_enrolment(batch.user, *row) for row in rows]
    found = {}
    for module_id, module in modules.items():
        found[module_id] = next(
            (e for path, e in paths if module.path.startswith(path)), None
        )
    for index, event in fresh:
        enrolment = found.get(event.module_id)
        if event.module_id in modules and enrolment is None:
            detail = f"not enrolled in the programme of module {event.module_id}"
            batch.reject(index, 403, detail, event.id)
        elif enrolment and (opening := opens_on(enrolment, modules[event.module_id])):
            detail = f"module {event.module_id} opens on {opening:%d %B %Y}"
            batch.reject(index, 403, detail, event.id)
    return found


def pacing_enrolment(user, page):
    """The learner's enrolment in the programme that contains `page`, holding
    what pacing reads of it, or None: one fixed query, as recording checks."""
    steplen = page.steplen
    ancestors = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    rows = sql.programme_enrolments(user.pk, ancestors)
    return _enrolment(user, *rows[0])[1] if rows else None


def _enrolment(user, pk, cohort_id, programme_id, path, depth, pacing, start_date):
    """(programme path, enrolment), the enrolment holding what pacing reads of it.

    Only weekly pacing reads the programme, and pacing needs a cohort.
    """
    enrolment = _loaded(
        Enrolment, id=pk, user_id=user.pk, programme_id=programme_id, cohort_id=None
    )
    if cohort_id is not None:
        enrolment.programme = _loaded(
            ProgrammePage,
            id=programme_id,
            page_ptr_id=programme_id,
            path=path,
            depth=depth,
        )
        start_date = Cohort._meta.get_field("start_date").to_python(start_date)
        enrolment.cohort = _loaded(
            Cohort, id=cohort_id, pacing=pacing, start_date=start_date
        )
    return path, enrolment


def _loaded(model, **values):
    """An instance as if loaded from the database with only these fields."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, names, [values[name] for name in names])


def _judge(batch, index, event, modules):
    """Grade or walk the event against the module; None if it is invalid."""
    try:
        return _outcome(batch, event, modules[event.module_id])
    except grading.UnknownBlock as error:
        batch.reject(index, 422, str(error), event.id)
        return None


def _outcome(batch, event, module):
    key = module.key
    questions = key.question_ids
    if event.type == "answered":
        return {
            **key.grade(event.question_id, event.chosen),
            "question_count": len(questions),
        }
    if event.type == "scenario_step":
        return key.take_step(event.scenario_id, event.step_id, event.choice_id)
    if event.type == "reflected":
        return {"prompt": key.prompt(event.prompt_id)}
    if event.type == "completed":
        missing = set(questions) - batch.answered.get(module.pk, set())
        if missing:
            answered = len(questions) - len(missing)
            raise grading.UnknownBlock(
                f"answer all {len(questions)} questions before completing ({answered} answered)"
            )
    return {"question_count": len(questions)}


def _answered(batch, fresh, modules):
    """Question ids answered per module, stored or in this batch; one query, only if needed."""
    completing = {
        e.module_id
        for _i, e in fresh
        if e.type == "completed" and e.module_id in modules
    }
    answered = {module_id: set() for module_id in completing}
    if not completing:
        return answered
    stored = sql.stored_blocks(
        batch.user.pk, ProgressEvent.Kind.ANSWERED.value, completing
    )
    for module_id, question_id in stored:
        answered[module_id].add(question_id)
    for _index, event in fresh:
        if event.type == "answered" and event.module_id in answered:
            answered[event.module_id].add(event.question_id)
    return answered


def _row(batch, event, module, enrolments, outcome):
    """The stored event, as its column values."""
    return {
        "id": event.id,
        "user_id": batch.user.pk,
        "module_id": module.pk,
        "enrolment_id": enrolments[module.pk].pk,
        "kind": event.type,
        "block_id": event.block_id(),
        "payload": event.payload(),
        "result": outcome,
        "seconds": event.seconds,
        "occurred_at": event.occurred_at,
        "received_at": timezone.now(),
        "body_hash": event.body_hash(),
        "applied_at": None,
        "failures": 0,
        "failed_at": None,
        "error": "",
    }
