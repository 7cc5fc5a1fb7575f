"""The evidence behind a stretch-project badge: the rubric summary of the
mentor's latest approving review, in words anyone reading the credential
understands. Plain text; the learner's own work stays out of it."""

from dataclasses import dataclass

from lms.models import Review
from lms.stretch.reviews import SCORES


@dataclass(frozen=True)
class Summary:
    title: str
    narrative: str


def rubric_summary(assignment):
    """The Summary of the assignment's latest approving review, or None."""
    review = (
        Review.objects.filter(assignment=assignment, outcome=Review.Outcome.APPROVED)
        .order_by("-created_at", "-pk")
        .prefetch_related("ratings__criterion")
        .first()
    )
    if review is None:
        return None
    ratings = sorted(
        review.ratings.all(), key=lambda r: (r.criterion.sort_order, r.criterion.pk)
    )
    lines = [
        f"{r.criterion.criterion}: {SCORES[r.score]} ({r.score} of 4)" for r in ratings
    ]
    if ratings:
        mean = sum(r.score for r in ratings) / len(ratings)
        lines.append(f"Mean rating {mean:.1f} of 4 over {len(ratings)} criteria.")
    approved = review.created_at.date().isoformat()
    narrative = f"Approved by the mentor on {approved} against the project's rubric. "
    return Summary(
        title=f"Stretch project: {assignment.title}",
        narrative=narrative + " ".join(lines),
    )
