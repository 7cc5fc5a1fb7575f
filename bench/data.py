"""Benchmark data: the real curriculum, learners with API tokens, 5- and 80-module programmes.

Events are generated the way a learner produces them: for each module in
order, `started`, one `answered` per question (mostly right), the steps of
each scenario, the reflection, then `completed`.
"""

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from .setup import ROOT


@dataclass
class Learner:
    user: object
    token: str
    programme: object


def import_curriculum_timed():
    """Import the real curriculum (the benchmark's content) and time an unchanged re-run."""
    from content.importer import import_curriculum

    start = time.perf_counter()
    _report, curriculum = import_curriculum(ROOT / "content")
    first = time.perf_counter() - start
    start = time.perf_counter()
    import_curriculum(ROOT / "content")
    second = time.perf_counter() - start
    return len(curriculum.modules()), first, second


def curriculum_programme():
    from courses.models import ProgrammePage

    return ProgrammePage.objects.live().exclude(slug__startswith="bench-").first()


def make_learners(prefix, count, programme):
    """`count` learners enrolled in `programme`, each with a Wagtail API token."""
    from django.contrib.auth import get_user_model
    from wagtail.models import APIToken

    from lms.enrolment.services import enrol
    from lms.models import Enrolment

    User = get_user_model()
    users = [User(username=f"{prefix}-{n:03d}") for n in range(count)]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    learners = []
    for user in User.objects.filter(username__startswith=f"{prefix}-").order_by("pk"):
        _token, plaintext = APIToken.create_token(user=user, name="bench")
        enrol(user, programme, source=Enrolment.Source.MANAGER)
        learners.append(Learner(user, plaintext, programme))
    return learners


def make_sized_programme(size):
    """A programme with one course of `size` copies of a real module (fresh block ids)."""
    from courses.models import CatalogPage, CoursePage, ModulePage, ProgrammePage

    source = _richest_module()
    source_course = source.get_parent().specific
    programme = CatalogPage.objects.first().add_child(
        instance=ProgrammePage(
            title=f"Bench programme of {size} modules",
            slug=f"bench-{size}-modules",
            summary=f"{size} copies of one module, for the benchmark.",
        )
    )
    course = programme.add_child(
        instance=CoursePage(
            title=f"Bench course of {size} modules",
            slug="course",
            summary="Copies of one module.",
            skill_area=source_course.skill_area,
        )
    )
    competencies = list(source.competencies.all())
    for n in range(1, size + 1):
        page = ModulePage(
            title=f"{source.title} ({n})",
            slug=f"module-{n:02d}",
            summary=source.summary,
            minutes=source.minutes,
            objectives=_fresh_ids(source.objectives.raw_data),
            body=_fresh_ids(source.body.raw_data),
        )
        page.competencies.set(competencies)
        course.add_child(instance=page)
    return programme


def _richest_module():
    """A real module with a scenario, so walks exercise every kind of event."""
    from courses.models import ModulePage

    modules = ModulePage.objects.live().exclude(path__contains="bench-")
    for module in modules.order_by("path"):
        if any(block.block_type == "scenario" for block in module.body):
            return module
    return modules.order_by("path").first()


def _fresh_ids(raw):
    """A deep copy of raw StreamField data with a new id on every block."""
    if isinstance(raw, list):
        return [_fresh_ids(item) for item in raw]
    if isinstance(raw, dict):
        copy = {key: _fresh_ids(value) for key, value in raw.items()}
        if "id" in copy and "type" in copy:
            copy["id"] = str(uuid.uuid4())
        return copy
    return raw


def modules_of(programme):
    from courses.models import ModulePage

    return list(
        ModulePage.objects.live()
        .filter(path__startswith=programme.path)
        .order_by("path")
    )


def module_walk(module):
    """The events one learner sends working through a module, without id and time."""
    events = [{"type": "started", "module_id": module.pk, "seconds": 5}]
    for index, block in enumerate(b for b in module.body if b.block_type == "question"):
        events.append(
            {
                "type": "answered",
                "module_id": module.pk,
                "question_id": block.id,
                "chosen": _choice(block.value, right=index % 4 != 3),
                "seconds": 20,
            }
        )
    for block in module.body:
        if block.block_type == "scenario":
            events.extend(_scenario_steps(module, block))
        elif block.block_type == "reflection":
            events.append(
                {
                    "type": "reflected",
                    "module_id": module.pk,
                    "prompt_id": block.id,
                    "text": "I will try this on my next shift and note what happens.",
                    "seconds": 60,
                }
            )
    events.append({"type": "completed", "module_id": module.pk, "seconds": 5})
    return events


def _choice(question, right):
    options = question["options"].bound_blocks
    correct = [o.id for o in options if o.value["correct"]]
    wrong = [o.id for o in options if not o.value["correct"]]
    if question["kind"] == "single":
        return correct[:1] if right or not wrong else wrong[:1]
    return correct if right or not wrong else correct[:1] + wrong[:1]


def _scenario_steps(module, block):
    steps = block.value["steps"].bound_blocks
    by_key = {step.value["key"]: step for step in steps}
    step, events = steps[0], []
    for _ in range(len(steps)):
        choice = step.value["choices"].bound_blocks[0]
        events.append(
            {
                "type": "scenario_step",
                "module_id": module.pk,
                "scenario_id": block.id,
                "step_id": step.id,
                "choice_id": choice.id,
                "seconds": 15,
            }
        )
        step = by_key.get(choice.value["next"])
        if step is None:
            break
    return events


class Walks:
    """Module walks computed once per module and shared by every learner."""

    def __init__(self):
        self._walks = {}

    def of(self, programme):
        if programme.pk not in self._walks:
            self._walks[programme.pk] = [
                module_walk(module) for module in modules_of(programme)
            ]
        return self._walks[programme.pk]

    def stream(self, programme, first_module=0):
        """A learner's events through the whole programme, module after module."""
        return [event for walk in self.of(programme)[first_module:] for event in walk]


def stamp(event):
    """A copy of the event with a fresh client id and the current time."""
    return {
        **event,
        "id": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(),
    }


def seed_progress(learner, walks, modules):
    """Work through the first `modules` modules in-process and apply the events."""
    from lms.progress.recording import record_events
    from lms.progress.rollup import apply_events

    for walk in walks.of(learner.programme)[:modules]:
        results = record_events(learner.user, [stamp(event) for event in walk])
        apply_events([result["id"] for result in results])
