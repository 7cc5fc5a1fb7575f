"""Turn parsed blocks into StreamField data with stable block ids.

Question, option, scenario and step ids are derived from the ids authors
write, so they survive edits, reordering and re-imports; progress and spaced
review refer to them.
"""

import uuid

from courses.markdown import sanitise

NAMESPACE = uuid.UUID("6f1c1d2e-8a53-4c1e-9d0e-3b7a5f2c9a41")


def stable_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def question_id(author_id):
    """The block id of a question, from the id its author wrote."""
    return stable_id("question", author_id)


def _items(parent_id, label, values):
    return [
        {"type": "item", "value": value, "id": stable_id(parent_id, label, n)}
        for n, value in enumerate(values)
    ]


def objectives(module):
    return [
        {
            "type": "objective",
            "value": text,
            "id": stable_id("module", module.slug, "objective", n),
        }
        for n, text in enumerate(module.meta.objectives)
    ]


def body(module, term_ids, image_ids):
    """StreamField data for a module's body; term and image ids come from the database."""
    stream = []
    for n, block in enumerate(module.blocks):
        block_type, value, block_id = _convert(block, term_ids, image_ids)
        stream.append(
            {
                "type": block_type,
                "value": value,
                "id": block_id or stable_id("module", module.slug, "block", n),
            }
        )
    return stream


def _convert(block, term_ids, image_ids):
    data = block.data
    if block.kind == "markdown":
        return "markdown", data, None
    if block.kind == "richtext":
        return "rich_text", sanitise(data), None
    if block.kind == "question":
        return "question", _question(data), question_id(data.id)
    if block.kind == "scenario":
        return "scenario", _scenario(data), stable_id("scenario", data.id)
    if block.kind == "example":
        return "worked_example", _example(data), None
    if block.kind == "takeaways":
        return (
            "takeaways",
            {
                "points": _items(
                    stable_id("takeaways", *data.points[:1]), "point", data.points
                )
            },
            None,
        )
    if block.kind == "term":
        return "glossary_term", {"term": term_ids[data.slug]}, None
    if block.kind == "image":
        return (
            "image",
            {"image": image_ids[data.src], "alt": data.alt, "caption": data.caption},
            None,
        )
    if block.kind == "video":
        return (
            "video",
            {"video": data.url, "title": data.title, "transcript": data.transcript},
            None,
        )
    return block.kind, data.model_dump(), None  # reflection, action


def _question(data):
    parent = question_id(data.id)
    options = [option.model_dump() for option in data.options]
    return {
        "prompt": data.prompt,
        "kind": data.type,
        "options": _items(parent, "option", options),
    }


def _example(data):
    inputs = [{"name": name, "value": value} for name, value in data.inputs.items()]
    return {
        "title": data.title,
        "inputs": _items(stable_id("example", data.title), "input", inputs),
        "expression": data.expression,
        "result": data.result,
        "unit": data.unit,
        "explanation": data.explanation,
    }


def _scenario(data):
    scenario_id = stable_id("scenario", data.id)
    steps = []
    for step in data.steps:
        step_id = stable_id(scenario_id, "step", step.key)
        choices = [
            {
                "text": c.text,
                "next": c.next or "",
                "outcome": c.outcome or "",
                "feedback": c.feedback,
            }
            for c in step.choices
        ]
        value = {
            "key": step.key,
            "text": step.text,
            "choices": _items(step_id, "choice", choices),
        }
        steps.append({"type": "item", "value": value, "id": step_id})
    return {"title": data.title, "setup": data.setup, "steps": steps}
