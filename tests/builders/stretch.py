"""Stretch projects: two cohorts with their people, a template, assignments.

`make_stretch_scene()` gives every party the permission tests need: the
learner and another learner of the same cohort, the assignment's mentor and
another mentor, the cohort's manager and a manager of another cohort.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from courses.models import RubricCriterion, StretchMilestone, StretchTemplate
from lms.roles import LEARNERS
from lms.stretch.states import ProjectBrief, assign
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_competency, make_programme
from tests.builders.people import make_manager, make_mentor, make_user

START = date(2026, 9, 7)
# The twelve weeks a stretch scene's cohorts run for, from START.
TERM = {"start_date": START, "end_date": START + timedelta(weeks=12)}


def make_template(slug="client-presentation", weeks=4, **kwargs):
    template = StretchTemplate(
        title=kwargs.pop("title", "Present the quarter to a client"),
        slug=slug,
        purpose=kwargs.pop("purpose", "Link the team's KPIs to the client's goals."),
        description="Build a **short** deck.",
        suggested_weeks=weeks,
    )
    template.milestones = [
        StretchMilestone(title="Agree the story with your manager", week=1),
        StretchMilestone(title="Draft the slides", week=2),
        StretchMilestone(title="Rehearse with your mentor", week=weeks),
    ]
    template.rubric_criteria = [
        RubricCriterion(criterion="Insight", description="Links figures to results."),
        RubricCriterion(criterion="Clarity", description="One message per slide."),
    ]
    template.save()
    template.competencies.set(
        [
            make_competency(name="Business acumen", slug="business-acumen"),
            make_competency(name="Communication", slug="communication"),
        ]
    )
    # A ClusterableModel keeps parental many-to-many changes in memory until saved.
    template.save()
    return template


@dataclass
class StretchScene:
    programme: object
    cohort: object
    other_cohort: object
    template: object
    learner: object
    other_learner: object
    outsider: object  # a learner of the other cohort
    mentor: object
    other_mentor: object
    manager: object
    other_manager: object
    assignment: object

    def assign(self, learners=None, cohort=None, **kwargs):
        """Assign the template again (to the learner unless told otherwise)."""
        kwargs.setdefault("mentor", self.mentor)
        kwargs.setdefault("start_date", START)
        kwargs.setdefault("due_date", START + timedelta(weeks=4))
        kwargs.setdefault("assigned_by", self.manager)
        return assign(
            ProjectBrief.from_template(self.template),
            cohort or self.cohort,
            learners or [self.learner],
            **kwargs,
        )

    def assign_outsider(self):
        """The template assigned in the other cohort, by that cohort's people."""
        return self.assign(
            [self.outsider],
            cohort=self.other_cohort,
            mentor=self.other_mentor,
            assigned_by=self.other_manager,
        )[0]

    def coach_elsewhere(self, manager=None):
        """A cohort of another programme in which the mentor also coaches the learner."""
        programme = make_programme(slug="second", title="Second programme")
        cohort = make_cohort(
            programme,
            "Winter leaders",
            managers=[manager or self.manager],
            mentors=[self.mentor],
            **TERM,
        )
        enrol_in_cohort(self.learner, cohort, self.mentor)
        return cohort

    def people(self):
        """Everyone but the anonymous visitor, by the part they play."""
        return {
            "learner": self.learner,
            "other_learner": self.other_learner,
            "outsider": self.outsider,
            "mentor": self.mentor,
            "other_mentor": self.other_mentor,
            "manager": self.manager,
            "other_manager": self.other_manager,
        }


def make_stretch_scene(slug="stretch"):
    programme = make_programme(slug=slug, title="Front line to team leader")
    manager = make_manager(f"{slug}-manager")
    other_manager = make_manager(f"{slug}-other-manager")
    mentor = make_mentor(f"{slug}-mentor")
    other_mentor = make_mentor(f"{slug}-other-mentor")
    cohort = make_cohort(
        programme,
        "Autumn leaders",
        managers=[manager],
        mentors=[mentor, other_mentor],
        **TERM,
    )
    other_cohort = make_cohort(
        programme,
        "Spring leaders",
        managers=[other_manager],
        mentors=[other_mentor],
        **TERM,
    )
    learner = make_user(f"{slug}-learner", LEARNERS)
    other_learner = make_user(f"{slug}-other-learner", LEARNERS)
    outsider = make_user(f"{slug}-outsider", LEARNERS)
    enrol_in_cohort(learner, cohort, mentor)
    enrol_in_cohort(other_learner, cohort, other_mentor)
    enrol_in_cohort(outsider, other_cohort, other_mentor)
    template = make_template()
    scene = StretchScene(
        programme=programme,
        cohort=cohort,
        other_cohort=other_cohort,
        template=template,
        learner=learner,
        other_learner=other_learner,
        outsider=outsider,
        mentor=mentor,
        other_mentor=other_mentor,
        manager=manager,
        other_manager=other_manager,
        assignment=None,
    )
    scene.assignment = scene.assign()[0]
    return scene
