"""Focus through the pages: the suggested gaps, choosing one with a reflection for
the journal, three at most, dropping one, a stretch project to try; and the
panel on My learning, in two queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Competency, StretchTemplate
from lms.assessment.panel import panel_context
from lms.models import ActionItem, FocusGap, JournalEntry
from tests.builders.assessment import (
    make_assessed_learner,
    rate,
    recall_rollup,
    teach,
)
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.progress import mastery
from tests.builders.web import section, soup, text_of

pytestmark = pytest.mark.django_db

LEVELS = {"de-escalation": 2, "coaching": 1, "skill-0": 2, "skill-1": 2}


@pytest.fixture
def learner(client):
    learner = make_assessed_learner(username="ada")
    client.force_login(learner.user)
    return learner


@pytest.fixture
def rated(learner):
    """Four competencies below the target, all rated in a complete round."""
    for n in range(2):
        teach(
            learner.programme,
            name=f"Skill {n}",
            slug=f"skill-{n}",
            skill_area="coaching",
        )
    rate(learner.enrolment, LEVELS)
    return learner


def choose_url(learner, competency):
    return f"{learner.url}focus/choose/{competency.pk}/"


def choose(client, learner, competency, kind="skill", reflection="I can practise it."):
    return client.post(
        choose_url(learner, competency), {"kind": kind, "reflection": reflection}
    )


def competency(slug):
    return Competency.objects.get(slug=slug)


def cards(response, heading):
    found = section(response, heading).parent
    return [h3.get_text() for h3 in found.find_all("h3")]


def test_the_largest_weighted_gaps_are_suggested_first(client, rated):
    # Coaching (self 1, three modules) is 2 levels short at full weight; de-escalation
    # (self 2, three modules) 1 level; the one-module skills 1 level at weight 1/3.
    response = client.get(f"{rated.url}focus/")

    assert response.status_code == 200
    assert cards(response, "suggested-heading") == [
        "Coaching",
        "De-escalation",
        "Skill 0",
    ]
    assert cards(response, "others-heading") == ["Skill 1"]


def test_choosing_a_gap_writes_the_reflection_to_the_journal(client, rated):
    coaching = rated.programme.coaching
    page = client.get(choose_url(rated, coaching))
    assert "Is this a skill I can learn, or a talent question?" in text_of(page)

    response = choose(client, rated, coaching, "talent", "Patience may not be me.")

    assert response["Location"] == f"{rated.url}focus/"
    gap = FocusGap.objects.get(enrolment=rated.enrolment)
    assert (gap.competency, gap.kind) == (coaching, "talent")
    entry = JournalEntry.objects.get(user=rated.user)
    assert entry == gap.reflection
    assert "Patience may not be me." in entry.text
    assert ActionItem.objects.filter(user=rated.user).count() == 1
    focus = client.get(f"{rated.url}focus/")
    assert cards(focus, "chosen-heading") == ["Coaching"]
    assert "Coaching" not in cards(focus, "suggested-heading")


def test_a_reflection_is_required(client, rated):
    response = choose(client, rated, rated.programme.coaching, reflection="  ")

    assert response.status_code == 400
    assert "Write a sentence or two" in text_of(response)
    assert not FocusGap.objects.exists() and not JournalEntry.objects.exists()


def test_a_fourth_gap_is_refused_with_the_reason(client, rated):
    for slug in ("de-escalation", "coaching", "skill-0"):
        assert choose(client, rated, competency(slug)).status_code == 302

    response = choose(client, rated, competency("skill-1"))

    assert response.status_code == 400
    alert = soup(response).find("div", attrs={"role": "alert"})
    assert "You already work on 3 gaps" in alert.get_text()
    assert FocusGap.objects.filter(closed_at__isnull=True).count() == 3
    assert JournalEntry.objects.count() == 3
    assert "Work on this" not in text_of(client.get(f"{rated.url}focus/"))


def test_dropping_a_gap_frees_its_place(client, rated):
    choose(client, rated, rated.programme.coaching)
    gap = FocusGap.objects.get()

    response = client.post(f"{rated.url}focus/{gap.pk}/drop/")

    assert response["Location"] == f"{rated.url}focus/"
    gap.refresh_from_db()
    assert gap.closed_at is not None
    assert cards(client.get(f"{rated.url}focus/"), "chosen-heading") == []
    assert client.get(f"{rated.url}focus/{gap.pk}/drop/").status_code == 405


def test_each_focus_gap_suggests_a_stretch_project(client, rated):
    coaching = rated.programme.coaching
    template = StretchTemplate.objects.create(
        title="Run a coaching circle",
        slug="coaching-circle",
        purpose="Coach three peers through a hard call each.",
    )
    template.competencies.set([coaching])
    template.save()  # a parental many-to-many is written on save
    choose(client, rated, coaching)

    chosen = section(client.get(f"{rated.url}focus/"), "chosen-heading").parent

    assert "A stretch project to try: Run a coaching circle" in chosen.get_text()
    assert "Coach three peers through a hard call each." in chosen.get_text()
    assert chosen.find("a", href="/learn/")


def test_another_learners_focus_is_a_404(client, rated):
    other = make_assessed_learner(programme=rated.programme, username="bea")
    rate(other.enrolment, LEVELS)
    theirs = FocusGap.objects.create(
        enrolment=other.enrolment, competency=rated.programme.coaching, kind="skill"
    )

    assert client.get(f"{other.url}focus/").status_code == 404
    assert choose(client, other, rated.programme.coaching).status_code == 404
    assert client.post(f"{rated.url}focus/{theirs.pk}/drop/").status_code == 404
    assert client.post(f"{other.url}focus/{theirs.pk}/drop/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.closed_at is None
    assert FocusGap.objects.count() == 1


def test_a_competency_outside_the_programme_is_a_404(client, rated):
    elsewhere = make_programme_with_modules("elsewhere")
    outside = teach(elsewhere, name="Forecasting", slug="forecasting")

    assert client.get(choose_url(rated, outside)).status_code == 404
    assert choose(client, rated, outside).status_code == 404
    assert not FocusGap.objects.exists()


def test_focus_before_any_rating_leads_to_the_start(client, learner):
    assert client.get(f"{learner.url}focus/")["Location"] == learner.url


def panel_of(client):
    found = soup(client.get("/learn/")).find("section", class_="assessment-panel")
    return " ".join(found.get_text(" ").split()) if found else None


def test_the_panel_follows_the_learners_round(client, learner):
    assert "Rate yourself" in panel_of(client)

    rate(learner.enrolment, {"de-escalation": 2}, only=["difficult-personalities"])
    assert "Continue your self-assessment (2 of 3)" in panel_of(client)

    rate(learner.enrolment, {"de-escalation": 2, "coaching": 1})
    assert "Pick up to three gaps to work on" in panel_of(client)

    choose(client, learner, learner.programme.coaching)
    assert "You are working on: Coaching" in panel_of(client)


def test_the_panel_is_left_out_without_an_enrolment(client):
    client.force_login(make_assessed_learner().mentor)

    assert panel_of(client) is None


def queries_of_panel(user):
    with CaptureQueriesContext(connection) as captured:
        context = panel_context(user)
    return len(captured), context


def test_the_panel_costs_two_queries_at_most_in_every_state(learner):
    # A second programme, with a round open in the first and evidence about.
    enrol_in_cohort(learner.user, make_cohort(make_programme_with_modules("b").page))
    mastery(learner.user, learner.programme.coaching, answered=3, correct=1)
    recall_rollup(learner.user, learner.programme.coaching, cards=2, total=1.0)
    states = []
    count, context = queries_of_panel(learner.user)
    states.append((count, context["state"]))
    rate(learner.enrolment, {"coaching": 1}, only=["coaching"])
    count, context = queries_of_panel(learner.user)
    states.append((count, context["state"], context["number"]))
    rate(learner.enrolment, {"de-escalation": 2, "coaching": 1})
    FocusGap.objects.create(
        enrolment=learner.enrolment, competency=learner.programme.coaching, kind="skill"
    )
    count, context = queries_of_panel(learner.user)
    states.append(
        (count, context["state"], [g.competency.name for g in context["focus"]])
    )

    assert states == [(1, "start"), (2, "open", 1), (2, "complete", ["Coaching"])]
    assert context["more"] is True
