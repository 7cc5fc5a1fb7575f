"""The gap picture page, worked by hand: the evidence level and its sources, the
reading, the chart (an accessible SVG) and the table saying the same, the named
lists, before and after, and the learner's own pipeline answers."""

import pytest

from tests.builders.assessment import (
    make_assessed_learner,
    mentor_rating,
    rate,
    recall_rollup,
)
from tests.builders.progress import mastery
from tests.builders.web import section, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    learner = make_assessed_learner(username="ada")
    client.force_login(learner.user)
    return learner


def table(response):
    """{competency: [your level, evidence, mentor, reading]} as the table prints them."""
    rows = soup(response).select("table.gap-table tbody tr")
    return {
        row.th.get_text(strip=True): [
            cell.get_text(" ", strip=True) for cell in row.find_all("td")
        ]
        for row in rows
    }


def named(response, key):
    found = soup(response).find(id=f"named-{key}")
    return (
        [] if found is None else [li.get_text() for li in found.parent.find_all("li")]
    )


def test_a_worked_example_gives_a_blind_spot(client, learner):
    # Given half the first answers right (0.5) and recall of 4 over 5 cards (0.8):
    # the share is their mean, 0.65, and the level 1 + 3 x 0.65 = 2.95.
    user, programme = learner.user, learner.programme
    mastery(user, programme.de_escalation, answered=4, correct=2)
    recall_rollup(user, programme.de_escalation, cards=5, total=4.0)
    # When the learner rates themselves 4 (and 2 on coaching, with no evidence)
    rate(learner.enrolment, {"de-escalation": 4, "coaching": 2})

    response = client.get(learner.url)

    # Then 4 against 2.95 is a level apart: a blind spot.
    figures = table(response)
    assert figures["De-escalation"] == [
        "4",
        "2.95 knowledge checks 50%, recall 80%",
        "not rated",
        "Blind spot: you rated yourself higher than the evidence shows",
    ]
    assert figures["Coaching"] == ["2", "none yet", "not rated", "No evidence yet"]
    assert named(response, "blind_spot") == ["De-escalation: you 4, evidence 2.95"]
    assert named(response, "no_evidence") == ["Coaching: you 2"]
    assert named(response, "hidden_strength") == []


def test_the_chart_is_an_svg_image_with_its_values_in_words(client, learner):
    mastery(learner.user, learner.programme.de_escalation, answered=4, correct=2)
    rate(learner.enrolment, {"de-escalation": 4, "coaching": 2})

    response = client.get(learner.url)

    svg = soup(response).find("svg", class_="gap-chart")
    assert svg["role"] == "img"
    assert "2 competencies" in svg["aria-label"] and "level 3" in svg["aria-label"]
    assert svg.title.get_text() == svg["aria-label"]
    assert svg["viewbox"] == "0 0 340 154" and svg["width"] == "100%"
    words = [text.get_text() for text in svg.find_all("text")]
    assert "Evidence 2.5 · You 4" in words and "No evidence yet · You 2" in words
    assert "Target 3" in words
    # One circle per self-rating; no diamond without a mentor's rating.
    assert len(svg.find_all("circle")) == 2 and not svg.find_all("polygon")


def test_the_mentors_rating_is_a_diamond_a_column_and_a_source(client, learner):
    mentor_rating(learner.enrolment, learner.programme.coaching, 2)
    mentor_rating(learner.enrolment, learner.programme.coaching, 4)  # the latest counts
    rate(learner.enrolment, {"de-escalation": 2, "coaching": 2})

    response = client.get(learner.url)

    svg = soup(response).find("svg", class_="gap-chart")
    assert len(svg.find_all("polygon")) == 1
    assert "Evidence 4 · You 2 · Mentor 4" in [
        t.get_text() for t in svg.find_all("text")
    ]
    assert table(response)["Coaching"] == [
        "2",
        "4 mentor 4 of 4",
        "4",
        "Hidden strength: the evidence shows more than you gave yourself",
    ]
    assert named(response, "hidden_strength") == ["Coaching: you 2, evidence 4"]


def test_a_second_round_shows_before_and_after(client, learner):
    rate(learner.enrolment, {"de-escalation": 2, "coaching": 1}, desire=2)
    rate(
        learner.enrolment, {"de-escalation": 3, "coaching": 1, "humility": 4}, desire=3
    )

    response = client.get(learner.url)

    assert table(response)["De-escalation"][0] == "2 → 3"
    assert table(response)["Coaching"][0] == "1 → 1"
    pipeline = text_of(response)
    assert "Humility Level 3 → 4: I put the team's success before mine" in pipeline
    assert "Keen: I want a team-leader role in the next year" in pipeline


def test_the_learners_own_reason_to_lead_is_shown_as_plain_text(client, learner):
    rate(
        learner.enrolment,
        {"de-escalation": 2, "coaching": 2},
        desire=1,
        reason="<b>Not yet</b>: my children are small.",
    )

    response = client.get(learner.url)

    pipeline = section(response, "pipeline-heading").parent
    assert "Not for me, at least not now" in pipeline.get_text()
    assert pipeline.q.get_text() == "Not yet: my children are small."
    assert "<b>" not in response.content.decode()


def test_an_open_round_offers_to_continue_where_it_stopped(client, learner):
    rate(learner.enrolment, {"coaching": 2}, only=["coaching"])

    response = client.get(learner.url)

    button = soup(response).find("a", class_="button")
    assert button.get_text() == "Continue (screen 1 of 3)"
    assert button["href"] == f"{learner.url}rate/"
    assert table(response)["De-escalation"][0] == "not rated yet"


def test_before_any_round_there_is_no_chart(client, learner):
    response = client.get(learner.url)

    assert not soup(response).find("svg", class_="gap-chart")
    assert "Rate yourself on each competency" in text_of(response)
