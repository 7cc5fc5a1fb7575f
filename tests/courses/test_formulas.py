"""Erlang formulas and the arithmetic-only evaluator behind worked examples."""

import inspect
import math
import sys

import pytest

from courses.formulas import (
    FormulaError,
    check_example,
    decimals,
    erlang_c,
    evaluate,
    service_level,
)


def textbook_erlang_c(traffic, agents):
    """Erlang C written straight from the textbook formula, with factorials."""
    waiting = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    not_waiting = sum(traffic**k / math.factorial(k) for k in range(agents))
    return waiting / (not_waiting + waiting)


def make_example(**kwargs):
    kwargs.setdefault("inputs", {"talk": 240, "hold": 30, "wrap": 55})
    kwargs.setdefault("expression", "talk + hold + wrap")
    kwargs.setdefault("result", 325)
    kwargs.setdefault("unit", "seconds")
    return kwargs


def test_erlang_c_for_ten_erlangs_on_twelve_agents():
    assert erlang_c(10, 12) == pytest.approx(0.4494, abs=5e-5)


@pytest.mark.parametrize(
    ("traffic", "agents"), [(10, 12), (2.5, 4), (20, 23), (50, 60), (1, 2)]
)
def test_erlang_c_matches_the_factorial_formula(traffic, agents):
    assert erlang_c(traffic, agents) == pytest.approx(
        textbook_erlang_c(traffic, agents), rel=1e-9
    )


@pytest.mark.parametrize("agents", [8, 10])
def test_erlang_c_is_certain_wait_when_agents_do_not_exceed_traffic(agents):
    assert erlang_c(10, agents) == 1.0


def test_service_level_follows_erlang_c():
    wait = textbook_erlang_c(10, 12)
    expected = 1 - wait * math.exp(-(12 - 10) * 20 / 180)

    assert service_level(10, 12, 180, 20) == pytest.approx(expected, rel=1e-9)


def test_service_level_rises_with_more_agents():
    assert service_level(10, 14, 180, 20) > service_level(10, 12, 180, 20)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("a + b * 2", 7),
        ("(a + b) / 8", 0.5),
        ("b ** 2 - -a", 10),
        ("+a - b", -2),
        ("round(a / 3, 2)", 0.33),
        ("max(a, b) * 10 + min(a, b) + abs(-5)", 36),
        ("erlang_c(10, 12)", erlang_c(10, 12)),
    ],
)
def test_evaluate_does_arithmetic_over_inputs(expression, expected):
    assert evaluate(expression, {"a": 1, "b": 3}) == pytest.approx(expected)


@pytest.mark.parametrize(
    "expression",
    [
        "a + missing",
        "a.__class__",
        "a.real",
        "__import__('os')",
        "import os",
        "(lambda: 1)()",
        "[x for x in (1, 2)]",
        "sum((1, 2))",
        "open('/etc/passwd')",
        "eval('1')",
        "round(a, ndigits=2)",
        "'a' * 3",
        "a[0]",
        "a if a else 1",
        "a < 2",
        "1 / 0",
        "a +",
    ],
)
def test_evaluate_rejects_anything_but_arithmetic(expression):
    with pytest.raises(FormulaError):
        evaluate(expression, {"a": 1})


def test_a_correct_example_passes_and_returns_its_value():
    assert check_example(make_example()) == 325


def test_an_example_is_compared_at_the_precision_of_its_result():
    example = make_example(inputs={"x": 2}, expression="x / 3", result=0.67)

    assert check_example(example) == pytest.approx(2 / 3)


def test_an_example_with_the_wrong_result_is_rejected():
    with pytest.raises(FormulaError, match="not the stated result 300"):
        check_example(make_example(result=300))


@pytest.mark.parametrize("key", ["inputs", "expression", "result"])
def test_an_example_missing_a_key_is_rejected(key):
    example = make_example()
    del example[key]

    with pytest.raises(FormulaError, match=f"missing '{key}'"):
        check_example(example)


@pytest.mark.parametrize("value", ["240", None, True, [240]])
def test_an_example_with_a_non_number_input_is_rejected(value):
    example = make_example(inputs={"talk": value, "hold": 30, "wrap": 55})

    with pytest.raises(FormulaError, match="inputs must be a mapping"):
        check_example(example)


@pytest.mark.parametrize("result", ["325", None, True])
def test_an_example_with_a_non_number_result_is_rejected(result):
    with pytest.raises(FormulaError, match="result must be a number"):
        check_example(make_example(result=result))


def test_an_example_with_unsafe_expression_is_rejected():
    with pytest.raises(FormulaError):
        check_example(make_example(expression="talk.__class__"))


@pytest.mark.parametrize(
    ("number", "places"),
    [(0.85, 2), (325, 0), (1.5, 1), (2.50, 1), (300, 0), (0.0001, 4), (1e-7, 7)],
)
def test_decimals_counts_written_decimal_places(number, places):
    assert decimals(number) == places


@pytest.mark.parametrize(
    "expression",
    ["erlang_c(1)", "round(1, 2, 3)", "10.0 ** 400", "9 ** 9 ** 9", "True + 1"],
)
def test_evaluate_reports_bad_calls_and_overflow_as_formula_errors(expression):
    with pytest.raises(FormulaError):
        evaluate(expression, {})


def test_an_expression_longer_than_the_limit_is_refused_before_parsing():
    deep = "(" * 5000 + "1" + ")" * 5000

    with pytest.raises(FormulaError, match="characters long; the limit is 500"):
        evaluate(deep, {})


def test_a_chain_of_5000_terms_is_refused_not_a_recursion_error():
    with pytest.raises(FormulaError, match="the limit is 500"):
        evaluate("+".join(["1"] * 5000), {})


def test_nesting_deeper_than_the_stack_allows_is_a_formula_error():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        with pytest.raises(FormulaError, match="nested too deeply"):
            evaluate("-" * 400 + "1", {})
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize(
    "expression",
    [
        "(10 ** 99) * (10 ** 99)",
        "(10 ** 90) ** 2 ** 2 ** 2",
        "10 ** 101",
        "1e300 * 1e300",
    ],
)
def test_figures_too_large_to_be_real_are_refused(expression):
    with pytest.raises(FormulaError, match="too large|exponent"):
        evaluate(expression, {})


def test_erlang_c_refuses_an_impossible_number_of_agents_at_once():
    with pytest.raises(FormulaError, match="more than 10000 agents"):
        evaluate("erlang_c(5, 1000000000)", {})


@pytest.mark.parametrize("value", [math.inf, math.nan, 10**400])
def test_an_example_with_a_number_that_is_not_finite_is_rejected(value):
    with pytest.raises(FormulaError, match="finite"):
        check_example(make_example(inputs={"talk": value, "hold": 1, "wrap": 1}))
