"""A mentor's review of submitted stretch-project work, rated 1-4 against the rubric.

A review and the move it makes (approve, or send back for changes) happen in
one transaction: if the project's state refuses the move, no review is kept.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg

from lms.models import CriterionRating, Review
from lms.stretch.states import transition

Outcome = Review.Outcome

SCORES = {
    1: "Not yet",
    2: "Developing",
    3: "Secure",
    4: "Strong",
}
ACTIONS = {Outcome.APPROVED: "approve", Outcome.CHANGES_REQUESTED: "request_changes"}
RATING_COMMENT_MAX = CriterionRating._meta.get_field("comment").max_length
REVIEW_COMMENT_MAX = Review._meta.get_field("comment").max_length


def review(assignment, mentor, outcome, ratings, comment=""):
    """Record the mentor's review and make its move; return the Review.

    `outcome` is a Review.Outcome; `ratings` maps AssignmentCriterion pks to
    (score, comment). Raises ValidationError for ratings that do not fit the
    rubric, IllegalTransition when the project is not waiting for a review and
    PermissionDenied when `mentor` is not the project's mentor.
    """
    if outcome not in ACTIONS:
        raise ValidationError("Choose to approve the work or to request changes.")
    comment = (comment or "").strip()
    criteria = list(assignment.criteria.all())
    cleaned = clean_ratings(criteria, ratings)
    _check_outcome(outcome, criteria, cleaned, comment)
    with transaction.atomic():
        transition(assignment, ACTIONS[outcome], mentor)
        verdict = Review.objects.create(
            assignment=assignment, mentor=mentor, outcome=outcome, comment=comment
        )
        CriterionRating.objects.bulk_create(
            CriterionRating(review=verdict, criterion_id=pk, score=score, comment=note)
            for pk, (score, note) in cleaned.items()
        )
    return verdict


def clean_ratings(criteria, ratings):
    """{criterion pk: (score, comment)} checked against the assignment's own criteria."""
    known = {criterion.pk for criterion in criteria}
    cleaned = {}
    for pk, (score, note) in (ratings or {}).items():
        if pk not in known:
            raise ValidationError(
                f"Criterion {pk} is not part of this project's rubric."
            )
        if isinstance(score, bool) or score not in SCORES:
            raise ValidationError(f"A score is from 1 to 4, not {score!r}.")
        note = (note or "").strip()
        if len(note) > RATING_COMMENT_MAX:
            raise ValidationError(
                f"Keep each criterion's comment under {RATING_COMMENT_MAX} characters."
            )
        cleaned[pk] = (score, note)
    return cleaned


def _check_outcome(outcome, criteria, cleaned, comment):
    if len(comment) > REVIEW_COMMENT_MAX:
        raise ValidationError(
            f"Keep the overall comment under {REVIEW_COMMENT_MAX} characters."
        )
    if outcome == Outcome.APPROVED:
        unrated = [c.criterion for c in criteria if c.pk not in cleaned]
        if unrated:
            raise ValidationError(
                f"Rate every criterion before approving: {', '.join(unrated)}."
            )
    elif not comment:
        raise ValidationError(
            "Say in the overall comment what needs to change before it is approved."
        )


def latest_review(assignment):
    """The most recent review of an assignment, or None."""
    return assignment.reviews.order_by("-created_at", "-pk").first()


def latest_average(assignment):
    """Mean score of the latest review's ratings, to one decimal; None if unrated."""
    verdict = latest_review(assignment)
    if verdict is None:
        return None
    average = verdict.ratings.aggregate(average=Avg("score"))["average"]
    return None if average is None else round(float(average), 1)
