"""Movement on the grid and a cohort's "ready now" count over time, read from the
nightly ReadinessSnapshot rows only (never events, ratings or their history).

Movement compares each learner's box in force now with their box in the
baseline: the cohort's latest snapshot taken at least BASELINE_DAYS days before
today, so "since last week" holds whichever night the job missed. A box is
higher when the sum of its two axes is (performance + potential, 2 to 6): "up",
"down", "same" box, "across" (another box of the same sum: better on one axis,
worse on the other), "new" (not placed in the baseline, or not in the cohort
then). A learner not placed now has no arrow; a cohort with no baseline yet has
none at all.

The trend is the "ready now" count of the snapshots taken on today's weekday in
each of the TREND_WEEKS weeks before today, then today's live count; a night
with no snapshot is left out. One query each, reading the rows of one night (or
TREND_WEEKS nights) of one cohort through the (cohort, taken_on) index, so
neither grows with the history kept.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Subquery

from lms.models import ReadinessSnapshot
from lms.readiness.grid import BOX_NAMES
from lms.readiness.models import Verdict

BASELINE_DAYS = 7
TREND_WEEKS = 12
UP, DOWN, SAME, ACROSS, NEW = "up", "down", "same", "across", "new"
ARROWS = {UP: "↑", DOWN: "↓", SAME: "=", ACROSS: "↔", NEW: "+"}
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 160, 36, 4


@dataclass(frozen=True)
class Movement:
    kind: str  # one of ARROWS, or "" for no arrow
    was: tuple | None = None  # the baseline's (performance, potential)

    @property
    def arrow(self):
        return ARROWS.get(self.kind, "")

    @property
    def label(self):
        if self.kind == NEW:
            return "New on the grid"
        if self.kind == SAME:
            return "Same box"
        if self.kind:
            return f"{self.kind.capitalize()} from {BOX_NAMES[self.was]}"
        return ""


NO_ARROW = Movement("")
# The table's order when sorted by movement: the best news first, no arrow last.
RANKS = {UP: 0, NEW: 1, ACROSS: 2, SAME: 3, DOWN: 4}


def rank(row):
    """Where a table row (with its `change`) sorts by movement."""
    return RANKS.get(row.change.kind, len(RANKS))


def movement(was, now):
    """The Movement from the baseline's boxes `was` to `now` (either may be None)."""
    if now is None:
        return NO_ARROW
    if was is None:
        return Movement(NEW)
    if was == now:
        return Movement(SAME, was)
    before, after = sum(was), sum(now)
    return Movement(UP if after > before else DOWN if after < before else ACROSS, was)


@dataclass
class Baseline:
    taken_on: date | None  # None: no snapshot old enough yet
    boxes: dict = field(default_factory=dict)  # enrolment -> boxes or None

    def of(self, profile):
        """The profile's Movement since the baseline."""
        if self.taken_on is None:
            return NO_ARROW
        return movement(self.boxes.get(profile.enrolment_id), profile.boxes)


def baseline_for(cohort, today):
    """The cohort's latest snapshot at least BASELINE_DAYS old: one query."""
    day = (
        ReadinessSnapshot.objects.filter(
            cohort=cohort, taken_on__lte=today - timedelta(days=BASELINE_DAYS)
        )
        .order_by("-taken_on")
        .values("taken_on")[:1]
    )
    rows = ReadinessSnapshot.objects.filter(
        cohort=cohort, taken_on=Subquery(day)
    ).values_list("enrolment_id", "taken_on", "performance", "potential")
    baseline = Baseline(None)
    for enrolment, taken_on, performance, potential in rows:
        baseline.taken_on = taken_on
        placed = performance is not None and potential is not None
        baseline.boxes[enrolment] = (performance, potential) if placed else None
    return baseline


@dataclass(frozen=True)
class TrendPoint:
    day: date | None  # None for today's live count
    ready: int
    learners: int


@dataclass
class Trend:
    points: list  # TrendPoint, oldest first, today's live count last

    @property
    def sparkline(self):
        """SVG `points` of the counts, scaled to the sparkline's box."""
        counts = [point.ready for point in self.points]
        top, last = max(max(counts), 1), max(len(counts) - 1, 1)
        width = SPARK_WIDTH - 2 * SPARK_PAD
        height = SPARK_HEIGHT - 2 * SPARK_PAD
        return " ".join(
            f"{SPARK_PAD + width * n / last:.1f},"
            f"{SPARK_PAD + height * (1 - count / top):.1f}"
            for n, count in enumerate(counts)
        )

    @property
    def first(self):
        return self.points[0]

    @property
    def now(self):
        return self.points[-1]


def ready_now_trend(cohort, today, ready_now, learners):
    """The Trend: weekly snapshot counts, then `ready_now` of `learners` today."""
    days = [today - timedelta(weeks=n) for n in range(TREND_WEEKS, 0, -1)]
    rows = (
        ReadinessSnapshot.objects.filter(cohort=cohort, taken_on__in=days)
        .values("taken_on")
        .annotate(
            ready=Count("pk", filter=Q(verdict=Verdict.READY_NOW)),
            learners=Count("pk"),
        )
        .order_by("taken_on")
    )
    points = [TrendPoint(r["taken_on"], r["ready"], r["learners"]) for r in rows]
    return Trend([*points, TrendPoint(None, ready_now, learners)])
