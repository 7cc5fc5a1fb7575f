"""The text a learner reads in a module, for the curriculum's reading-time and
reading-level rules (see README.md, "Curriculum rules").

Glossary links count as the words the page shows: `[[aht|handle time]]` is
"handle time" and `[[aht]]` is "AHT", as `courses.markdown` renders them.
Fenced code (an Excel formula, say) is read, so it counts towards reading
time, but it is not prose, so `prose_text` leaves it out of reading ease.
"""

import re

from courses.markdown import GLOSSARY_LINK

_FENCED_CODE = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _shown(text):
    """Markdown with each glossary link replaced by the text the page shows."""
    return GLOSSARY_LINK.sub(lambda m: (m.group(2) or m.group(1).upper()).strip(), text)


def prose_text(module):
    """The module's Markdown prose, without fenced code, for reading ease."""
    blocks = [b.data for b in module.blocks if b.kind == "markdown"]
    return "\n\n".join(_FENCED_CODE.sub("", _shown(text)) for text in blocks)


def learner_visible_text(module):
    """Every piece of text a learner reads in a module, for reading time."""
    parts = []
    for block in module.blocks:
        data = block.data
        if block.kind == "markdown":
            parts.append(_shown(data))
        elif block.kind == "takeaways":
            parts.extend(data.points)
        elif block.kind == "question":
            parts.append(data.prompt)
            parts.extend(t for o in data.options for t in (o.text, o.feedback))
        elif block.kind == "scenario":
            parts.append(data.setup)
            for step in data.steps:
                parts.append(step.text)
                parts.extend(t for c in step.choices for t in (c.text, c.feedback))
        elif block.kind == "reflection":
            parts.extend((data.prompt, data.hint))
        elif block.kind == "action":
            parts.extend((data.title, data.instructions))
    return "\n\n".join(part for part in parts if part)
