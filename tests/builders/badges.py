"""Badges: learners who finish a course or a programme, or have a stretch project
approved, through the real services; and the people around an award.

`make_badge_scene()` gives the permission tests every party: the award's
learner, another learner of the cohort, the learner's mentor, the cohort's
manager and a manager of another cohort.
"""

from dataclasses import dataclass

from lms.contrib.badges.models import BadgeAward, BadgeClass
from lms.models import Review
from lms.progress.recording import record_events
from lms.stretch.reviews import review
from lms.stretch.states import transition
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.events import Quiz
from tests.builders.pages import make_competency, make_course, make_quiz_module
from tests.builders.people import make_learner, make_manager, make_mentor

Kind = BadgeClass.Kind


def finish(learner, quiz, capture):
    """The learner starts, answers and completes the quiz module; the events are
    recorded and applied as in the embedded default (on commit, in-process)."""
    with capture(execute=True):
        record_events(learner, [quiz.started(), *quiz.every_answer(), quiz.completed()])


def approve(assignment, mentor, scores=(3, 4)):
    """Start, submit (with evidence) and approve the project, rated `scores`."""
    from lms.models import Evidence

    transition(assignment, "start", assignment.learner)
    Evidence.objects.create(assignment=assignment, text="My deck and notes.")
    transition(assignment, "submit", assignment.learner)
    criteria = list(assignment.criteria.order_by("sort_order", "pk"))
    ratings = {c.pk: (score, "") for c, score in zip(criteria, scores, strict=True)}
    return review(assignment, mentor, Review.Outcome.APPROVED, ratings, "Well done.")


@dataclass
class BadgeScene:
    programme: object
    course: object
    quizzes: list  # the course's two modules
    cohort: object
    other_cohort: object
    learner: object
    other_learner: object
    mentor: object
    manager: object
    other_manager: object
    enrolment: object

    def people(self):
        return {
            "learner": self.learner,
            "other_learner": self.other_learner,
            "mentor": self.mentor,
            "manager": self.manager,
            "other_manager": self.other_manager,
        }

    def finish_all(self, capture, learner=None):
        for quiz in self.quizzes:
            finish(learner or self.learner, quiz, capture)

    def award_of(self, kind, learner=None):
        return BadgeAward.objects.get(
            learner=learner or self.learner, badge_class__kind=kind
        )


def make_badge_scene(modules=2):
    """One programme, one course of `modules` quiz modules, a cohort with its
    people, and another cohort with its own manager."""
    course = make_course()
    competency = make_competency(name="De-escalation", slug="de-escalation")
    quizzes = [
        Quiz.of(
            make_quiz_module(
                course,
                questions=1,
                slug=f"badge-module-{n}",
                competencies=[competency],
            )
        )
        for n in range(modules)
    ]
    programme = course.get_parent().specific
    manager, other_manager = make_manager("badge-manager"), make_manager("badge-other")
    mentor = make_mentor("badge-mentor")
    cohort = make_cohort(
        programme, "Badge leaders", managers=[manager], mentors=[mentor]
    )
    other_cohort = make_cohort(programme, "Other leaders", managers=[other_manager])
    learner = make_learner("badge-learner", first_name="Ada", last_name="Lovelace")
    other_learner = make_learner("badge-other-learner")
    enrolment = enrol_in_cohort(learner, cohort, mentor)
    enrol_in_cohort(other_learner, cohort, mentor)
    return BadgeScene(
        programme=programme,
        course=course,
        quizzes=quizzes,
        cohort=cohort,
        other_cohort=other_cohort,
        learner=learner,
        other_learner=other_learner,
        mentor=mentor,
        manager=manager,
        other_manager=other_manager,
        enrolment=enrolment,
    )
