"""The profile's forms: rating the four traits, a verdict, a manager's move and its
clearing. Each success adds history rows; each refusal is a 400 with what to
put right and stores nothing; a learner out of reach is a 404."""

import pytest
from django.test import Client

from lms.assessment.traits import TRAITS
from lms.models import Placement, ReadinessRating, TraitRating
from lms.readiness import ratings
from lms.readiness.grid import grid_for
from lms.readiness.links import readiness_url
from tests.builders.readiness import COMMENT, make_readiness_scene, rate_all
from tests.builders.web import section, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_readiness_scene()


def traits_post(level=3, comment=COMMENT, **changes):
    data = {}
    for trait in TRAITS:
        data[f"traits-{trait.slug}-level"] = level
        data[f"traits-{trait.slug}-comment"] = f"{comment} ({trait.name})"
    return {**data, **changes}


def post(client, scene, who, name, data, enrolment=None):
    client.force_login(scene.people()[who])
    return client.post(readiness_url(name, (enrolment or scene.enrolment).pk), data)


def stored():
    return (
        TraitRating.objects.count(),
        ReadinessRating.objects.count(),
        Placement.objects.count(),
    )


@pytest.mark.parametrize("who", ["mentor", "manager"])
def test_rating_the_four_traits_adds_four_rows_in_the_viewers_role(client, scene, who):
    response = post(client, scene, who, "rate_traits", traits_post(level=4))

    assert response.status_code == 302
    assert response.url == readiness_url("profile", scene.enrolment.pk) + "#traits"
    found = TraitRating.objects.filter(enrolment=scene.enrolment)
    assert {(r.trait, r.level, r.rater_role) for r in found} == {
        (t.slug, 4, who) for t in TRAITS
    }
    assert all(r.rater == scene.people()[who] for r in found)


def test_a_missing_comment_stores_no_trait_at_all(client, scene):
    data = traits_post(**{"traits-humility-comment": ""})

    response = post(client, scene, "mentor", "rate_traits", data)

    assert response.status_code == 400
    assert "Say why: what did you see them do?" in text_of(response)
    assert stored() == (0, 0, 0)


def test_a_comment_of_markup_only_counts_as_missing(client, scene):
    data = traits_post(**{"traits-coachability-comment": "<b> </b><script></script>"})

    response = post(client, scene, "manager", "rate_traits", data)

    assert response.status_code == 400
    assert stored() == (0, 0, 0)


def test_markup_in_a_comment_is_dropped_before_it_is_kept(client, scene):
    data = traits_post(comment="<em>Calm</em> <script>alert(1)</script>on calls")

    post(client, scene, "mentor", "rate_traits", data)

    comments = set(TraitRating.objects.values_list("comment", flat=True))
    assert all("<" not in c and c.startswith("Calm") for c in comments)


@pytest.mark.parametrize("level", ["5", "0", "two", ""])
def test_a_level_off_the_anchors_is_refused(client, scene, level):
    data = traits_post(**{"traits-communication-level": level})

    response = post(client, scene, "mentor", "rate_traits", data)

    assert response.status_code == 400
    errors = section(response, "trait-communication").get_text()
    assert "Choose" in errors
    assert stored() == (0, 0, 0)


def test_a_verdict_is_kept_with_its_comment(client, scene):
    data = {"verdict-verdict": "ready_now", "verdict-comment": COMMENT}

    response = post(client, scene, "manager", "verdict", data)

    assert response.status_code == 302
    rating = ReadinessRating.objects.get()
    assert (rating.verdict, rating.rater_role, rating.comment) == (
        "ready_now",
        "manager",
        COMMENT,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"verdict-verdict": "ready_now", "verdict-comment": " "}, "Say why"),
        ({"verdict-verdict": "tomorrow", "verdict-comment": COMMENT}, "three"),
        ({"verdict-comment": COMMENT}, "Choose a verdict"),
    ],
    ids=["no comment", "bad verdict", "no verdict"],
)
def test_a_verdict_without_its_parts_is_refused(client, scene, data, message):
    response = post(client, scene, "mentor", "verdict", data)

    assert response.status_code == 400
    assert message in text_of(response)
    assert stored() == (0, 0, 0)


def test_a_manager_moves_a_learner_and_the_grid_follows(client, scene):
    data = {"move-box": "3-3", "move-reason": "Led the huddle twice."}

    response = post(client, scene, "manager", "move", data)

    assert response.status_code == 302
    move = Placement.objects.get()
    assert (move.performance, move.potential, move.moved_by) == (3, 3, scene.manager)
    grid = grid_for(scene.cohort)
    assert [p.name for p in grid.cells[(3, 3)]] == ["Ada"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"move-box": "4-1", "move-reason": "Why not."}, "nine boxes"),
        ({"move-box": "3", "move-reason": "Why not."}, "nine boxes"),
        ({"move-box": "", "move-reason": "Why not."}, "Choose the box"),
        ({"move-box": "2-2", "move-reason": ""}, "Give the reason"),
    ],
    ids=["off the grid", "one axis", "no box", "no reason"],
)
def test_a_move_without_a_box_or_reason_is_refused(client, scene, data, message):
    response = post(client, scene, "manager", "move", data)

    assert response.status_code == 400
    assert message in text_of(response)
    assert stored() == (0, 0, 0)


def test_clearing_hands_the_learner_back_to_the_evidence(client, scene):
    ratings.move(scene.enrolment, 1, 1, "Calibrated.", scene.manager)

    response = post(client, scene, "manager", "clear_move", {"clear-reason": "Done."})

    assert response.status_code == 302
    assert ratings.move_in_force(scene.enrolment) is None
    assert Placement.objects.count() == 2  # the move stays, as history


def test_clearing_without_a_move_or_a_reason_is_refused(client, scene):
    nothing = post(client, scene, "manager", "clear_move", {"clear-reason": "Done."})
    ratings.move(scene.enrolment, 1, 1, "Calibrated.", scene.manager)
    silent = post(client, scene, "manager", "clear_move", {"clear-reason": ""})

    assert nothing.status_code == 400 and "No move to clear" in text_of(nothing)
    assert silent.status_code == 400
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("name", ["move", "clear_move"])
def test_a_mentor_cannot_move_their_learner(client, scene, name):
    ratings.move(scene.enrolment, 1, 1, "Calibrated.", scene.manager)
    data = {"move-box": "3-3", "move-reason": "Mine.", "clear-reason": "Mine."}

    response = post(client, scene, "mentor", name, data)

    assert response.status_code == 404
    assert Placement.objects.count() == 1


@pytest.mark.parametrize("who", ["other_mentor", "other_manager"])
def test_someone_elses_learner_is_a_404_and_nothing_is_stored(client, scene, who):
    answers = [
        post(client, scene, who, "rate_traits", traits_post()).status_code,
        post(client, scene, who, "verdict", {"verdict-verdict": "not_yet"}).status_code,
        post(client, scene, who, "move", {"move-box": "1-1"}).status_code,
    ]

    assert answers == [404, 404, 404]
    assert stored() == (0, 0, 0)


def test_rating_again_keeps_the_earlier_ratings(client, scene):
    rate_all(scene.enrolment, scene.mentor, "mentor", 2, comment="First view.")

    post(client, scene, "mentor", "rate_traits", traits_post(level=3))
    page = client.get(readiness_url("profile", scene.enrolment.pk))

    levels = sorted(TraitRating.objects.values_list("level", flat=True))
    assert levels == [2] * 4 + [3] * 4
    history = section(page, "trait-history-list").get_text()
    assert history.count("First view.") == 4 and history.count(COMMENT) == 4


def test_a_refused_form_shows_again_with_what_was_typed(client, scene):
    data = traits_post(**{"traits-humility-level": ""})

    response = post(client, scene, "mentor", "rate_traits", data)

    form = section(response, "traits-form")
    typed = form.find("textarea", attrs={"name": "traits-communication-comment"})
    assert COMMENT in typed.get_text()
    checked = form.find(
        "input", attrs={"name": "traits-communication-level"}, checked=True
    )
    assert checked["value"] == "3"


def test_a_post_without_the_csrf_token_is_refused(scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.manager)

    response = client.post(
        readiness_url("move", scene.enrolment.pk),
        {"move-box": "3-3", "move-reason": "Led the huddle."},
    )

    assert response.status_code == 403
    assert Placement.objects.count() == 0


def test_the_forms_take_no_get(client, scene):
    client.force_login(scene.manager)

    response = client.get(readiness_url("move", scene.enrolment.pk))

    assert response.status_code == 405
