"""The text a learner reads in a module, for the curriculum's reading-time and
reading-level rules (see README.md, "Curriculum rules").

Glossary links count as the words the page shows: `[[aht|handle time]]` is
"handle time" and `[[aht]]` is the term's name, "average handle time", as
`courses.markdown` renders them. Fenced code (an Excel formula, say) is read,
so it counts towards reading time, but it is not prose, so `prose_text`
leaves it out of reading ease.
"""

import re

from courses.markdown import shown_text

_FENCED_CODE = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


def term_names(curriculum):
    """{slug: term name} of the curriculum's glossary, as links show them."""
    return {doc.path.stem: doc.meta.term for doc in curriculum.glossary}


def prose_text(module, names):
    """The module's Markdown prose, without fenced code, for reading ease."""
    blocks = [b.data for b in module.blocks if b.kind == "markdown"]
    return "\n\n".join(_FENCED_CODE.sub("", shown_text(t, names)) for t in blocks)


def learner_visible_text(module, names):
    """Every piece of text a learner reads in a module, for reading time."""
    parts = []
    for block in module.blocks:
        parts.extend(_block_text(block, names))
    return "\n\n".join(part for part in parts if part)


def _block_text(block, names):
    data = block.data
    if block.kind == "markdown":
        return [shown_text(data, names)]
    if block.kind == "takeaways":
        return list(data.points)
    if block.kind == "question":
        return [data.prompt, *(t for o in data.options for t in (o.text, o.feedback))]
    if block.kind == "scenario":
        parts = [data.setup]
        for step in data.steps:
            parts.append(step.text)
            parts.extend(t for c in step.choices for t in (c.text, c.feedback))
        return parts
    if block.kind == "example":
        return [data.title, shown_text(data.explanation, names)]
    if block.kind == "reflection":
        return [data.prompt, data.hint]
    if block.kind == "action":
        return [data.title, data.instructions]
    return []
