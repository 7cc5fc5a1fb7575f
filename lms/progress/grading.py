"""Grade answers and walk scenarios on the server, from a module's live body.

Nothing here touches the database: it reads the StreamField value it is given.
Recording grades from an `AnswerKey`: the few facts grading needs, read out of
the body once per version of it, because turning a StreamField into block
values costs more than the rest of recording an event.
"""

from dataclasses import dataclass


class UnknownBlock(ValueError):
    """The module has no such question, scenario, step or option."""


def find_block(module, block_id, block_type):
    for block in module.body:
        if block.id == block_id and block.block_type == block_type:
            return block.value
    raise UnknownBlock(f"module {module.pk} has no {block_type} '{block_id}'")


def question_ids(module):
    return [block.id for block in module.body if block.block_type == "question"]


def step_view(step_item):
    """What a learner sees of a scenario step: its text and choices, no destinations."""
    return {
        "step_id": step_item.id,
        "text": step_item.value["text"],
        "choices": [
            {"choice_id": choice.id, "text": choice.value["text"]}
            for choice in step_item.value["choices"].bound_blocks
        ],
    }


def first_step(scenario):
    return step_view(scenario["steps"].bound_blocks[0])


@dataclass(frozen=True)
class AnswerKey:
    """A module body's questions, scenarios and reflection prompts, as plain data.

    Built by `answer_key`; lookups follow the block values' own rules (the first
    block with an id, the last option, step or choice with an id or step key).
    Shared between requests, so nothing may change it.
    """

    module_id: int
    question_ids: tuple
    questions: dict  # id -> (kind, {option id: {"text", "correct", "feedback"}})
    scenarios: dict  # id -> ({step id: {"text", "choices"}}, {step key: step id})
    prompts: dict  # reflection id -> prompt

    def grade(self, question_id, chosen):
        """Whether the chosen option ids are exactly the correct ones, with feedback."""
        kind, options = self._block(self.questions, question_id, "question")
        unknown = [option_id for option_id in chosen if option_id not in options]
        if unknown or not chosen:
            raise UnknownBlock(
                f"unknown option '{unknown[0]}'" if unknown else "choose an option"
            )
        if kind == "single" and len(chosen) != 1:
            raise UnknownBlock("a single-choice question takes exactly one option")
        correct_ids = {key for key, option in options.items() if option["correct"]}
        return {
            "correct": set(chosen) == correct_ids,
            "feedback": [
                {"option_id": option_id, **options[option_id]} for option_id in chosen
            ],
        }

    def take_step(self, scenario_id, step_id, choice_id):
        """Follow a choice from a step: the next step, or the ending with its feedback."""
        steps, by_key = self._block(self.scenarios, scenario_id, "scenario")
        if step_id not in steps:
            raise UnknownBlock(f"unknown scenario step '{step_id}'")
        choices = steps[step_id]["choices"]
        if choice_id not in choices:
            raise UnknownBlock(f"unknown choice '{choice_id}' in step '{step_id}'")
        choice = choices[choice_id]
        if choice["next"]:
            following = by_key[choice["next"]]
            return {
                "next": _step_view(following, steps[following]),
                "feedback": choice["feedback"],
            }
        return {
            "ending": {"outcome": choice["outcome"], "feedback": choice["feedback"]}
        }

    def prompt(self, prompt_id):
        return self._block(self.prompts, prompt_id, "reflection")

    def _block(self, blocks, block_id, block_type):
        if block_id not in blocks:
            raise UnknownBlock(
                f"module {self.module_id} has no {block_type} '{block_id}'"
            )
        return blocks[block_id]


def answer_key(module_id, body):
    """Read the AnswerKey out of a module's body (a StreamValue)."""
    question_ids, questions, scenarios, prompts = [], {}, {}, {}
    for block in body:
        if block.block_type == "question":
            question_ids.append(block.id)
            questions.setdefault(block.id, _question_key(block.value))
        elif block.block_type == "scenario":
            scenarios.setdefault(block.id, _scenario_key(block.value))
        elif block.block_type == "reflection":
            prompts.setdefault(block.id, block.value["prompt"])
    return AnswerKey(module_id, tuple(question_ids), questions, scenarios, prompts)


def _question_key(question):
    options = {}
    for item in question["options"].bound_blocks:
        options[item.id] = {
            name: item.value[name] for name in ("text", "correct", "feedback")
        }
    return question["kind"], options


def _scenario_key(scenario):
    steps, by_key = {}, {}
    for item in scenario["steps"].bound_blocks:
        choices = {}
        for choice in item.value["choices"].bound_blocks:
            choices[choice.id] = {
                name: choice.value[name]
                for name in ("text", "next", "outcome", "feedback")
            }
        value = item.value
        steps[item.id] = {
            "key": value["key"],
            "text": value["text"],
            "choices": choices,
        }
    for step_id, step in steps.items():
        by_key[step["key"]] = step_id
    return steps, by_key


def _step_view(step_id, step):
    """step_view for a step of an AnswerKey."""
    return {
        "step_id": step_id,
        "text": step["text"],
        "choices": [
            {"choice_id": choice_id, "text": choice["text"]}
            for choice_id, choice in step["choices"].items()
        ],
    }
