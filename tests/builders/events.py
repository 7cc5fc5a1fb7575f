"""Raw progress events, as JSON-ready dicts the way a client sends them.

`event` makes every one of them; the module-level helpers pick blocks by
position, `Quiz` by the ids it read from a module once.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from courses.models import ModulePage
from tests.builders.pages import blocks, choice_id, option_id, step


def event(module, type="started", **kwargs):
    """A raw event with a fresh client id, at the current time unless told."""
    kwargs.setdefault("id", str(uuid.uuid4()))
    kwargs.setdefault("module_id", module.pk)
    occurred_at = kwargs.setdefault("occurred_at", timezone.now())
    if not isinstance(occurred_at, str):
        kwargs["occurred_at"] = occurred_at.isoformat()
    return {"type": type, **kwargs}


def answered(module, question=0, options=(1,), **kwargs):
    """An answer to the module's nth question, choosing options by index."""
    block = blocks(module, "question")[question]
    kwargs.setdefault("question_id", block.id)
    kwargs.setdefault("chosen", [option_id(block, n) for n in options])
    return event(module, "answered", **kwargs)


def right_answers(module):
    """Correct answers to every question of the mixed quiz module."""
    return [answered(module, 0, (1,)), answered(module, 1, (0, 2))]


def scenario_step(module, step_index=0, choice_index=0, **kwargs):
    block = blocks(module, "scenario")[0]
    item = step(block, step_index)
    kwargs.setdefault("scenario_id", block.id)
    kwargs.setdefault("step_id", item.id)
    kwargs.setdefault("choice_id", choice_id(item, choice_index))
    return event(module, "scenario_step", **kwargs)


def reflected(module, text="I interrupted too early.", **kwargs):
    kwargs.setdefault("prompt_id", blocks(module, "reflection")[0].id)
    kwargs.setdefault("text", text)
    return event(module, "reflected", **kwargs)


def in_the_future(minutes):
    return (timezone.now() + timedelta(minutes=minutes)).isoformat()


@dataclass
class Quiz:
    """A quiz module seen from a client: its block ids, and events about it."""

    module: ModulePage
    questions: dict = field(default_factory=dict)  # id -> (right ids, wrong ids)
    reflection_id: str = ""
    prompt: str = ""
    scenario_id: str = ""
    step_id: str = ""
    choice_id: str = ""

    @classmethod
    def of(cls, module):
        quiz = cls(module=module)
        for block in module.body:
            if block.block_type == "question":
                options = block.value["options"].bound_blocks
                quiz.questions[block.id] = (
                    [o.id for o in options if o.value["correct"]],
                    [o.id for o in options if not o.value["correct"]],
                )
            elif block.block_type == "reflection":
                quiz.reflection_id, quiz.prompt = block.id, block.value["prompt"]
            elif block.block_type == "scenario":
                first = step(block, 0)
                quiz.scenario_id, quiz.step_id = block.id, first.id
                quiz.choice_id = choice_id(first, 0)
        return quiz

    @property
    def question_ids(self):
        return list(self.questions)

    def event(self, type, **kwargs):
        kwargs.setdefault("seconds", 0)
        return event(self.module, type, **kwargs)

    def started(self, **kwargs):
        return self.event("started", **kwargs)

    def answered(self, question_id=None, correct=True, **kwargs):
        question_id = question_id or self.question_ids[0]
        right, wrong = self.questions[question_id]
        kwargs.setdefault("chosen", [(right if correct else wrong)[0]])
        return self.event("answered", question_id=question_id, **kwargs)

    def reflected(self, text="I let them finish.", **kwargs):
        return self.event(
            "reflected", prompt_id=self.reflection_id, text=text, **kwargs
        )

    def scenario_step(self, **kwargs):
        kwargs.setdefault("scenario_id", self.scenario_id)
        kwargs.setdefault("step_id", self.step_id)
        kwargs.setdefault("choice_id", self.choice_id)
        return self.event("scenario_step", **kwargs)

    def completed(self, **kwargs):
        return self.event("completed", **kwargs)

    def every_answer(self, correct=True, **kwargs):
        """One answer per question, so that completing is allowed."""
        return [self.answered(q, correct=correct, **kwargs) for q in self.question_ids]
