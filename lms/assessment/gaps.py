"""The gap picture: each competency's self-rating beside the evidence, what the
difference says, and the gaps worth working on first.

A team leader needs level 3 ("does it on their own"); a gap is how far the
learner's current level (the evidence where there is some, else their own
rating) falls short of it, weighted by how much of the programme builds the
competency. A blind spot is a self-rating a level or more above the evidence,
a hidden strength a level or more below it.
"""

from dataclasses import dataclass, field

from lms.assessment.evidence import Evidence, evidence_for
from lms.assessment.flow import current_round, programme_competencies, ratings_of
from lms.assessment.traits import TRAITS
from lms.models import Assessment

TARGET_LEVEL = 3
APART = 1.0  # levels between self and evidence that name a blind spot
SUGGESTED = 3

BLIND_SPOT = "blind_spot"
HIDDEN_STRENGTH = "hidden_strength"
NO_EVIDENCE = "no_evidence"
ALIGNED = "aligned"
UNRATED = "unrated"
READINGS = {
    BLIND_SPOT: "Blind spot: you rated yourself higher than the evidence shows",
    HIDDEN_STRENGTH: "Hidden strength: the evidence shows more than you gave yourself",
    NO_EVIDENCE: "No evidence yet",
    ALIGNED: "Your rating and the evidence agree",
    UNRATED: "Not rated yet",
}


@dataclass
class GapRow:
    competency: object
    modules: int  # the programme's live modules tagged with it
    weight: float  # modules / the most any competency has
    self_level: int | None
    evidence: Evidence
    previous_level: int | None = None  # the round before's self-rating
    focus: object = None  # the open FocusGap, if chosen

    @property
    def evidence_level(self):
        return self.evidence.level

    @property
    def current(self):
        """The level the gap is measured from: evidence first, else the self-rating."""
        if self.evidence_level is not None:
            return self.evidence_level
        return self.self_level

    @property
    def gap(self):
        if self.current is None:
            return 0.0
        return max(0.0, TARGET_LEVEL - self.current) * self.weight

    @property
    def reading(self):
        if self.self_level is None:
            return UNRATED
        if self.evidence_level is None:
            return NO_EVIDENCE
        apart = self.self_level - self.evidence_level
        if apart >= APART:
            return BLIND_SPOT
        if -apart >= APART:
            return HIDDEN_STRENGTH
        return ALIGNED

    @property
    def reading_text(self):
        return READINGS[self.reading]

    @property
    def closed(self):
        """Reached the target on the evidence: a focus on it can move on."""
        level = self.evidence_level
        return level is not None and level >= TARGET_LEVEL


@dataclass
class GapPicture:
    enrolment: object
    assessment: Assessment | None
    previous: Assessment | None
    rows: list = field(default_factory=list)  # GapRow, by competency name
    traits: list = field(default_factory=list)  # (Trait, level, previous level)

    def named(self, reading):
        return [row for row in self.rows if row.reading == reading]

    @property
    def suggested(self):
        """The largest weighted gaps, not already in focus: at most three."""
        open_rows = [row for row in self.rows if row.gap > 0 and row.focus is None]
        ranked = sorted(open_rows, key=lambda r: (-r.gap, r.competency.name))
        return ranked[:SUGGESTED]

    @property
    def focus(self):
        return [row for row in self.rows if row.focus is not None]


def gap_picture(enrolment):
    """Everything the gap picture shows for one learner in one programme."""
    assessment = current_round(enrolment)
    previous = _previous(enrolment, assessment)
    ratings = ratings_of(assessment) if assessment else {}
    before = ratings_of(previous) if previous else {}
    competencies = programme_competencies(enrolment.programme)
    evidence = evidence_for(enrolment, [c.pk for c, _n in competencies])
    focus = {gap.competency_id: gap for gap in _open_focus(enrolment)}
    most = max((n for _c, n in competencies), default=1)
    rows = [
        GapRow(
            competency=competency,
            modules=modules,
            weight=modules / most,
            self_level=ratings.get(("competency", competency.pk)),
            evidence=evidence[competency.pk],
            previous_level=before.get(("competency", competency.pk)),
            focus=focus.get(competency.pk),
        )
        for competency, modules in competencies
    ]
    traits = [_trait_levels(trait, competencies, ratings, before) for trait in TRAITS]
    return GapPicture(enrolment, assessment, previous, rows, traits)


def _trait_levels(trait, competencies, ratings, before):
    """(trait, level, previous level): a trait the programme has as a competency
    was rated once, as the competency."""
    same = next((c for c, _n in competencies if c.slug == trait.slug), None)
    key = ("competency", same.pk) if same else ("trait", trait.slug)
    return trait, ratings.get(key), before.get(key)


def _previous(enrolment, assessment):
    """The completed round before the latest one, for before -> after."""
    if assessment is None:
        return None
    return (
        enrolment.assessments.filter(
            round__lt=assessment.round, completed_at__isnull=False
        )
        .order_by("-round")
        .first()
    )


def _open_focus(enrolment):
    return enrolment.focus_gaps.filter(closed_at__isnull=True).select_related(
        "competency"
    )
