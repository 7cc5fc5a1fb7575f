"""Workbooks on planning staff: occupancy, Erlang C, forecasting and adherence.

Each topic is a seeded data generator and a separate answer function that
works out the expected answers from that data.
"""

import math
from datetime import datetime, time, timedelta

from content.workbooks.common import (
    CURVE,
    DAYS,
    INTERVALS,
    NAMES,
    WEEK_START,
    _day,
    _records,
)
from courses.formulas import service_level

# --- occupancy: occupancy, shrinkage and grossing up -------------------------

REQUIRED_AGENTS = 42


def occupancy_data(rng):
    """One week of paid, shrinkage, handle and available hours for 18 agents."""
    rows = [
        ["Agent", "Paid (h)", "Breaks (h)", "Training (h)", "Coaching (h)",
         "Absence (h)", "Handle (h)", "Available (h)"]
    ]  # fmt: skip
    for name in rng.sample(NAMES, 18):
        paid = rng.choice([375, 375, 375, 300, 200])  # tenths of an hour
        parts = [paid // 10, rng.randint(0, 40), rng.randint(5, 20)]
        parts.append(rng.choices([0, paid // 5, paid // 10], [6, 2, 1])[0])
        logged_in = paid - sum(parts)
        handle = round(logged_in * rng.uniform(0.76, 0.95))
        tenths = [paid, *parts, handle, logged_in - handle]
        rows.append([name, *(t / 10 for t in tenths)])
    return {"Agents": rows}


def _occupancy(agent):
    """Handle time divided by handle plus available time."""
    return agent["Handle (h)"] / (agent["Handle (h)"] + agent["Available (h)"])


def occupancy_answers(sheets):
    """Team occupancy, team shrinkage, the grossed-up requirement, busy agents."""
    agents = _records(sheets["Agents"])
    handle = sum(a["Handle (h)"] for a in agents)
    available = sum(a["Available (h)"] for a in agents)
    lost = sum(
        a["Breaks (h)"] + a["Training (h)"] + a["Coaching (h)"] + a["Absence (h)"]
        for a in agents
    )
    shrinkage = round(lost / sum(a["Paid (h)"] for a in agents), 2)
    return {
        "task-1": round(handle / (handle + available), 2),
        "task-2": shrinkage,
        "task-3": math.ceil(round(REQUIRED_AGENTS / (1 - shrinkage), 6)),
        "task-4": sum(_occupancy(a) > 0.9 for a in agents),
    }


# --- erlang: staffing an interval with Erlang C --------------------------------

SL_TARGET = 0.8
TARGET_SECONDS = 20
ERLANG_SHRINKAGE = 0.32
ERLANG_INTERVAL = time(9, 30)


def erlang_data(rng):
    """One day's forecast calls and AHT per 30-minute interval."""
    rows = [["Interval", "Forecast calls", "AHT (s)"]]
    for interval, shape in zip(INTERVALS, CURVE, strict=True):
        calls = round(shape * 2.1 * rng.uniform(0.92, 1.08))
        rows.append([interval, calls, rng.randrange(250, 331, 5)])
    return {"Forecast": rows}


def _agents_for_target(calls, aht):
    """Fewest agents whose Erlang C service level meets the target."""
    traffic = calls * aht / 1800
    agents = math.floor(traffic) + 1
    while service_level(traffic, agents, aht, TARGET_SECONDS) < SL_TARGET:
        agents += 1
    return agents


def erlang_answers(sheets):
    """Traffic, agents for 80/20, the cost of one agent fewer, peak and rota."""
    rows = _records(sheets["Forecast"])
    ten = next(r for r in rows if r["Interval"] == ERLANG_INTERVAL)
    traffic = ten["Forecast calls"] * ten["AHT (s)"] / 1800
    needed = _agents_for_target(ten["Forecast calls"], ten["AHT (s)"])
    short = service_level(traffic, needed - 1, ten["AHT (s)"], TARGET_SECONDS)
    peak = max(_agents_for_target(r["Forecast calls"], r["AHT (s)"]) for r in rows)
    return {
        "task-1": round(traffic, 1),
        "task-2": needed,
        "task-3": round(short, 2),
        "task-4": peak,
        "task-5": math.ceil(round(peak / (1 - ERLANG_SHRINKAGE), 6)),
    }


# --- forecast: a simple day-of-week forecast ----------------------------------

NEXT_WEEK_TOTAL = 10400
DAY_SHAPE = [1.25, 1.05, 1.0, 0.95, 0.9]


def forecast_data(rng):
    """Twelve weeks of daily calls offered, and last week's forecast by day."""
    daily = [["Week", "Date", "Day", "Offered"]]
    last_week = []
    for week in range(12):
        level = 1800 * (1 + 0.01 * week)
        for d, shape in enumerate(DAY_SHAPE):
            offered = round(level * shape * rng.uniform(0.93, 1.07))
            daily.append([week + 1, _day(7 * week + d), DAYS[d], offered])
            if week == 11:
                last_week.append(offered)
    forecast = [["Day", "Forecast"]]
    for d, offered in enumerate(last_week):
        forecast.append([DAYS[d], round(offered * rng.uniform(0.9, 1.1))])
    return {"Daily": daily, "Week 12 forecast": forecast}


def forecast_answers(sheets):
    """Average Monday, Monday's share, Monday's plan and week 12 accuracy."""
    rows = [r for r in _records(sheets["Daily"]) if r["Week"] >= 9]
    mondays = [r["Offered"] for r in rows if r["Day"] == "Monday"]
    share = round(sum(mondays) / sum(r["Offered"] for r in rows), 3)
    actual = sum(r["Offered"] for r in _records(sheets["Daily"]) if r["Week"] == 12)
    forecast = sum(r["Forecast"] for r in _records(sheets["Week 12 forecast"]))
    return {
        "task-1": round(sum(mondays) / len(mondays)),
        "task-2": share,
        "task-3": round(NEXT_WEEK_TOTAL * share),
        "task-4": round((1 - abs(actual - forecast) / actual) * 100, 1),
    }


# --- adherence: start times and breaks as Excel times -------------------------

BREAK_MINUTES = 15
STARTS = [time(8, 0), time(8, 30), time(9, 0)]


def _clock(base, minutes):
    """The clock time `minutes` after `base`, on the same day."""
    moment = datetime.combine(WEEK_START, base) + timedelta(minutes=minutes)
    return moment.time()


def adherence_data(rng):
    """One day of planned and actual log-in and break times for 18 agents."""
    rows = [
        ["Agent", "Planned start", "Logged in", "Planned break", "Break out",
         "Break back"]
    ]  # fmt: skip
    for n, name in enumerate(rng.sample(NAMES, 18)):
        start = STARTS[n % 3]
        late = rng.choices([0, rng.randint(1, 4), rng.randint(5, 16)], [9, 4, 3])[0]
        early = rng.choice([0, 0, 1, 2])
        planned_break = _clock(start, rng.choice([120, 150, 180]))
        drift = rng.choice([0, 0, 0, -5, 5, 12, -15, 20])
        length = BREAK_MINUTES + rng.choice([0, 0, 0, 1, 3, 6, 10])
        out = _clock(planned_break, drift)
        rows.append(
            [name, start, _clock(start, late - early if late else -early),
             planned_break, out, _clock(out, length)]
        )  # fmt: skip
    return {"Day": rows}


def _minutes(clock):
    """Minutes after midnight of a clock time."""
    return clock.hour * 60 + clock.minute


def adherence_answers(sheets):
    """Late log-ins, minutes late, long breaks and breaks far from plan."""
    rows = _records(sheets["Day"])
    lateness = [_minutes(r["Logged in"]) - _minutes(r["Planned start"]) for r in rows]
    lengths = [_minutes(r["Break back"]) - _minutes(r["Break out"]) for r in rows]
    drift = [abs(_minutes(r["Break out"]) - _minutes(r["Planned break"])) for r in rows]
    return {
        "task-1": sum(m > 0 for m in lateness),
        "task-2": sum(m for m in lateness if m > 0),
        "task-3": sum(m > BREAK_MINUTES for m in lengths),
        "task-4": sum(m > 10 for m in drift),
    }
