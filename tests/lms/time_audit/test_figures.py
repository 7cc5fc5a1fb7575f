"""The audit's arithmetic against a worked example: totals, value-vs-time gap, streak, trend."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from lms.models import AuditWeek
from lms.time_audit import figures
from lms.time_audit.categories import AGENT, LEADER, VERSIONS, parse_week, week_label

LEADERS = VERSIONS[LEADER]
MONDAY = date(2026, 11, 30)  # ISO week 2026-W49


def week(hours=(4, 10, 16, 2, 8), monday=MONDAY, goal=4, version=LEADER, **kwargs):
    """An unsaved week: figures work on loaded rows and need no database."""
    values = {f"hours_{n}": Decimal(str(h)) for n, h in enumerate(hours, start=1)}
    kwargs.setdefault("in_work", Decimal("24"))
    kwargs.setdefault("leading", Decimal("8"))
    return AuditWeek(
        week_start=monday,
        version=version,
        contracted_hours=40,
        sacred_goal=Decimal(str(goal)),
        **values,
        **kwargs,
    )


def test_a_week_adds_up_against_its_contract_and_splits_in_and_leading():
    # Given 4 + 10 + 16 + 2 + 8 hours, 24 in the work and 8 leading it
    totals = figures.totals(week(hours=(4, 10, 16, 2, 10)))
    # Then 42 hours, 2 over a 40-hour week; 24 of 32 split hours is 75%
    assert totals.total == Decimal("42")
    assert totals.over_contract == Decimal("2")
    assert (totals.in_work_share, totals.leading_share) == (75.0, 25.0)


def test_a_ranking_weighs_first_five_and_last_one():
    shares = figures.value_shares(
        ["developing", "supporting", "personal", "admin", "other"]
    )
    assert shares == {
        "developing": 33.3,
        "supporting": 26.7,
        "personal": 20.0,
        "admin": 13.3,
        "other": 6.7,
    }


def test_the_value_gap_of_the_worked_example():
    # Given a 40-hour week: developing 4, supporting 10, admin 16, personal 2, other 8,
    # and a ranking that puts developing staff first and administration fourth
    ranking = ["developing", "supporting", "personal", "admin", "other"]
    rows = figures.value_gap([week()], LEADERS, ranking)
    by_key = {row.category.key: row for row in rows}
    # Then time shares are 10, 25, 40, 5 and 20%, against values 33.3 ... 6.7%
    assert [row.category.key for row in rows] == ranking
    assert {k: r.time_share for k, r in by_key.items()} == {
        "developing": 10.0,
        "supporting": 25.0,
        "personal": 5.0,
        "admin": 40.0,
        "other": 20.0,
    }
    assert {k: r.gap for k, r in by_key.items()} == {
        "developing": -23.3,
        "supporting": -1.7,
        "personal": -15.0,
        "admin": 26.7,
        "other": 13.3,
    }
    # And the time ranks: admin most hours, personal least
    assert {k: r.time_rank for k, r in by_key.items()} == {
        "admin": 1,
        "supporting": 2,
        "other": 3,
        "developing": 4,
        "personal": 5,
    }


def test_the_gap_sums_the_latest_four_weeks_of_the_current_version():
    weeks = [
        week(hours=(40, 0, 0, 0, 0), monday=MONDAY - timedelta(weeks=4)),  # too old
        week(hours=(0, 0, 40, 0, 0), monday=MONDAY - timedelta(weeks=3)),
        week(hours=(1, 1, 1, 1, 1), monday=MONDAY - timedelta(weeks=2), version=AGENT),
        week(hours=(10, 0, 0, 0, 10), monday=MONDAY - timedelta(weeks=1)),
        week(hours=(10, 0, 0, 0, 10), monday=MONDAY),
        week(hours=(0, 0, 0, 0, 0), monday=MONDAY + timedelta(weeks=1)),
    ]
    rows = figures.value_gap(weeks, LEADERS, LEADERS.keys())
    # developing 20 of 80 hours: the first week is outside the window
    assert {r.category.key: r.time_share for r in rows}["developing"] == 25.0


def test_no_gap_without_a_week_of_the_version():
    assert figures.value_gap([week(version=AGENT)], LEADERS, LEADERS.keys()) == []


def test_the_streak_counts_weeks_in_a_row_that_met_the_goal():
    # Given the goal met in W46, W47, W48 and W49, but missed in W45
    weeks = [week(hours=(3, 0, 0, 0, 0), monday=MONDAY - timedelta(weeks=4))]
    weeks += [week(monday=MONDAY - timedelta(weeks=n)) for n in range(3, -1, -1)]
    assert figures.streak(weeks, MONDAY + timedelta(days=3)) == 4


def test_the_streak_waits_for_this_week_until_it_is_logged():
    weeks = [week(monday=MONDAY - timedelta(weeks=n)) for n in (2, 1)]
    assert figures.streak(weeks, MONDAY + timedelta(days=2)) == 2


def test_a_week_not_logged_breaks_the_streak():
    weeks = [week(monday=MONDAY - timedelta(weeks=n)) for n in (3, 1)]
    assert figures.streak(weeks, MONDAY) == 1


def test_no_goal_means_no_streak():
    assert figures.streak([week(goal=0)], MONDAY) == 0


def test_the_agent_version_counts_helping_peers_as_sacred_time():
    agent = week(hours=(30, 5, 2, 2, 1), version=AGENT, goal=5)
    assert agent.sacred_hours == Decimal("5") and agent.sacred_met


def test_the_trend_compares_the_latest_four_weeks_with_the_four_before():
    hours = [2, 2, 2, 2, 4, 4, 6, 6]
    weeks = [
        week(hours=(h, 0, 0, 0, 0), monday=MONDAY - timedelta(weeks=7 - i))
        for i, h in enumerate(hours)
    ]
    developing = figures.trend(weeks, LEADERS)[0]
    assert (developing.recent, developing.before) == (Decimal("5.0"), Decimal("2.0"))
    assert developing.change == Decimal("3.0")


@pytest.mark.parametrize(
    "label", ["2026-W00", "2026-W54", "2026-49", "x-W01", "2026-W1"]
)
def test_a_week_label_that_is_not_an_iso_week_is_refused(label):
    assert parse_week(label) is None


def test_week_labels_round_trip():
    assert week_label(MONDAY) == "2026-W49"
    assert parse_week("2026-W49") == MONDAY
    assert parse_week("2020-W53") == date(2020, 12, 28)
