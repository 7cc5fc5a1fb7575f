"""Split a module body into Markdown prose and `::: name` blocks."""

import re
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from courses.validation import describe

from . import yamlio
from .schema import BLOCK_NAMES, BLOCK_SCHEMAS

OPEN = re.compile(r"^:::\s*([A-Za-z_-]+)\s*$")
CLOSE = re.compile(r"^:::\s*$")


class BlockProblem(ValueError):
    def __init__(self, line, message):
        self.line, self.message = line, message
        super().__init__(message)


@dataclass
class Block:
    kind: str  # "markdown", "richtext" or a key of BLOCK_SCHEMAS
    line: int
    data: object  # text for markdown/richtext, a schema model otherwise


def parse_body(body, first_line):
    """Return the blocks of a module body; line numbers are file lines."""
    blocks, prose, prose_line = [], [], first_line
    lines = body.splitlines()
    number = 0
    while number < len(lines):
        line_no = first_line + number
        opened = OPEN.match(lines[number])
        if opened:
            _flush_prose(blocks, prose, prose_line)
            content, number = _read_until_close(lines, number, line_no)
            blocks.append(_parse_block(opened.group(1), content, line_no))
            prose, prose_line = [], first_line + number + 1
        else:
            if CLOSE.match(lines[number]):
                raise BlockProblem(
                    line_no, "':::' closes a block that was never opened"
                )
            prose.append(lines[number])
        number += 1
    _flush_prose(blocks, prose, prose_line)
    return blocks


def _flush_prose(blocks, prose, line):
    text = "\n".join(prose).strip("\n")
    if text.strip():
        leading = next(n for n, part in enumerate(prose) if part.strip())
        blocks.append(Block("markdown", line + max(0, leading), text.strip() + "\n"))


def _read_until_close(lines, start, line_no):
    for number in range(start + 1, len(lines)):
        if CLOSE.match(lines[number]):
            return "\n".join(lines[start + 1 : number]), number
        if OPEN.match(lines[number]):
            break
    raise BlockProblem(
        line_no, f"block '{lines[start].strip()}' is not closed with ':::'"
    )


def _parse_block(name, content, line_no):
    if name not in BLOCK_NAMES:
        known = ", ".join(BLOCK_NAMES)
        raise BlockProblem(line_no, f"unknown block '{name}' (known blocks: {known})")
    if name == "richtext":
        return Block(name, line_no, content)
    if name == "takeaways":
        return _parse_takeaways(content, line_no)
    try:
        data, _lines = yamlio.load(content, first_line=line_no + 1)
    except yamlio.YamlProblem as problem:
        raise BlockProblem(problem.line, f"{name}: {problem.message}") from problem
    try:
        model = BLOCK_SCHEMAS[name].model_validate(data if data is not None else {})
    except ValidationError as error:
        raise BlockProblem(line_no, f"{name}: {describe(error)}") from error
    except (TypeError, yaml.YAMLError) as error:
        raise BlockProblem(line_no, f"{name}: {error}") from error
    return Block(name, line_no, model)


def _parse_takeaways(content, line_no):
    """Takeaways are a plain Markdown list, so colons need no YAML quoting."""
    points = []
    for line in content.splitlines():
        bullet = re.match(r"^\s*[-*]\s+(.*)$", line)
        if bullet:
            points.append(bullet.group(1).strip())
        elif line.strip() and points:
            points[-1] += " " + line.strip()
        elif line.strip():
            raise BlockProblem(
                line_no, "takeaways: write each point as a '- ' list item"
            )
    try:
        return Block("takeaways", line_no, BLOCK_SCHEMAS["takeaways"](points=points))
    except ValidationError as error:
        raise BlockProblem(line_no, f"takeaways: {describe(error)}") from error
