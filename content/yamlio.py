"""Front matter and YAML, keeping the line every key and list item came from.

Authors' YAML is plain data: duplicate keys, anchors and aliases, text with a
NUL or a lone surrogate, and nesting deeper than MAX_DEPTH are refused with
the line they are on, so nothing later (validation, the database) can choke.
"""

import yaml

FENCE = "---"
# Front matter and blocks need about five levels; the limit keeps every
# later walk over the data shallow.
MAX_DEPTH = 20


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
    """Parse YAML; return (data, lines). Lines count from first_line.

    `lines` maps each top-level key (a string) and each path of keys and list
    indexes (a tuple of strings, such as ("rubric", "0", "levels")) to its line.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines = _walk(node, first_line) if node is not None else {}
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlProblem(line, f"invalid YAML: {problem}") from error
    except YamlProblem:
        raise
    except (ValueError, OverflowError) as error:
        # PyYAML lets these out for values such as `2024-13-45` or a 5,000-digit int.
        raise YamlProblem(first_line, f"invalid YAML value: {error}") from error
    except RecursionError as error:
        raise YamlProblem(
            first_line, f"YAML is nested more than {MAX_DEPTH} levels deep"
        ) from error
    finally:
        loader.dispose()
    return data, lines


def _walk(root, first_line):
    """Check every node without recursion and record where each key sits."""
    lines, seen = {}, set()
    todo = [(root, ())]
    while todo:
        node, path = todo.pop()
        line = first_line + node.start_mark.line
        if id(node) in seen:
            raise YamlProblem(
                line, "YAML anchors and aliases (& and *) are not allowed"
            )
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise YamlProblem(line, f"YAML is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node.value, line)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, str(index))] = first_line + item.start_mark.line
                todo.append((item, (*path, str(index))))
        elif isinstance(node, yaml.MappingNode):
            todo.extend(_mapping_children(node, path, first_line, lines))
    return lines


def _mapping_children(node, path, first_line, lines):
    children, first = [], {}
    for key, value in node.value:
        line = first_line + key.start_mark.line
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name is None:
            raise YamlProblem(line, "a key must be a plain word, not a list or mapping")
        if name in first:
            raise YamlProblem(
                line, f"duplicate key '{name}' (first on line {first[name]})"
            )
        first[name] = line
        lines[(*path, name)] = line
        if not path:
            lines[name] = line
        children.extend([(key, (*path, name)), (value, (*path, name))])
    return children


def _check_scalar(value, line):
    if "\x00" in value:
        raise YamlProblem(line, "text contains a NUL character")
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise YamlProblem(line, "text contains a lone surrogate (not a real character)")
