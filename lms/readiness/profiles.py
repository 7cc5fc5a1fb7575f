"""One learner's readiness profile: the evidence of both axes, the scores it gives,
the box it places them in, and the manager's move when there is one."""

from dataclasses import dataclass, field
from datetime import datetime

from lms.assessment.evidence import level_share
from lms.assessment.traits import TRAITS_BY_SLUG
from lms.readiness import scores
from lms.readiness.models import PlacedBy
from lms.readiness.thresholds import box


@dataclass
class CompetencyEvidence:
    """The measured evidence of one competency, as shares 0-1, and the self-rating."""

    competency_id: int
    name: str
    mastery: float | None = None
    recall: float | None = None
    self_level: int | None = None

    @property
    def share(self):
        """scores.mean of the two, without building a list: it is read for every
        competency of every learner, several times over."""
        mastery, recall = self.mastery, self.recall
        if mastery is None or recall is None:
            return recall if mastery is None else mastery
        return (mastery + recall) / 2


@dataclass
class Weakest:
    """What most needs coaching: a competency or a trait, and its share 0-1."""

    kind: str  # "competency" or "trait"
    name: str
    share: float


@dataclass
class Profile:
    enrolment_id: int
    user_id: int
    name: str
    team: str
    site: str
    mentor_id: int | None
    mentor: str
    # The enrolment's roll-ups, which the cohort's status rule reads.
    modules_completed: int
    last_activity_at: datetime | None
    questions_answered: int
    questions_correct: int
    expected: int = 0
    status: str = ""
    idle_days: int = 0  # since their last activity, or the cohort's start
    competencies: dict = field(default_factory=dict)  # id -> CompetencyEvidence
    # Sums over the programme's competencies: (correct, answered), (recall, cards).
    answers: tuple = (0, 0)
    cards: tuple = (0.0, 0)
    rubric: float | None = None  # mean criterion score 1-4
    streak: int | None = None  # None when nothing is shared with the mentor
    traits: dict = field(default_factory=dict)  # (role, slug) -> newest level
    desire: int | None = None
    verdict: str = ""
    move: object = None  # the Placement in force, if any
    performance_score: float | None = None
    potential_score: float | None = None
    # (performance, potential) boxes by the evidence: each None without evidence.
    axis_boxes: tuple = (None, None)

    @property
    def performance(self):
        """{figure: 0-100 or None} of the performance axis."""
        correct, answered = self.answers
        recall, cards = self.cards
        return {
            scores.MASTERY: scores.percent(scores.pooled([(correct, answered)])),
            scores.RECALL: scores.percent(scores.pooled([(recall, cards)])),
            scores.SCHEDULE: scores.on_schedule(self.modules_completed, self.expected),
            scores.STRETCH: scores.level_percent(self.rubric),
            scores.SACRED: scores.sacred_time(self.streak),
        }

    @property
    def potential(self):
        """{figure: 0-100 or None} of the potential axis."""
        rated = [
            (c.self_level, c.share)
            for c in self.competencies.values()
            if c.self_level is not None and c.share is not None
        ]
        return {
            scores.MENTOR_TRAITS: scores.level_percent(self.trait_mean("mentor")),
            scores.MANAGER_TRAITS: scores.level_percent(self.trait_mean("manager")),
            scores.DESIRE: scores.level_percent(self.desire),
            scores.CALIBRATION: scores.calibration(rated),
        }

    def trait_mean(self, role):
        return scores.mean(
            [level for (by, _slug), level in self.traits.items() if by == role]
        )

    def place(self, performance, potential):
        """Score both axes and box them by these Thresholds."""
        self.performance_score = scores.weighted_score(
            self.performance, scores.PERFORMANCE_WEIGHTS
        )
        self.potential_score = scores.weighted_score(
            self.potential, scores.POTENTIAL_WEIGHTS
        )
        self.axis_boxes = (
            box(self.performance_score, performance),
            box(self.potential_score, potential),
        )

    @property
    def evidence_box(self):
        """The evidence's box on the grid; None unless both axes have evidence."""
        return None if None in self.axis_boxes else self.axis_boxes

    @property
    def boxes(self):
        """(performance, potential) in force: the manager's move, else the evidence's."""
        return self.move.boxes if self.move is not None else self.evidence_box

    @property
    def performance_box(self):
        """The performance column in force, placed on the grid or not."""
        return self.move.boxes[0] if self.move is not None else self.axis_boxes[0]

    @property
    def placed_by(self):
        if self.move is not None:
            return PlacedBy.MANAGER
        return PlacedBy.EVIDENCE if self.evidence_box else ""

    @property
    def weakest(self):
        """The competency or trait with the lowest share, competencies first on a tie."""
        found = [
            Weakest("competency", c.name, c.share)
            for c in self.competencies.values()
            if c.share is not None
        ]
        found += [
            Weakest("trait", TRAITS_BY_SLUG[slug].name, level_share(level))
            for slug, level in self.trait_levels().items()
        ]
        order = {"competency": 0, "trait": 1}
        ranked = sorted(found, key=lambda w: (w.share, order[w.kind], w.name))
        return ranked[0] if ranked else None

    def trait_levels(self):
        """{trait slug: mean of the roles' newest levels}."""
        levels = {}
        for (_role, slug), level in self.traits.items():
            levels.setdefault(slug, []).append(level)
        return {slug: sum(ls) / len(ls) for slug, ls in levels.items()}
