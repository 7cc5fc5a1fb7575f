"""A mentor's rubric review: the rules for ratings, and the review and its move as one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.models import AssignmentCriterion, CriterionRating, Review, StretchAssignment
from lms.signals import assignment_changed
from lms.stretch.reviews import latest_average, review
from lms.stretch.states import IllegalTransition, transition
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
APPROVED = Review.Outcome.APPROVED
CHANGES = Review.Outcome.CHANGES_REQUESTED


@pytest.fixture
def scene():
    return make_stretch_scene()


def submit(scene, assignment=None):
    """Start and submit the project as its learner; return it fresh."""
    assignment = assignment or scene.assignment
    transition(assignment, "start", assignment.learner)
    return transition(assignment, "submit", assignment.learner)


@pytest.fixture
def submitted(scene):
    return submit(scene)


def criteria(assignment):
    insight, clarity = assignment.criteria.order_by("sort_order")
    return insight, clarity


def full_ratings(assignment, scores=(3, 4)):
    return {
        c.pk: (score, f"{c.criterion} note")
        for c, score in zip(criteria(assignment), scores, strict=True)
    }


def nothing_written(assignment, status=Status.SUBMITTED):
    assignment.refresh_from_db()
    return (
        assignment.status == status
        and not Review.objects.filter(assignment=assignment).exists()
        and not CriterionRating.objects.filter(
            criterion__assignment=assignment
        ).exists()
    )


# Approving


def test_approving_with_every_criterion_rated_marks_the_work_reviewed(scene, submitted):
    verdict = review(
        submitted, scene.mentor, APPROVED, full_ratings(submitted), " Well done. "
    )

    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEWED
    assert submitted.reviewed_at is not None
    assert verdict.outcome == APPROVED
    assert verdict.mentor == scene.mentor
    assert verdict.comment == "Well done."
    assert sorted(
        verdict.ratings.values_list("criterion__criterion", "score", "comment")
    ) == [("Clarity", 4, "Clarity note"), ("Insight", 3, "Insight note")]


def test_approving_with_a_criterion_unrated_is_refused_by_name(scene, submitted):
    insight, _clarity = criteria(submitted)

    with pytest.raises(ValidationError, match="Rate every criterion.*Clarity"):
        review(submitted, scene.mentor, APPROVED, {insight.pk: (4, "")}, "Good")

    assert nothing_written(submitted)


def test_approving_needs_no_overall_comment(scene, submitted):
    review(submitted, scene.mentor, APPROVED, full_ratings(submitted), "")

    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEWED


# Requesting changes


def test_requesting_changes_with_a_comment_sends_the_work_back(scene, submitted):
    verdict = review(submitted, scene.mentor, CHANGES, {}, "Add the client's goals.")

    submitted.refresh_from_db()
    assert submitted.status == Status.IN_PROGRESS
    assert verdict.outcome == CHANGES
    assert verdict.ratings.count() == 0


def test_requesting_changes_keeps_the_ratings_given(scene, submitted):
    insight, _clarity = criteria(submitted)

    verdict = review(
        submitted, scene.mentor, CHANGES, {insight.pk: (2, "thin")}, "More data."
    )

    assert list(verdict.ratings.values_list("criterion", "score", "comment")) == [
        (insight.pk, 2, "thin")
    ]


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_requesting_changes_without_a_comment_is_refused(scene, submitted, comment):
    with pytest.raises(ValidationError, match="what needs to change"):
        review(submitted, scene.mentor, CHANGES, {}, comment)

    assert nothing_written(submitted)


# Ratings that do not fit the rubric


@pytest.mark.parametrize("score", [0, 5, -1, "3", None, True, 2.5])
def test_a_score_outside_one_to_four_is_refused(scene, submitted, score):
    insight, clarity = criteria(submitted)
    ratings = {insight.pk: (score, ""), clarity.pk: (3, "")}

    with pytest.raises(ValidationError, match="from 1 to 4"):
        review(submitted, scene.mentor, APPROVED, ratings, "")

    assert nothing_written(submitted)


def test_a_criterion_of_another_project_is_refused(scene, submitted):
    theirs = scene.assign([scene.other_learner])[0]
    foreign = theirs.criteria.first()
    ratings = {**full_ratings(submitted), foreign.pk: (4, "")}

    with pytest.raises(ValidationError, match=f"Criterion {foreign.pk} is not part"):
        review(submitted, scene.mentor, APPROVED, ratings, "")

    assert nothing_written(submitted)
    assert not CriterionRating.objects.filter(criterion=foreign).exists()


def test_an_overlong_criterion_comment_is_refused(scene, submitted):
    insight, clarity = criteria(submitted)
    ratings = {insight.pk: (3, "x" * 2_001), clarity.pk: (3, "")}

    with pytest.raises(ValidationError, match="under 2000 characters"):
        review(submitted, scene.mentor, APPROVED, ratings, "")

    assert nothing_written(submitted)


def test_an_unknown_outcome_is_refused(scene, submitted):
    with pytest.raises(ValidationError, match="approve the work or to request"):
        review(submitted, scene.mentor, "maybe", full_ratings(submitted), "Hm")

    assert nothing_written(submitted)


# The move and the review succeed or fail together


@pytest.mark.parametrize("outcome", [APPROVED, CHANGES])
def test_work_not_submitted_cannot_be_reviewed_and_nothing_is_kept(scene, outcome):
    transition(scene.assignment, "start", scene.learner)

    with pytest.raises(IllegalTransition, match="has to be submitted first"):
        review(
            scene.assignment,
            scene.mentor,
            outcome,
            full_ratings(scene.assignment),
            "Redo",
        )

    assert nothing_written(scene.assignment, Status.IN_PROGRESS)


def test_a_second_verdict_on_the_same_submission_is_refused(scene, submitted):
    review(submitted, scene.mentor, APPROVED, full_ratings(submitted), "")

    with pytest.raises(IllegalTransition, match="cannot be sent back for changes"):
        review(submitted, scene.mentor, CHANGES, {}, "On second thoughts")

    assert Review.objects.filter(assignment=submitted).count() == 1


@pytest.mark.parametrize(
    "who", ["other_mentor", "manager", "other_manager", "learner", "other_learner"]
)
def test_only_the_projects_mentor_may_review_it(scene, submitted, who):
    with pytest.raises(PermissionDenied):
        review(
            submitted,
            scene.people()[who],
            APPROVED,
            full_ratings(submitted),
            "",
        )

    assert nothing_written(submitted)


def test_a_failure_while_writing_ratings_undoes_the_move(scene, submitted, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CriterionRating.objects, "bulk_create", broken)

    with pytest.raises(RuntimeError):
        review(submitted, scene.mentor, APPROVED, full_ratings(submitted), "")

    assert nothing_written(submitted)


def test_the_move_is_announced_with_the_review_action(scene, submitted):
    heard = []

    def listener(sender, assignment, action, user, **kwargs):
        heard.append((assignment.pk, action, user))

    assignment_changed.connect(listener)
    try:
        review(submitted, scene.mentor, CHANGES, {}, "Tighten the story.")
    finally:
        assignment_changed.disconnect(listener)

    assert heard == [(submitted.pk, "request_changes", scene.mentor)]


# The latest review's average


def test_no_review_has_no_average(scene):
    assert latest_average(scene.assignment) is None


def test_the_average_is_the_latest_reviews_own(scene, submitted):
    insight, clarity = criteria(submitted)
    review(
        submitted,
        scene.mentor,
        CHANGES,
        {insight.pk: (1, ""), clarity.pk: (2, "")},
        "Not yet.",
    )
    submitted = transition(submitted, "submit", scene.learner)
    review(submitted, scene.mentor, APPROVED, full_ratings(submitted, (4, 3)), "")

    assert latest_average(submitted) == 3.5


def test_a_latest_review_without_ratings_has_no_average(scene, submitted):
    insight, clarity = criteria(submitted)
    review(
        submitted,
        scene.mentor,
        CHANGES,
        {insight.pk: (4, ""), clarity.pk: (4, "")},
        "Nearly.",
    )
    submitted = transition(submitted, "submit", scene.learner)
    review(submitted, scene.mentor, CHANGES, {}, "One more pass.")

    assert latest_average(submitted) is None


def test_the_average_is_rounded_to_one_decimal(scene):
    project = scene.assign([scene.other_learner])[0]
    AssignmentCriterion.objects.create(
        assignment=project, criterion="Delivery", sort_order=3
    )
    project = submit(scene, project)
    scores = dict(
        zip(project.criteria.values_list("pk", flat=True), (4, 4, 3), strict=True)
    )

    review(
        project,
        scene.mentor,
        APPROVED,
        {pk: (score, "") for pk, score in scores.items()},
        "",
    )

    assert latest_average(project) == 3.7
