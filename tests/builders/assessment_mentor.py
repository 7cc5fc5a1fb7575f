"""A learner with a mentor on a programme of two competencies, and the rounds,
focus gaps and evidence the mentor's page, the path and the re-assessment need."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from lms.models import Assessment, FocusGap, SelfRating
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_learner, make_manager, make_mentor


@dataclass
class MenteeScene:
    programme: object  # tests.builders.pages.Programme
    cohort: object
    learner: object
    enrolment: object
    mentor: object
    other_mentor: object
    manager: object


def make_mentee_scene(**cohort_fields):
    """Ada, mentored by `mentor`, in a cohort managed by `manager`; another
    mentor coaches someone else in the same cohort."""
    programme = make_programme_with_modules()
    mentor, other_mentor = make_mentor("mentor"), make_mentor("other-mentor")
    cohort = make_cohort(
        programme.page, mentors=[mentor, other_mentor], **cohort_fields
    )
    manager = make_manager(cohorts=[cohort])
    learner = make_learner("ada", first_name="Ada", last_name="Lovelace")
    enrolment = enrol_in_cohort(learner, cohort, mentor)
    enrol_in_cohort(make_learner("bo"), cohort, other_mentor)
    return MenteeScene(
        programme, cohort, learner, enrolment, mentor, other_mentor, manager
    )


def rated_round(enrolment, levels, round=1, completed_days_ago=0, traits=None):
    """A round with the competency levels given ({competency: level}), complete
    `completed_days_ago` days ago unless that is None (then still open)."""
    completed = (
        None
        if completed_days_ago is None
        else timezone.now() - timedelta(days=completed_days_ago)
    )
    assessment = Assessment.objects.create(
        enrolment=enrolment,
        user_id=enrolment.user_id,
        round=round,
        completed_at=completed,
        desire_to_lead=3 if completed else None,
        desire_reason="I like helping the team grow." if completed else "",
    )
    for competency, level in levels.items():
        SelfRating.objects.create(
            assessment=assessment, competency=competency, level=level
        )
    for trait, level in (traits or {}).items():
        SelfRating.objects.create(assessment=assessment, trait=trait, level=level)
    return assessment


def focus_on(enrolment, *competencies):
    """Open focus gaps on these competencies, without journal or action plan."""
    return [
        FocusGap.objects.create(
            enrolment=enrolment, competency=competency, kind=FocusGap.Kind.SKILL
        )
        for competency in competencies
    ]
