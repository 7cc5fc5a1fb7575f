"""Contact-centre formulas and a safe evaluator for worked examples.

Glossary examples are data (inputs, an expression and the stated result), so
a test can recompute every one; the evaluator accepts arithmetic only.
"""

import ast
import math
import operator
from decimal import Decimal


class FormulaError(ValueError):
    """An example that cannot be evaluated or does not give its stated result."""


# What an example's input may be called: a plain name the expression can use.
INPUT_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
# No contact centre staffs more; the Erlang sums loop once per agent.
MAX_AGENTS = 10_000


def erlang_c(traffic, agents):
    """Probability that a contact has to wait (Erlang C), traffic in Erlangs."""
    agents = int(agents)
    if agents > MAX_AGENTS:
        raise ValueError(f"more than {MAX_AGENTS} agents")
    if agents <= traffic:
        return 1.0
    # Summed iteratively to stay accurate without huge factorials.
    term, total = 1.0, 1.0
    for k in range(1, agents):
        term *= traffic / k
        total += term
    top = term * traffic / agents * agents / (agents - traffic)
    return top / (total + top)


def service_level(traffic, agents, aht_seconds, target_seconds):
    """Share of contacts answered within the target time (Erlang C)."""
    wait = erlang_c(traffic, agents)
    return 1 - wait * math.exp(-(agents - traffic) * target_seconds / aht_seconds)


FUNCTIONS = {
    "min": min,
    "max": max,
    "round": round,
    "abs": abs,
    "erlang_c": erlang_c,
    "service_level": service_level,
}
# Worked examples never need more; a bigger power could tie up the process.
MAX_EXPONENT = 100
# The longest real expression is under 100 characters; a limit keeps parsing
# and evaluation far from Python's recursion limit.
MAX_EXPRESSION = 500
# Larger numbers mean a mistake, and bounding every step keeps powers cheap.
MAX_MAGNITUDE = 1e100
OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def evaluate(expression, inputs):
    """Evaluate an arithmetic expression over named inputs; nothing else runs."""
    expression = str(expression)
    if len(expression) > MAX_EXPRESSION:
        raise FormulaError(
            f"expression is {len(expression)} characters long; the limit is {MAX_EXPRESSION}"
        )
    try:
        tree = ast.parse(expression, mode="eval")
        return _eval(tree.body, inputs)
    except SyntaxError as error:
        raise FormulaError(f"cannot read expression {expression!r}") from error
    except (RecursionError, MemoryError) as error:
        raise FormulaError("expression is nested too deeply") from error


def _apply(function, *args):
    try:
        return function(*args)
    except ZeroDivisionError as error:
        raise FormulaError("division by zero") from error
    except (TypeError, ValueError, OverflowError) as error:
        raise FormulaError(f"cannot compute: {error}") from error


def _eval(node, inputs):
    value = _eval_node(node, inputs)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise FormulaError(f"'{ast.unparse(node)}' is not a number")
    if not _finite(value) or abs(value) > MAX_MAGNITUDE:
        raise FormulaError(f"'{ast.unparse(node)}' is too large to be a real figure")
    return value


def _finite(value):
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _eval_node(node, inputs):
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        raise FormulaError("true/false is not a number")
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in inputs:
            raise FormulaError(f"unknown input '{node.id}'")
        return inputs[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        left, right = _eval(node.left, inputs), _eval(node.right, inputs)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            raise FormulaError(f"exponent {right} is too large")
        return _apply(OPERATORS[type(node.op)], left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](_eval(node.operand, inputs))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id not in FUNCTIONS or node.keywords:
            raise FormulaError(f"function '{node.func.id}' is not allowed")
        return _apply(
            FUNCTIONS[node.func.id], *(_eval(arg, inputs) for arg in node.args)
        )
    raise FormulaError(f"'{ast.unparse(node)}' is not plain arithmetic")


def decimals(number):
    """How many decimals a number is written with (0.85 has 2, 325 has 0)."""
    exponent = Decimal(str(number)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_example(example):
    """Raise FormulaError unless the example's expression gives its result."""
    for key in ("inputs", "expression", "result"):
        if key not in example:
            raise FormulaError(f"worked example is missing '{key}'")
    inputs = example["inputs"]
    if not isinstance(inputs, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in inputs.values()
    ):
        raise FormulaError(
            "worked example inputs must be a mapping of names to numbers"
        )
    result = example["result"]
    if not isinstance(result, int | float) or isinstance(result, bool):
        raise FormulaError("worked example result must be a number")
    if not all(_finite(v) for v in (*inputs.values(), result)):
        raise FormulaError("worked example numbers must be finite (no .inf or .nan)")
    value = evaluate(example["expression"], inputs)
    if round(value, decimals(result)) != result:
        raise FormulaError(
            f"worked example gives {value:.6g}, not the stated result {result}"
        )
    return value
