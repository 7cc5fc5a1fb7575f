"""Builders for the self-assessment: a learner in a programme with competencies,
their ratings given screen by screen through the flow, and evidence roll-ups.

`make_assessed_learner()` gives a cohort learner (with a mentor) in the
two-competency programme of `make_programme_with_modules` (De-escalation and
Coaching, two skill areas: three screens with the pipeline); `rate(...)` goes
through every screen as the pages would.
"""

from dataclasses import dataclass
from itertools import count

from django.utils import timezone

from lms.assessment.flow import (
    PIPELINE,
    programme_competencies,
    save_step,
    start_round,
    steps_for,
)
from lms.models import CompetencyRecall, MentorRating
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import (
    make_competency,
    make_module,
    make_programme_with_modules,
)
from tests.builders.people import make_learner, make_mentor

TRAIT_LEVEL = 3

_serial = count(1)


@dataclass
class AssessedLearner:
    programme: object  # pages.Programme: .page, .de_escalation, .coaching, ...
    enrolment: object
    mentor: object

    @property
    def user(self):
        return self.enrolment.user

    @property
    def url(self):
        return f"/learn/assessment/{self.enrolment.pk}/"


def make_assessed_learner(programme=None, username=None, mentor=None, levels=None):
    """A learner in a cohort of the programme (made if None), rated with `levels`
    ({competency slug: level}) through a whole round when given."""
    programme = programme or make_programme_with_modules()
    mentor = mentor or make_mentor(f"assessment-mentor-{next(_serial)}")
    cohort = make_cohort(programme.page, mentors=[mentor])
    user = make_learner(username)
    enrolment = enrol_in_cohort(user, cohort, mentor)
    if levels is not None:
        rate(enrolment, levels)
    return AssessedLearner(programme, enrolment, mentor)


def teach(programme, **competency):
    """A competency (made from the kwargs) that a new live module of the programme
    builds, so the programme rates it."""
    made = make_competency(**competency)
    make_module(
        programme.courses[-1],
        competencies=[made],
        title=f"Module on {made.name}",
        slug=f"module-{made.slug}",
    )
    return made


def steps_of(enrolment):
    return steps_for([c for c, _n in programme_competencies(enrolment.programme)])


def screen_levels(step, levels, trait_level=TRAIT_LEVEL):
    """{key: level} for one screen: competencies from `levels` by slug, traits
    from `levels` too or `trait_level`."""
    chosen = {("competency", c.pk): levels[c.slug] for c in step.competencies}
    chosen |= {("trait", t.slug): levels.get(t.slug, trait_level) for t in step.traits}
    return chosen


def rate(
    enrolment, levels, desire=3, reason="I like helping people improve.", only=None
):
    """Rate the open round (started if needed) screen by screen, all of them or the
    screens whose keys are in `only`; returns the round."""
    assessment = start_round(enrolment)
    steps = steps_of(enrolment)
    for step in steps:
        if only is None or step.key in only:
            chosen = screen_levels(step, levels)
            save_step(assessment, step, steps, chosen, desire=desire, reason=reason)
    return assessment


def screen_post(step, levels, desire=3, reason="", then="next"):
    """The POST a rating screen's form sends for these levels ({slug: level})."""
    data = {
        f"{kind}-{key}": str(level)
        for (kind, key), level in screen_levels(step, levels).items()
    }
    if step.key == PIPELINE:
        data.update(desire=str(desire), reason=reason)
    data["then"] = then
    return data


def recall_rollup(user, competency, cards, total):
    """The review roll-up: `cards` cards whose predicted recall sums to `total`."""
    return CompetencyRecall.objects.create(
        user=user,
        competency=competency,
        cards=cards,
        recall_total=total,
        as_of=timezone.now(),
    )


def mentor_rating(enrolment, competency, level, mentor=None):
    return MentorRating.objects.create(
        enrolment=enrolment,
        competency=competency,
        rated_by=mentor or enrolment.mentor,
        level=level,
    )
