"""Rating oneself: one screen per skill area of the programme, then the pipeline
questions; saved screen by screen, so a learner can stop and pick up where
they left off. A round is complete once everything is rated."""

from dataclasses import dataclass, field

import nh3
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from courses.models import Competency
from courses.skill_areas import SkillArea
from lms.assessment.traits import DESIRE_CHOICES, TRAITS
from lms.models import Assessment, SelfRating

PIPELINE = "pipeline"
DESIRES = {value for value, _label in DESIRE_CHOICES}


class RatingRejected(Exception):
    """Nothing was saved; the message says what to put right."""


@dataclass(frozen=True)
class Step:
    key: str  # a skill area's slug, or PIPELINE
    label: str
    competencies: list = field(default_factory=list)  # Competency, by name
    traits: list = field(default_factory=list)  # Trait

    @property
    def keys(self):
        return [("competency", c.pk) for c in self.competencies] + [
            ("trait", t.slug) for t in self.traits
        ]


def programme_competencies(programme):
    """[(competency, live modules of the programme tagged with it)], by name: one query."""
    tagged = Q(
        tagged_modules__content_object__path__startswith=programme.path,
        tagged_modules__content_object__live=True,
    )
    competencies = (
        Competency.objects.filter(tagged)
        .annotate(modules=Count("tagged_modules__content_object", distinct=True))
        .order_by("name")
    )
    return [(competency, competency.modules) for competency in competencies]


def steps_for(competencies):
    """The screens for these competencies: skill areas in the survey's order,
    then the pipeline traits a competency does not already ask."""
    steps = []
    for area in SkillArea:
        mine = [c for c in competencies if c.skill_area == area.value]
        if mine:
            steps.append(Step(area.value, area.label, competencies=mine))
    asked = {c.slug for c in competencies}
    traits = [trait for trait in TRAITS if trait.slug not in asked]
    steps.append(Step(PIPELINE, "Leading, and how you work with people", traits=traits))
    return steps


def current_round(enrolment):
    """The learner's latest round in this programme, or None before the first."""
    return enrolment.assessments.order_by("-round").first()


def start_round(enrolment):
    """The open round, or a new one (round 1, or the next after a complete one)."""
    latest = current_round(enrolment)
    if latest is not None and latest.completed_at is None:
        return latest
    number = (latest.round + 1) if latest else 1
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                enrolment=enrolment, user_id=enrolment.user_id, round=number
            )
    except IntegrityError:
        # A second tab started the same round a moment ago.
        return enrolment.assessments.get(round=number)


def ratings_of(assessment):
    """{("competency", id) | ("trait", slug): level} given so far in the round."""
    found = {}
    for competency, trait, level in assessment.ratings.values_list(
        "competency_id", "trait", "level"
    ):
        found[("competency", competency) if competency else ("trait", trait)] = level
    return found


def step_done(assessment, step, ratings):
    rated = all(key in ratings for key in step.keys)
    if step.key == PIPELINE:
        return rated and assessment.desire_to_lead is not None
    return rated


def next_step(assessment, steps, ratings=None):
    """The first screen with something left to rate, or None when all are done."""
    ratings = ratings_of(assessment) if ratings is None else ratings
    return next((s for s in steps if not step_done(assessment, s, ratings)), None)


def save_step(assessment, step, steps, levels, desire=None, reason=""):
    """Store a screen's levels ({key: level}) all or nothing; complete the round
    when it was the last screen left. Raises RatingRejected on bad input."""
    if assessment.completed_at is not None:
        raise RatingRejected("This round is complete; start a new one to rate again.")
    checked = _checked_levels(step, levels)
    if step.key == PIPELINE:
        desire, reason = _checked_desire(desire, reason)
    with transaction.atomic():
        for (kind, key), level in checked.items():
            SelfRating.objects.update_or_create(
                assessment=assessment,
                **({"competency_id": key} if kind == "competency" else {"trait": key}),
                defaults={"level": level},
            )
        if step.key == PIPELINE:
            assessment.desire_to_lead, assessment.desire_reason = desire, reason
        if next_step(assessment, steps) is None:
            assessment.completed_at = timezone.now()
        assessment.save(
            update_fields=["desire_to_lead", "desire_reason", "completed_at"]
        )
    return assessment


def _checked_levels(step, levels):
    missing = [key for key in step.keys if key not in levels]
    if missing:
        raise RatingRejected("Choose a level for every question on this screen.")
    checked = {}
    for key in step.keys:
        try:
            level = int(levels[key])
        except (TypeError, ValueError):
            level = 0
        if level not in (1, 2, 3, 4):
            raise RatingRejected("Each level is a number from 1 to 4.")
        checked[key] = level
    return checked


def _checked_desire(desire, reason):
    try:
        desire = int(desire)
    except (TypeError, ValueError):
        desire = None
    if desire not in DESIRES:
        raise RatingRejected("Say how much you want to lead.")
    # Plain text: any markup is dropped, not stored.
    reason = nh3.clean(reason or "", tags=set()).strip()
    if len(reason) > 2_000:
        raise RatingRejected("Keep the reason under 2,000 characters.")
    return desire, reason


def rounds_of(enrolment):
    """How many rounds the learner has completed in this programme."""
    return (
        enrolment.assessments.filter(completed_at__isnull=False).aggregate(
            n=Max("round")
        )["n"]
        or 0
    )
