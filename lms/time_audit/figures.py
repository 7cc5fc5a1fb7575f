"""The audit's arithmetic, on weeks already loaded: totals, the value-vs-time gap,
the trend and the streak. Pure functions, so one query feeds every figure."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from lms.time_audit.categories import week_start

# The gap and the trend look at the latest weeks logged in the current version.
GAP_WEEKS = 4
TREND_WEEKS = 4
ZERO = Decimal("0")


def share(part, whole):
    """`part` as a percentage of `whole`, to one decimal; 0 when there is no whole."""
    return round(float(part) * 100 / float(whole), 1) if whole else 0.0


@dataclass(frozen=True)
class WeekTotals:
    total: Decimal
    contracted: int
    over_contract: Decimal  # negative: hours short of the contract
    in_work_share: float  # of the time split between in the work and leading it
    leading_share: float


def totals(week):
    """A week's total hours, against its contract, and its in/leading balance."""
    split = week.in_work + week.leading
    return WeekTotals(
        total=week.total,
        contracted=week.contracted_hours,
        over_contract=week.total - week.contracted_hours,
        in_work_share=share(week.in_work, split),
        leading_share=share(week.leading, split),
    )


def value_shares(ranking):
    """{key: share %}: rank 1 of n weighs n, the last weighs 1 (a Borda count)."""
    n = len(ranking)
    points = n * (n + 1) / 2
    return {key: round((n - i) * 100 / points, 1) for i, key in enumerate(ranking)}


@dataclass(frozen=True)
class GapRow:
    category: object
    value_rank: int
    time_rank: int
    value_share: float
    time_share: float
    hours: Decimal

    @property
    def gap(self):
        """Percentage points of time above (+) or below (-) what the value asks."""
        return round(self.time_share - self.value_share, 1)


def value_gap(weeks, version, ranking):
    """Value against time per category, over the latest GAP_WEEKS weeks of `version`,
    in value order. Empty when no week of that version was logged."""
    recent = [w for w in weeks if w.version == version.key][-GAP_WEEKS:]
    if not recent:
        return []
    hours = {key: sum((w.hours_of(key) for w in recent), ZERO) for key in ranking}
    whole = sum(hours.values(), ZERO)
    by_time = sorted(ranking, key=lambda key: (-hours[key], ranking.index(key)))
    shares = value_shares(ranking)
    return [
        GapRow(
            category=version.category(key),
            value_rank=rank,
            time_rank=by_time.index(key) + 1,
            value_share=shares[key],
            time_share=share(hours[key], whole),
            hours=hours[key],
        )
        for rank, key in enumerate(ranking, start=1)
    ]


def streak(weeks, today):
    """Weeks in a row, up to this one, whose sacred-time goal was met.

    This week counts once it is logged and met; until then the run may end
    last week, so a streak does not drop to zero every Monday.
    """
    met = {w.week_start for w in weeks if w.sacred_met}
    monday = week_start(today)
    if monday not in met:
        monday -= timedelta(weeks=1)
    count = 0
    while monday in met:
        count += 1
        monday -= timedelta(weeks=1)
    return count


@dataclass(frozen=True)
class TrendRow:
    category: object
    recent: Decimal  # average hours a week over the latest TREND_WEEKS weeks
    before: Decimal | None  # over the TREND_WEEKS before them, if any were logged

    @property
    def change(self):
        return None if self.before is None else self.recent - self.before

    @property
    def size(self):
        """How far it moved, without its sign, for "up 2 h" and "down 2 h"."""
        return None if self.change is None else abs(self.change)


def trend(weeks, version):
    """Average hours per category: the latest weeks against the ones before them."""
    mine = [w for w in weeks if w.version == version.key]
    recent = mine[-TREND_WEEKS:]
    before = mine[-2 * TREND_WEEKS : -TREND_WEEKS]
    return [
        TrendRow(
            category, _average(recent, category.key), _average(before, category.key)
        )
        for category in version.categories
    ]


def _average(weeks, key):
    if not weeks:
        return None
    total = sum((w.hours_of(key) for w in weeks), ZERO)
    return (total / len(weeks)).quantize(Decimal("0.1"))
