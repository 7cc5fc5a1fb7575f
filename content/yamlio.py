"""Front matter and YAML, keeping the line each top-level key came from."""

import yaml

FENCE = "---"


class YamlProblem(ValueError):
    def __init__(self, line, message):
        self.line, self.message = line, message
        super().__init__(message)


def split_front_matter(text):
    """Return (front matter text, body text, line where the body starts)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise YamlProblem(1, "file must start with '---' front matter")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == FENCE:
            return (
                "\n".join(lines[1 : number - 1]),
                "\n".join(lines[number:]),
                number + 1,
            )
    raise YamlProblem(1, "front matter is not closed with '---'")


def load(text, first_line=1):
    """Parse YAML; return (data, {top-level key: line}). Lines count from first_line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlProblem(line, f"invalid YAML: {problem}") from error
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            key_lines[key.value] = first_line + key.start_mark.line
    return data, key_lines
