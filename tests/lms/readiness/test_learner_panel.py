"""The learner's readiness on My learning: nothing until their programme opts in,
then their own verdict's label and their own evidence, never others' ratings."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import ReadinessSettings
from lms.readiness import ratings
from lms.readiness.learner_panel import panel_context
from lms.readiness.programme_settings import save_settings
from tests.builders.pages import make_programme
from tests.builders.readiness import (
    COMMENT,
    make_readiness_scene,
    measured,
    rate_all,
)
from tests.builders.readiness_history import make_superuser
from tests.builders.web import section

pytestmark = pytest.mark.django_db

HOME = "/learn/"
SECRET = "Talks over the quiet ones in every huddle."
SHOWN = {
    "performance_low": 50,
    "performance_high": 75,
    "potential_low": 50,
    "potential_high": 75,
    "show_readiness_to_learner": True,
}


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    measured(scene.enrolment, scene.programme.de_escalation, 10, 8)
    rate_all(scene.enrolment, scene.mentor, "mentor", 2, comment=SECRET)
    ratings.rate_readiness(
        scene.enrolment, scene.manager, "manager", "ready_6_12", SECRET
    )
    return scene


def opt_in(scene, shown=True):
    values = {**SHOWN, "show_readiness_to_learner": shown}
    save_settings(scene.cohort.programme_id, values, make_superuser())


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured), result


def test_nothing_shows_and_nothing_is_read_by_default(client, scene):
    client.force_login(scene.learner)

    html = client.get(HOME).content.decode()
    again, context = queries(lambda: panel_context(scene.learner))

    assert 'id="readiness-heading"' not in html
    assert (again, context) == (0, None)


def test_another_programme_opting_in_costs_one_query_and_shows_nothing(scene):
    other = make_programme(slug="other", title="Other")
    ReadinessSettings.objects.create(programme=other, show_readiness_to_learner=True)
    panel_context(scene.learner)  # caches which programmes show it

    count, context = queries(lambda: panel_context(scene.learner))

    assert (count, context) == (1, None)


def test_once_opted_in_the_learner_sees_their_label_and_evidence(client, scene):
    opt_in(scene)
    client.force_login(scene.learner)

    panel = section(client.get(HOME), "readiness-heading").find_parent("section")

    text = panel.get_text(" ", strip=True)
    assert "Readiness: Ready in 6-12 months" in text
    assert "Knowledge checks: 80" in text
    assert "Performance score: 80 of 100" in text
    assert "Desire to lead: no evidence yet" in text


@pytest.mark.parametrize(
    "hidden", [SECRET, "traits", "Potential score", "High performer", "Next step"]
)
def test_the_panel_never_shows_others_ratings_or_what_they_weigh_in(
    client, scene, hidden
):
    opt_in(scene)
    client.force_login(scene.learner)

    panel = section(client.get(HOME), "readiness-heading").find_parent("section")

    assert hidden.lower() not in panel.get_text(" ").lower()


@pytest.mark.parametrize(
    ("who", "verdict"),
    [
        ("anonymous", None),
        ("learner", "Ready in 6-12 months"),
        ("other_learner", "No verdict yet"),  # Bo sees his own, never Ada's
        ("mentor", None),
        ("other_mentor", None),
        ("manager", None),
        ("other_manager", None),
        ("superuser", None),
    ],
)
def test_each_reader_sees_only_their_own_label(client, scene, who, verdict):
    opt_in(scene)
    if who == "anonymous":
        user = AnonymousUser()
    else:
        user = make_superuser("root2") if who == "superuser" else scene.people()[who]
        client.force_login(user)

    context = panel_context(user)
    response = client.get(HOME)

    labels = [item["verdict"] for item in context["items"]] if context else []
    assert labels == ([verdict] if verdict else [])
    if who == "anonymous":
        assert response.status_code == 302
    elif verdict is None:
        assert 'id="readiness-heading"' not in response.content.decode()


def test_the_learner_of_another_cohort_on_the_programme_sees_their_own(scene):
    opt_in(scene)

    context = panel_context(scene.outsider_enrolment.user)

    assert [item["verdict"] for item in context["items"]] == ["No verdict yet"]


def test_switching_it_off_hides_it_at_once(client, scene):
    opt_in(scene)
    client.force_login(scene.learner)
    client.get(HOME)

    opt_in(scene, shown=False)

    assert 'id="readiness-heading"' not in client.get(HOME).content.decode()


def test_what_the_panel_costs_once_opted_in(scene):
    opt_in(scene)
    panel_context(scene.learner)  # the evidence, then kept

    first, _context = queries(lambda: panel_context(scene.other_enrolment.user))
    again, context = queries(lambda: panel_context(scene.learner))

    assert first == 1 + 10  # the enrolments with the verdict, then the evidence
    assert again == 1  # the verdict is read afresh, the evidence kept
    assert context["items"][0]["verdict"] == "Ready in 6-12 months"


def test_a_new_verdict_shows_at_once(scene):
    opt_in(scene)
    panel_context(scene.learner)

    ratings.rate_readiness(
        scene.enrolment, scene.mentor, "mentor", "ready_now", COMMENT
    )

    assert panel_context(scene.learner)["items"][0]["verdict"] == "Ready now"
