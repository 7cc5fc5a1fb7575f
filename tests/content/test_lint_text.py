"""The lint rules that read the words: scenario choices that give the answer away,
feedback with no reason, and one name for two people. Each on a small curriculum
built in memory."""

from pathlib import Path

import pytest

from content import person_names
from content.lint import RULES, reason_words
from content.loader import Course, Curriculum, Module, Programme
from content.parser import Block
from content.scenario_paths import deciding_steps
from content.schema import (
    Choice,
    CourseMeta,
    ModuleMeta,
    Option,
    ProgrammeMeta,
    QuestionBlock,
    ScenarioBlock,
    Step,
)


def module(slug, *blocks):
    meta = ModuleMeta(
        title=slug, summary="s", minutes=5, objectives=["a", "b"], competencies=["c"]
    )
    return Module(
        path=Path(f"{slug}.md"),
        meta=meta,
        body="",
        body_line=1,
        key_lines={},
        slug=slug,
        blocks=list(blocks),
    )


def prose(text):
    return Block("markdown", 12, text)


def curriculum(*modules):
    meta = CourseMeta(title="c", slug="c", summary="s", skill_area="coaching")
    course = Course(
        path=Path("c", "_index.md"),
        meta=meta,
        body="",
        body_line=1,
        key_lines={},
        modules=list(modules),
    )
    programme = Programme(
        path=Path("_index.md"),
        meta=ProgrammeMeta(title="P", slug="p", summary="s"),
        body="",
        body_line=1,
        key_lines={},
        courses=[course],
    )
    return Curriculum(root=Path("content"), programmes=[programme])


def rule(name, built):
    return [f.message for f in RULES[name](built)]


# The best scenario choice is not given away by its length -------------------


def ending(text, outcome):
    return Choice(text=text, outcome=outcome, feedback="Because it shows why.")


def one_step(sid, best, other):
    """A scenario of one deciding step: `best` reaches a good ending, `other` a poor one."""
    step = Step(
        key="start", text="?", choices=[ending(best, "good"), ending(other, "poor")]
    )
    return Block(
        "scenario", 30, ScenarioBlock(id=sid, title="T", setup="S", steps=[step])
    )


LONG, SHORT = "Take the long and careful way round it", "Act"


def test_a_step_decides_when_only_one_choice_keeps_the_best_ending():
    block = one_step("s", SHORT, LONG)

    ((step, best),) = deciding_steps(block.data)

    assert (step.key, best.text) == ("start", SHORT)


def test_a_tie_for_the_best_ending_does_not_decide():
    step = Step(
        key="start",
        text="?",
        choices=[ending("One way", "good"), ending("Another way", "good")],
    )
    scenario = ScenarioBlock(id="s", title="T", setup="S", steps=[step])

    assert deciding_steps(scenario) == []


def test_a_choice_is_worth_the_best_ending_it_can_still_reach_and_loops_count_for_nothing():
    steps = [
        Step(
            key="a",
            text="?",
            choices=[Choice(text="On", next="b"), ending("Stop", "mixed")],
        ),
        Step(
            key="b",
            text="?",
            choices=[Choice(text="Back", next="a"), ending("Win", "good")],
        ),
    ]
    scenario = ScenarioBlock(id="s", title="T", setup="S", steps=steps)

    decided = {step.key: best.text for step, best in deciding_steps(scenario)}

    assert decided == {"a": "On", "b": "Win"}


def test_a_course_whose_best_choices_are_the_longest_is_flagged():
    built = curriculum(module("m", one_step("s1", LONG, SHORT)))

    (message,) = rule("best-choice-not-longest", built)

    assert "the best choice is the longest at 1 of 1 deciding steps (100%)" in message
    assert "s1:start" in message


@pytest.mark.parametrize(("longest", "flagged"), [(2, False), (3, True)])
def test_at_most_40_percent_of_deciding_steps_may_have_the_longest_best_choice(
    longest, flagged
):
    blocks = [one_step(f"s{n}", LONG, SHORT) for n in range(longest)]
    blocks += [one_step(f"t{n}", SHORT, LONG) for n in range(5 - longest)]

    found = rule("best-choice-not-longest", curriculum(module("m", *blocks)))

    assert bool(found) == flagged


@pytest.mark.parametrize(("first", "flagged"), [(3, False), (4, True)])
def test_at_most_60_percent_of_deciding_steps_may_have_the_best_choice_first(
    first, flagged
):
    blocks = [one_step(f"s{n}", SHORT, LONG) for n in range(first)]
    blocks += [reversed_step(f"t{n}", SHORT, LONG) for n in range(5 - first)]

    found = rule("best-choice-not-always-first", curriculum(module("m", *blocks)))

    assert bool(found) == flagged
    assert not found or "comes first at 4 of 5 deciding steps (80%)" in found[0]


def reversed_step(sid, best, other):
    """As one_step, with the best choice written second."""
    step = Step(
        key="start", text="?", choices=[ending(other, "poor"), ending(best, "good")]
    )
    return Block(
        "scenario", 30, ScenarioBlock(id=sid, title="T", setup="S", steps=[step])
    )


# Feedback says why -----------------------------------------------------------------


def question(*feedback):
    options = [
        Option(text=f"Option {n}", correct=n == 0, feedback=text)
        for n, text in enumerate(feedback)
    ]
    return Block("question", 40, QuestionBlock(id="q", prompt="?", options=options))


@pytest.mark.parametrize(
    ("feedback", "words"),
    [
        ("Not quite.", []),
        ("Yes! Correct.", []),
        (
            "Right. The 0 asks for an exact match.",
            ["The", "0", "asks", "for", "an", "exact", "match"],
        ),
        ("No score is worth it.", ["score", "is", "worth", "it"]),
    ],
)
def test_reason_words_leave_out_a_leading_verdict(feedback, words):
    assert reason_words(feedback) == words


def test_a_bare_verdict_as_feedback_is_flagged():
    built = curriculum(
        module("m", question("Yes, that is the one to pick.", "Not quite."))
    )

    (message,) = rule("feedback-gives-reason", built)

    assert message.startswith("option 2 of question 'q' has feedback 'Not quite.'")


def test_feedback_that_explains_passes():
    built = curriculum(
        module(
            "m",
            question(
                "Right. Lower is better for AHT, so a miss is above target.",
                "That flags the agents who beat the target instead.",
            ),
        )
    )

    assert rule("feedback-gives-reason", built) == []


def test_a_scenario_ending_with_a_bare_verdict_is_flagged():
    step = Step(
        key="start",
        text="?",
        choices=[Choice(text="Go", outcome="good", feedback="Well done!")],
    )
    block = Block(
        "scenario", 30, ScenarioBlock(id="s", title="T", setup="S", steps=[step])
    )

    (message,) = rule("feedback-gives-reason", curriculum(module("m", block)))

    assert "an ending of scenario 's' (step 'start')" in message


# One name, one person ----------------------------------------------------------------


def test_a_name_given_to_people_in_two_modules_is_flagged():
    built = curriculum(
        module("a", prose("Sam sighs loudly in every huddle.")),
        module("b", prose("The new starter, Sam, asks for help with billing.")),
    )

    (message,) = rule("distinct-names", built)

    assert message.startswith("'Sam' names a person here and in b")


def test_different_names_in_different_modules_pass():
    built = curriculum(
        module("a", prose("Sam sighs loudly in every huddle.")),
        module("b", prose("Talk to Leah about her start times.")),
    )

    assert rule("distinct-names", built) == []


@pytest.mark.parametrize(
    "text",
    [
        "Friday's huddle runs long, so book the review with care.",
        "Excel shows the time as a fraction of a day.",
        "Sort the calls by Reason, then give each reason a row.",
        "Averaging gets it backwards, so add up the calls first.",
    ],
    ids=["calendar", "product", "everyday-word", "gerund"],
)
def test_words_that_are_not_people_are_not_names(text):
    built = curriculum(module("a", prose(text)), module("b", prose(text)))

    assert rule("distinct-names", built) == []


def test_a_name_kept_for_one_person_on_purpose_passes(monkeypatch):
    monkeypatch.setattr(person_names, "RECURRING", {"Sam": {"a", "b"}})
    built = curriculum(
        module("a", prose("Sam sighs loudly in every huddle.")),
        module("b", prose("A month later, Sam leads the huddle.")),
    )

    assert rule("distinct-names", built) == []


def test_a_name_that_is_also_a_word_is_still_found_where_it_names_a_person():
    built = curriculum(
        module("a", prose("Mark's voice rises. Remember to mark the call for QA.")),
        module("b", prose("Ask Mark, the new starter, how the week went.")),
    )

    (message,) = rule("distinct-names", built)

    assert message.startswith("'Mark' names a person here and in b")
