"""Readiness: a cohort with every party a permission test needs, and the evidence
and judgements a profile is built from.

`make_readiness_scene()` gives Ada (mentored by `mentor`) and Bo (mentored by
`other_mentor`) in a cohort managed by `manager`, and Cy in another cohort of
the same programme, managed by `other_manager`. The cohort starts today unless
told, so no module is due yet and "on schedule" is not a figure until a test
asks for one.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from lms.assessment.traits import TRAITS
from lms.models import (
    Assessment,
    AssignmentCriterion,
    CoachingNote,
    CriterionRating,
    Review,
    SelfRating,
    StretchAssignment,
)
from lms.readiness import ratings
from lms.roles import LEARNERS
from tests.builders.assessment import recall_rollup
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager, make_mentor, make_user
from tests.builders.progress import mastery
from tests.builders.time_audit import log_week, make_profile, weeks_back

COMMENT = "Calmed an angry caller and then coached the new starter on it."
SLUGS = [trait.slug for trait in TRAITS]


@dataclass
class ReadinessScene:
    programme: object  # tests.builders.pages.Programme
    cohort: object
    other_cohort: object
    enrolment: object  # Ada's
    other_enrolment: object  # Bo's, same cohort
    outsider_enrolment: object  # Cy's, the other cohort
    mentor: object
    other_mentor: object
    manager: object
    other_manager: object

    @property
    def learner(self):
        return self.enrolment.user

    def people(self):
        """Everyone but the anonymous visitor, by the part they play."""
        return {
            "learner": self.learner,
            "other_learner": self.other_enrolment.user,
            "mentor": self.mentor,
            "other_mentor": self.other_mentor,
            "manager": self.manager,
            "other_manager": self.other_manager,
        }


def new_cohort(programme, **fields):
    today = timezone.localdate()
    fields.setdefault("start_date", today)
    fields.setdefault("end_date", today + timedelta(weeks=12))
    return make_cohort(programme.page, **fields)


def learner_in(cohort, mentor=None, name=None, **fields):
    user = make_user(name, LEARNERS, first_name=(name or "").title())
    return enrol_in_cohort(user, cohort, mentor, **fields)


def make_readiness_scene(**cohort_fields):
    programme = make_programme_with_modules()
    mentor, other_mentor = make_mentor("mentor"), make_mentor("other-mentor")
    manager, other_manager = make_manager("manager"), make_manager("other-manager")
    cohort = new_cohort(programme, managers=[manager], **cohort_fields)
    other_cohort = new_cohort(programme, managers=[other_manager])
    return ReadinessScene(
        programme=programme,
        cohort=cohort,
        other_cohort=other_cohort,
        enrolment=learner_in(cohort, mentor, "ada"),
        other_enrolment=learner_in(cohort, other_mentor, "bo"),
        outsider_enrolment=learner_in(other_cohort, other_mentor, "cy"),
        mentor=mentor,
        other_mentor=other_mentor,
        manager=manager,
        other_manager=other_manager,
    )


def measured(enrolment, competency, answered=0, correct=0, cards=0, recall=0.0):
    """The mastery and recall roll-ups of one competency (none where zero)."""
    if answered:
        mastery(enrolment.user, competency, answered=answered, correct=correct)
    if cards:
        recall_rollup(enrolment.user, competency, cards=cards, total=recall)


def rate_all(enrolment, rater, role, level, comment=COMMENT):
    """Rate every pipeline trait at `level` (or {slug: level})."""
    levels = level if isinstance(level, dict) else dict.fromkeys(SLUGS, level)
    return ratings.rate_traits(
        enrolment,
        rater,
        role,
        {slug: (lvl, comment) for slug, lvl in levels.items()},
    )


def completed_round(enrolment, levels=None, desire=3, round=1):
    """A completed self-assessment round: {competency: level} and a desire 1-4."""
    assessment = Assessment.objects.create(
        enrolment=enrolment,
        user_id=enrolment.user_id,
        round=round,
        completed_at=timezone.now(),
        desire_to_lead=desire,
        desire_reason="I like helping people grow.",
    )
    for competency, level in (levels or {}).items():
        SelfRating.objects.create(
            assessment=assessment, competency=competency, level=level
        )
    return assessment


def reviewed_project(enrolment, scores, outcome=Review.Outcome.APPROVED, cohort=None):
    """A stretch project in the cohort with one review rating its criteria `scores`."""
    project = StretchAssignment.objects.create(
        learner=enrolment.user,
        cohort=cohort or enrolment.cohort,
        mentor=enrolment.mentor,
        title="Run the quarterly huddle",
        purpose="Present the team's figures.",
        start_date=timezone.localdate(),
        due_date=timezone.localdate() + timedelta(weeks=4),
    )
    for n in range(len(scores)):
        AssignmentCriterion.objects.create(
            assignment=project, criterion=f"Criterion {n}", sort_order=n
        )
    review_again(project, scores, outcome)
    return project


def review_again(project, scores, outcome=Review.Outcome.APPROVED):
    review = Review.objects.create(
        assignment=project, mentor=project.mentor, outcome=outcome
    )
    for criterion, score in zip(project.criteria.all(), scores, strict=True):
        CriterionRating.objects.create(review=review, criterion=criterion, score=score)
    return review


MET, MISSED = (6, 8, 16, 2, 8), (1, 8, 16, 2, 8)  # 6 or 1 h developing staff


def logged_weeks(user, met, shared=True, goal=4):
    """Log the latest weeks, newest first: True met the goal, False missed it."""
    make_profile(user, sacred_goal=goal)
    for n, kept in enumerate(met):
        log_week(user, weeks_back(n), hours=MET if kept else MISSED, shared=shared)


def coaching_note(enrolment, days_ago, mentor=None):
    return CoachingNote.objects.create(
        mentor=mentor or enrolment.mentor,
        learner=enrolment.user,
        cohort=enrolment.cohort,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        goal="Handle escalations alone.",
    )


def full_evidence(scene, enrolment, n=0):
    """Every kind of evidence and judgement for one learner, history included."""
    programme = scene.programme
    measured(enrolment, programme.de_escalation, 10, 6 + n % 4, 4, 3.0)
    measured(enrolment, programme.coaching, 5, 4, 2, 1.2)
    for level in (2, 3):
        rate_all(enrolment, scene.mentor, "mentor", level)
        rate_all(enrolment, scene.manager, "manager", level)
    for verdict in ("not_yet", "ready_6_12"):
        ratings.rate_readiness(enrolment, scene.manager, "manager", verdict, COMMENT)
    ratings.move(enrolment, 3, 2, "Calibrated at the talent review.", scene.manager)
    if n % 2:
        ratings.clear_move(enrolment, "The evidence has caught up.", scene.manager)
    project = reviewed_project(enrolment, [2, 3], Review.Outcome.CHANGES_REQUESTED)
    review_again(project, [3, 4])
    logged_weeks(enrolment.user, [True, True, False])
    completed_round(enrolment, {programme.de_escalation: 3, programme.coaching: 4})
    completed_round(enrolment, {programme.de_escalation: 4}, desire=4, round=2)
    coaching_note(enrolment, days_ago=n % 10)
