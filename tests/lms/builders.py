"""Builders for recording tests: learners, a quiz module, and raw progress events."""

import json
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import ProgrammePage
from lms.enrolment.services import enrol
from tests.conftest import make_module, question


def make_learner(**kwargs):
    kwargs.setdefault("username", f"learner-{uuid.uuid4().hex[:8]}")
    return get_user_model().objects.create_user(**kwargs)


def choice(text, next="", outcome="", feedback=""):
    return {"text": text, "next": next, "outcome": outcome, "feedback": feedback}


def scenario(**kwargs):
    """Raw data for a two-step scenario: 'opening' leads to 'listening' or ends."""
    kwargs.setdefault("title", "The angry caller")
    kwargs.setdefault("setup", "A caller has been on hold for twenty minutes.")
    kwargs.setdefault(
        "steps",
        [
            {
                "key": "opening",
                "text": "Caller: This is ridiculous!",
                "choices": [
                    choice("Apologise and listen", next="listening", feedback="Good."),
                    choice("Read the policy", outcome="poor", feedback="Cold comfort."),
                ],
            },
            {
                "key": "listening",
                "text": "Caller: Well, at least someone listens.",
                "choices": [
                    choice("Offer a callback", outcome="good", feedback="Trust won."),
                    choice("Transfer them", outcome="poor", feedback="Back to hold."),
                ],
            },
        ],
    )
    return kwargs


def make_quiz_module(parent=None, **kwargs):
    """A module with two questions (single, then multiple), a scenario and a reflection."""
    kwargs.setdefault(
        "body",
        [
            ("markdown", "Let the caller **finish**."),
            ("question", question(prompt="Which comes first?", correct=(1,))),
            (
                "question",
                question(prompt="Which two help?", kind="multiple", correct=(0, 2)),
            ),
            ("scenario", scenario()),
            ("reflection", {"prompt": "When did your last call turn?", "hint": ""}),
        ],
    )
    return make_module(parent=parent, **kwargs)


def enrolled_learner(module, **kwargs):
    """A learner enrolled in the programme that holds the module."""
    learner = make_learner(**kwargs)
    enrol(learner, programme_of(module))
    return learner


def programme_of(module):
    return ProgrammePage.objects.ancestor_of(module).get()


def blocks(module, block_type):
    return [block for block in module.body if block.block_type == block_type]


def option_id(question_block, index):
    return question_block.value["options"].bound_blocks[index].id


def step(scenario_block, index):
    return scenario_block.value["steps"].bound_blocks[index]


def choice_id(step_item, index):
    return step_item.value["choices"].bound_blocks[index].id


def event(module, type="started", **kwargs):
    """A raw event as a client sends it, with a fresh id and the current time."""
    kwargs.setdefault("id", str(uuid.uuid4()))
    kwargs.setdefault("module_id", module.pk)
    kwargs.setdefault("occurred_at", timezone.now().isoformat())
    return {"type": type, **kwargs}


def answered(module, question=0, options=(1,), **kwargs):
    """An answer to the module's nth question, choosing options by index."""
    block = blocks(module, "question")[question]
    kwargs.setdefault("question_id", block.id)
    kwargs.setdefault("chosen", [option_id(block, n) for n in options])
    return event(module, "answered", **kwargs)


def right_answers(module):
    """Correct answers to every question of the quiz module."""
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


def post_json(client, path, data, **headers):
    """POST data as JSON (a str or bytes body is sent as it is)."""
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(path, body, content_type="application/json", headers=headers)
