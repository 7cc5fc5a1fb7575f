"""Grade answers and walk scenarios on the server, from a module's live body.

Nothing here touches the database: it reads the StreamField value it is given.
"""


class UnknownBlock(ValueError):
    """The module has no such question, scenario, step or option."""


def find_block(module, block_id, block_type):
    for block in module.body:
        if block.id == block_id and block.block_type == block_type:
            return block.value
    raise UnknownBlock(f"module {module.pk} has no {block_type} '{block_id}'")


def question_ids(module):
    return [block.id for block in module.body if block.block_type == "question"]


def grade(question, chosen):
    """Return whether the chosen option ids are exactly the correct ones, with feedback."""
    options = {item.id: item.value for item in question["options"].bound_blocks}
    unknown = [option_id for option_id in chosen if option_id not in options]
    if unknown or not chosen:
        raise UnknownBlock(
            f"unknown option '{unknown[0]}'" if unknown else "choose an option"
        )
    if question["kind"] == "single" and len(chosen) != 1:
        raise UnknownBlock("a single-choice question takes exactly one option")
    correct_ids = {
        option_id for option_id, option in options.items() if option["correct"]
    }
    return {
        "correct": set(chosen) == correct_ids,
        "feedback": [
            {
                "option_id": option_id,
                "text": options[option_id]["text"],
                "correct": options[option_id]["correct"],
                "feedback": options[option_id]["feedback"],
            }
            for option_id in chosen
        ],
    }


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


def take_step(scenario, step_id, choice_id):
    """Follow a choice from a step: the next step, or the ending with its feedback."""
    steps = {item.id: item for item in scenario["steps"].bound_blocks}
    if step_id not in steps:
        raise UnknownBlock(f"unknown scenario step '{step_id}'")
    choices = {
        item.id: item.value for item in steps[step_id].value["choices"].bound_blocks
    }
    if choice_id not in choices:
        raise UnknownBlock(f"unknown choice '{choice_id}' in step '{step_id}'")
    choice = choices[choice_id]
    if choice["next"]:
        by_key = {item.value["key"]: item for item in steps.values()}
        return {
            "next": step_view(by_key[choice["next"]]),
            "feedback": choice["feedback"],
        }
    return {"ending": {"outcome": choice["outcome"], "feedback": choice["feedback"]}}


def first_step(scenario):
    return step_view(scenario["steps"].bound_blocks[0])
