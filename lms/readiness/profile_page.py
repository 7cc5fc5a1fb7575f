"""What a learner's readiness profile page shows: both axes' figures with what each
rests on, the box and how it was placed, the verdict, the next step and the
history of ratings, verdicts and moves.

Everything comes from the evidence functions (lms.readiness.evidence, the same
profile the cohort's grid places) and the judgement histories, in a fixed
number of queries whatever the history's length.
"""

from dataclasses import dataclass

from lms.assessment.traits import TRAITS
from lms.core.people import display_name
from lms.readiness import ratings, scores
from lms.readiness.evidence import evidence_for_enrolment
from lms.readiness.grid import BOX_NAMES
from lms.readiness.links import ProfileLinks
from lms.readiness.models import PlacedBy, RaterRole, Verdict
from lms.readiness.rubric import rubric_for
from lms.readiness.triage import next_step

NO_ONE = "A former user"


@dataclass
class Figure:
    """One figure of an axis: 0-100 or None, its weight, and where it comes from."""

    name: str
    value: float | None
    weight: int
    links: list


@dataclass
class TraitRow:
    trait: object  # lms.assessment.traits.Trait
    mentor: int | None  # the mentor's newest level
    manager: int | None

    def anchor(self, level):
        return self.trait.levels[level - 1] if level else ""

    @property
    def mentor_anchor(self):
        return self.anchor(self.mentor)

    @property
    def manager_anchor(self):
        return self.anchor(self.manager)


def who(user):
    return display_name(user) if user is not None else NO_ONE


def _named(history, person):
    rows = list(history)
    for row in rows:
        row.by = who(getattr(row, person))
    return rows


def box_name(boxes):
    return BOX_NAMES[boxes] if boxes else "Not placed yet"


def performance_figures(profile, links):
    where = {
        scores.MASTERY: links.knowledge_checks(),
        scores.RECALL: links.recall(),
        scores.SCHEDULE: links.schedule(),
        scores.STRETCH: links.stretch_projects(),
        scores.SACRED: links.sacred_time(),
    }
    return _figures(profile.performance, scores.PERFORMANCE_WEIGHTS, where)


def potential_figures(profile, links):
    where = {
        scores.MENTOR_TRAITS: links.traits(),
        scores.MANAGER_TRAITS: links.traits(),
        scores.DESIRE: links.desire(),
        scores.CALIBRATION: links.calibration(),
    }
    return _figures(profile.potential, scores.POTENTIAL_WEIGHTS, where)


def _figures(values, weights, where):
    return [
        Figure(name, value, weights[name], where[name])
        for name, value in values.items()
    ]


def competency_rows(profile, links):
    """[(CompetencyEvidence, mastery links, recall links)] by competency name."""
    found = sorted(profile.competencies.values(), key=lambda c: c.name.casefold())
    return [
        (c, links.knowledge_checks(c.competency_id), links.recall(c.competency_id))
        for c in found
    ]


def trait_rows(profile):
    return [
        TraitRow(
            trait,
            profile.traits.get((RaterRole.MENTOR, trait.slug)),
            profile.traits.get((RaterRole.MANAGER, trait.slug)),
        )
        for trait in TRAITS
    ]


def placement(profile, moves):
    """How the learner came to be in their box: the move in force, or the evidence."""
    move = moves[0] if moves and not moves[0].cleared else None
    return {
        "box": box_name(profile.boxes),
        "boxes": profile.boxes,
        "placed_by": PlacedBy(profile.placed_by).label if profile.placed_by else "",
        "move": move,
        "evidence_box": box_name(profile.evidence_box),
    }


def profile_context(viewer, enrolment):
    """The profile page's context, for `viewer` (the links are those they open)."""
    evidence, profile = evidence_for_enrolment(enrolment)
    links = ProfileLinks.for_viewer(viewer, enrolment)
    rubric = rubric_for(enrolment)
    verdicts = _named(ratings.readiness_history(enrolment), "rater")
    moves = _named(ratings.move_history(enrolment), "moved_by")
    for move in moves:
        move.box_name = box_name(move.boxes)
    performance, potential = evidence.thresholds
    return {
        "enrolment": enrolment,
        "learner_name": display_name(enrolment.user),
        "profile": profile,
        "links": links,
        "performance": performance_figures(profile, links),
        "potential": potential_figures(profile, links),
        "performance_cuts": performance,
        "potential_cuts": potential,
        "competencies": competency_rows(profile, links),
        "rubric": rubric,
        "projects": [(p, links.project(p)) for p in rubric.projects],
        "traits": trait_rows(profile),
        "placement": placement(profile, moves),
        "verdict": Verdict(profile.verdict).label if profile.verdict else "",
        "verdict_row": verdicts[0] if verdicts else None,
        "step": next_step(profile),
        "trait_history": _named(ratings.trait_history(enrolment), "rater"),
        "verdict_history": verdicts,
        "move_history": moves,
    }
