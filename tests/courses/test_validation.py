"""The content rules shared by the editor and the importer return plain problems."""

import pytest

from courses.validation import (
    check_glossary_links,
    check_minutes,
    check_objectives,
    check_options,
    check_scenario,
)


def option(correct=False, feedback="Because."):
    return {"text": "An option", "correct": correct, "feedback": feedback}


def ending(outcome="good", feedback="Well done."):
    return {"text": "End", "next": "", "outcome": outcome, "feedback": feedback}


def step(key, *choices):
    return {"key": key, "text": f"Step {key}", "choices": list(choices)}


def go(target):
    return {"text": f"Go to {target}", "next": target}


def test_single_choice_with_one_correct_option_is_valid():
    assert check_options("single", [option(True), option(), option()]) == []


@pytest.mark.parametrize("correct", [0, 2, 3])
def test_single_choice_needs_exactly_one_correct_option(correct):
    options = [option(n < correct) for n in range(3)]

    assert check_options("single", options) == [
        f"a single-choice question needs exactly one correct option, found {correct}"
    ]


def test_multiple_choice_with_several_correct_options_is_valid():
    assert check_options("multiple", [option(True), option(True), option()]) == []


def test_multiple_choice_needs_a_correct_option():
    assert check_options("multiple", [option(), option()]) == [
        "a multiple-choice question needs at least one correct option"
    ]


def test_a_question_needs_two_options():
    assert check_options("single", [option(True)]) == [
        "a question needs at least two options"
    ]


def test_every_option_needs_feedback():
    options = [option(True), option(feedback="  "), option(feedback=None)]

    assert check_options("single", options) == ["option 2, 3 has no feedback"]


def test_a_well_formed_scenario_is_valid():
    steps = [
        step("open", go("calm"), ending("poor")),
        step("calm", ending("good"), ending("mixed")),
    ]

    assert check_scenario(steps) == []


def test_a_scenario_needs_a_step():
    assert check_scenario([]) == ["a scenario needs at least one step"]


def test_a_link_to_a_missing_step_is_reported():
    steps = [step("open", go("nowhere"), ending())]

    assert check_scenario(steps) == ["step 'open' leads to missing step 'nowhere'"]


def test_duplicate_step_keys_are_reported():
    steps = [step("open", go("open"), ending()), step("open", ending())]

    assert "step key 'open' is used twice" in check_scenario(steps)


def test_a_step_nothing_links_to_is_unreachable():
    steps = [step("open", ending()), step("island", ending())]

    assert check_scenario(steps) == [
        "step 'island' cannot be reached from the first step"
    ]


def test_a_step_without_choices_is_reported():
    steps = [step("open", go("stuck"), ending()), step("stuck")]

    assert check_scenario(steps) == ["step 'stuck' has no choices"]


def test_a_scenario_that_never_ends_is_reported():
    steps = [step("open", go("loop")), step("loop", go("open"))]

    assert check_scenario(steps) == [
        "a scenario needs at least one ending (a choice without next)"
    ]


def test_an_ending_needs_an_outcome():
    steps = [step("open", ending(outcome=""))]

    assert check_scenario(steps) == [
        "an ending in step 'open' needs an outcome: good, mixed or poor"
    ]


def test_an_ending_needs_feedback():
    steps = [step("open", ending(feedback=" "))]

    assert check_scenario(steps) == ["an ending in step 'open' needs feedback"]


@pytest.mark.parametrize("minutes", [1, 7, 15])
def test_minutes_within_range_are_valid(minutes):
    assert check_minutes(minutes) == []


@pytest.mark.parametrize("minutes", [0, 16, -3, 5.5, "5", None])
def test_minutes_outside_range_or_not_whole_are_invalid(minutes):
    assert check_minutes(minutes) == [
        f"minutes must be a whole number from 1 to 15, got {minutes!r}"
    ]


@pytest.mark.parametrize("count", [2, 3, 4])
def test_two_to_four_objectives_are_valid(count):
    assert check_objectives(["Listen"] * count) == []


@pytest.mark.parametrize("count", [0, 1, 5])
def test_fewer_than_two_or_more_than_four_objectives_are_invalid(count):
    assert check_objectives(["Listen"] * count) == [
        f"a module needs 2 to 4 objectives, found {count}"
    ]


def test_glossary_links_to_unknown_slugs_are_reported():
    assert check_glossary_links(["aht", "fcr"], {"aht"}) == [
        "link to missing glossary term 'fcr'"
    ]
