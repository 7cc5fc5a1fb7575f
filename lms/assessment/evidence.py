"""The evidence the product holds of a learner's level in each competency.

Four sources, each a share from 0 to 1 where it exists: first-answer
knowledge-check mastery, predicted recall from spaced review, the mentor's
rubric scores on approved stretch projects, and the mentor's latest rating
here. All read from roll-ups or ratings, four queries whatever the history.
"""

from collections import defaultdict
from dataclasses import dataclass

from lms.models import (
    CompetencyMastery,
    CompetencyRecall,
    CriterionRating,
    MentorRating,
    Review,
    StretchAssignment,
)


def level_share(level):
    """A level 1-4 as a share: 1 is 0, 4 is 1."""
    return (level - 1) / 3


def share_level(share):
    """A share as a level on the same 1-4 scale (a float)."""
    return 1 + 3 * share


@dataclass
class Evidence:
    mastery: float | None = None  # share of first answers right
    answered: int = 0
    recall: float | None = None
    rubric: float | None = None  # mean 1-4 criterion score
    mentor: int | None = None  # the mentor's latest level

    @property
    def shares(self):
        """(source, share) for each source there is."""
        found = []
        if self.mastery is not None:
            found.append(("knowledge checks", self.mastery))
        if self.recall is not None:
            found.append(("recall", self.recall))
        if self.rubric is not None:
            found.append(("stretch projects", level_share(self.rubric)))
        if self.mentor is not None:
            found.append(("mentor", level_share(self.mentor)))
        return found

    @property
    def share(self):
        """The sources' mean, each counting once; None without evidence."""
        shares = [share for _source, share in self.shares]
        return sum(shares) / len(shares) if shares else None

    @property
    def level(self):
        share = self.share
        return None if share is None else share_level(share)


def evidence_for(enrolment, competency_ids):
    """{competency id: Evidence} for the learner, for these competencies."""
    user_id = enrolment.user_id
    found = defaultdict(Evidence)
    for competency, answered, correct in CompetencyMastery.objects.filter(
        user_id=user_id, competency_id__in=competency_ids, answered__gt=0
    ).values_list("competency_id", "answered", "correct"):
        found[competency].mastery = correct / answered
        found[competency].answered = answered
    for competency, cards, total in CompetencyRecall.objects.filter(
        user_id=user_id, competency_id__in=competency_ids, cards__gt=0
    ).values_list("competency_id", "cards", "recall_total"):
        found[competency].recall = total / cards
    for competency, score in _rubric_means(user_id, competency_ids).items():
        found[competency].rubric = score
    for competency, level in latest_mentor_levels(enrolment, competency_ids).items():
        found[competency].mentor = level
    return {pk: found[pk] for pk in competency_ids}


def latest_mentor_levels(enrolment, competency_ids):
    """{competency id: the latest mentor level} (history kept, the newest counts)."""
    levels = {}
    for competency, level in (
        MentorRating.objects.filter(
            enrolment=enrolment, competency_id__in=competency_ids
        )
        .order_by("competency_id", "-rated_at", "-pk")
        .values_list("competency_id", "level")
    ):
        levels.setdefault(competency, level)
    return levels


def _rubric_means(user_id, competency_ids):
    """Mean criterion score of approved projects, per competency they are tagged with.

    Each project counts through its latest approving review's ratings."""
    ratings = CriterionRating.objects.filter(
        review__assignment__learner_id=user_id,
        review__outcome=Review.Outcome.APPROVED,
    ).values_list("review__assignment_id", "review_id", "score")
    latest = {}  # assignment -> (review id, [scores])
    for assignment, review, score in ratings.order_by("review__created_at", "pk"):
        if assignment not in latest or latest[assignment][0] != review:
            latest[assignment] = (review, [])
        latest[assignment][1].append(score)
    if not latest:
        return {}
    totals = defaultdict(list)
    tags = StretchAssignment.competencies.through.objects.filter(
        stretchassignment_id__in=latest, competency_id__in=competency_ids
    ).values_list("stretchassignment_id", "competency_id")
    for assignment, competency in tags:
        totals[competency].extend(latest[assignment][1])
    return {c: sum(scores) / len(scores) for c, scores in totals.items()}
