"""Ratings are history: each is a new row with who, when and why; the newest
counts; a comment is required and kept as plain text."""

import pytest
from django.core.exceptions import ValidationError

from lms.models import ReadinessRating, TraitRating
from lms.readiness import ratings
from lms.readiness.evidence import evidence_for_cohort
from lms.readiness.grid import grid_for
from tests.builders.readiness import COMMENT, make_readiness_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_readiness_scene()


def rate(scene, level, comment=COMMENT, trait="humility", rater=None, role="mentor"):
    return ratings.rate_trait(
        scene.enrolment, rater or scene.mentor, role, trait, level, comment
    )


def test_two_ratings_are_two_rows_and_the_newest_counts(scene):
    first = rate(scene, 1, "Blamed the system for a missed target.")
    second = rate(scene, 4, "Owned the missed target in the huddle.")

    history = list(ratings.trait_history(scene.enrolment))
    (profile, *_rest) = evidence_for_cohort(scene.cohort).profiles

    assert history == [second, first]
    assert (history[1].level, history[1].comment, history[1].rater) == (
        1,
        "Blamed the system for a missed target.",
        scene.mentor,
    )
    assert profile.traits == {("mentor", "humility"): 4}


def test_a_rating_is_never_changed_in_place(scene):
    rating = rate(scene, 2)
    rating.level = 4

    with pytest.raises(ValueError, match="history"):
        rating.save()
    assert TraitRating.objects.get().level == 2


@pytest.mark.parametrize("comment", ["", "   ", "<b></b>", "<script>x()</script>"])
def test_a_rating_without_a_comment_is_refused(scene, comment):
    with pytest.raises(ValidationError) as refused:
        rate(scene, 3, comment)

    assert "comment" in refused.value.message_dict
    assert not TraitRating.objects.exists()


def test_the_comment_is_kept_as_plain_text(scene):
    rating = rate(scene, 3, " <b>Led</b> the Q&A <script>alert(1)</script>well ")

    assert TraitRating.objects.get(pk=rating.pk).comment == "Led the Q&A well"


def test_a_level_outside_1_to_4_or_an_unknown_trait_is_refused(scene):
    with pytest.raises(ValidationError):
        rate(scene, 5)
    with pytest.raises(ValidationError):
        rate(scene, 3, trait="charisma")
    assert not TraitRating.objects.exists()


def test_rating_four_traits_at_once_is_all_or_nothing(scene):
    with pytest.raises(ValidationError):
        ratings.rate_traits(
            scene.enrolment,
            scene.mentor,
            "mentor",
            {"humility": (3, COMMENT), "coachability": (3, "")},
        )

    assert not TraitRating.objects.exists()


def test_the_mentors_and_the_managers_newest_both_count(scene):
    rate(scene, 2)
    rate(scene, 4, rater=scene.manager, role="manager")

    (profile, *_rest) = evidence_for_cohort(scene.cohort).profiles

    assert profile.traits == {("mentor", "humility"): 2, ("manager", "humility"): 4}


def test_the_newest_verdict_is_in_force_whoever_gave_it(scene):
    ratings.rate_readiness(
        scene.enrolment, scene.mentor, "mentor", "ready_now", COMMENT
    )
    ratings.rate_readiness(
        scene.enrolment,
        scene.manager,
        "manager",
        "ready_6_12",
        "Needs a stretch first.",
    )

    grid = grid_for(scene.cohort)
    profile = next(p for p in grid.profiles if p.enrolment_id == scene.enrolment.pk)

    assert profile.verdict == "ready_6_12"
    assert grid.ready_now == 0
    assert ReadinessRating.objects.count() == 2


def test_a_verdict_needs_a_comment_and_a_known_verdict(scene):
    with pytest.raises(ValidationError):
        ratings.rate_readiness(scene.enrolment, scene.mentor, "mentor", "ready_now", "")
    with pytest.raises(ValidationError):
        ratings.rate_readiness(scene.enrolment, scene.mentor, "mentor", "soon", COMMENT)
    assert not ReadinessRating.objects.exists()
