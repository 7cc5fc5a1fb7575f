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


def erlang_c(traffic, agents):
    """Probability that a contact has to wait (Erlang C), traffic in Erlangs."""
    agents = int(agents)
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
    try:
        tree = ast.parse(str(expression), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"cannot read expression {expression!r}") from error
    return _eval(tree.body, inputs)


def _apply(function, *args):
    try:
        return function(*args)
    except ZeroDivisionError as error:
        raise FormulaError("division by zero") from error
    except (TypeError, ValueError, OverflowError) as error:
        raise FormulaError(f"cannot compute: {error}") from error


def _eval(node, inputs):
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
    value = evaluate(example["expression"], inputs)
    if round(value, decimals(result)) != result:
        raise FormulaError(
            f"worked example gives {value:.6g}, not the stated result {result}"
        )
    return value
