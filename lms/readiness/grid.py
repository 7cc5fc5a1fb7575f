"""A cohort's pipeline grid: performance across, potential up, 3 x 3 boxes with
the learners each holds. A manager's move outranks the box the evidence gives;
a learner with no evidence on an axis is not placed yet."""

from dataclasses import dataclass

from lms.readiness.evidence import evidence_for_cohort
from lms.readiness.models import BOXES, Verdict

# What each box says, as a talent review reads it: (performance, potential).
BOX_NAMES = {
    (3, 3): "Ready to lead",
    (2, 3): "High potential",
    (1, 3): "Untapped potential",
    (3, 2): "High performer",
    (2, 2): "Core",
    (1, 2): "Inconsistent",
    (3, 1): "Trusted professional",
    (2, 1): "Effective",
    (1, 1): "At risk",
}


@dataclass
class Grid:
    evidence: object  # CohortEvidence
    cells: dict  # (performance, potential) -> [Profile]
    unplaced: list  # Profile with no box yet

    @property
    def thresholds(self):
        return self.evidence.thresholds

    @property
    def profiles(self):
        return self.evidence.profiles

    def count(self, performance, potential):
        return len(self.cells[(performance, potential)])

    @property
    def counts(self):
        """{(performance, potential): learners}, every box present."""
        return {key: len(found) for key, found in self.cells.items()}

    @property
    def rows(self):
        """The boxes as drawn: high potential at the top, low performance left."""
        return [[(p, q) for p in BOXES] for q in reversed(BOXES)]

    @property
    def ready_now(self):
        return sum(1 for p in self.profiles if p.verdict == Verdict.READY_NOW)


def grid_for(cohort, viewer=None, today=None, now=None):
    """The cohort's grid, of the learners `viewer` may see (all when None)."""
    evidence = evidence_for_cohort(cohort, today=today, now=now, viewer=viewer)
    cells = {(p, q): [] for p in BOXES for q in BOXES}
    unplaced = []
    for profile in evidence.profiles:
        if profile.boxes is None:
            unplaced.append(profile)
        else:
            cells[profile.boxes].append(profile)
    return Grid(evidence, cells, unplaced)
