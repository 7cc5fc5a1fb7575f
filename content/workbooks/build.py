"""Generate the practice workbooks for the advanced Excel course.

Each workbook has a seeded data generator (so every build is identical) and a
separate answer function that works out the expected answers from that data.
Run ``python -m content.workbooks.build [OUTDIR]`` to write the .xlsx files.
"""

import argparse
import json
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from courses.formulas import service_level

HERE = Path(__file__).resolve().parent
DEFAULT_OUTDIR = HERE / "out"
ANSWERS_PATH = HERE / "answers.json"

WEEK_START = date(2024, 3, 4)  # a Monday
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEAMS = ["Harbour", "Meadow", "Summit"]
CHANNELS = ["Call", "Chat", "Email"]
INTERVALS = [time(8 + i // 2, 30 * (i % 2)) for i in range(24)]  # 08:00 to 19:30
# Typical calls offered per 30-minute interval: a morning peak and a smaller
# one after lunch.
CURVE = [20, 28, 40, 52, 60, 64, 62, 58, 50, 46, 48, 54]
CURVE += [56, 52, 48, 44, 40, 38, 34, 30, 26, 22, 18, 14]
NAMES = [
    "Aisha Khan", "Ben Carter", "Chloe Evans", "Daniel Okafor", "Ella Murphy",
    "Farhan Ali", "Grace Li", "Harry Walsh", "Imogen Price", "Jamal Brown",
    "Katie Hughes", "Liam O'Neill", "Maya Patel", "Nathan Reid", "Olivia Shaw",
    "Priya Shah", "Ryan Doyle", "Sophie Turner", "Tom Bennett", "Usman Iqbal",
    "Victoria Cole", "Will Foster", "Yasmin Ahmed", "Zoe Clarke", "Adam Nowak",
    "Bethan Jones", "Callum Fraser", "Dami Adeyemi", "Erin Kelly", "Finn Morgan",
]  # fmt: skip
HEADER_FORMATS = {
    "Month": "mmm yyyy",
    "Adherence": "0%",
    "FCR": "0%",
    "Service level": "0%",
    "SL target": "0%",
    "CSAT": "0%",
}
TYPE_FORMATS = {date: "dd/mm/yyyy", time: "hh:mm"}


@dataclass(frozen=True)
class Spec:
    """How to build one workbook: seed, data, answers, tasks and notes."""

    seed: int
    data: Callable[[random.Random], dict]
    answers: Callable[[dict], dict]
    tasks: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _records(rows):
    """Turn a header row plus data rows into a list of dicts."""
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def _day(offset):
    """Return the date `offset` days after the Monday the data starts on."""
    return WEEK_START + timedelta(days=offset)


# --- lookups: join a roster to a messy QA export ---------------------------


def _messy_id(rng, agent_id):
    """Return an agent ID the way a QA tool might export it."""
    roll = rng.random()
    if roll < 0.12:
        return f" {agent_id}"
    if roll < 0.22:
        return f"{agent_id}  "
    if roll < 0.32:
        return agent_id.lower()
    return agent_id


def lookups_data(rng):
    """A roster of 24 agents and a QA export of 120 evaluations with messy IDs."""
    ids = [f"AG{1001 + i}" for i in range(24)]
    roster = [["Agent ID", "Agent name", "Team"]]
    names = rng.sample(NAMES, len(ids))
    for i, (agent, name) in enumerate(zip(ids, names, strict=True)):
        roster.append([agent, name, TEAMS[i % 3]])
    qa = [["Evaluation", "Date", "Agent ID", "Channel", "QA score"]]
    for n in range(120):
        agent = rng.choice(ids + ["AG0987", "AG0994"])  # two leavers
        qa.append(
            [f"QA{5001 + n}", _day(n // 24), _messy_id(rng, agent),
             rng.choice(CHANNELS), rng.randint(60, 100)]
        )  # fmt: skip
    return {"Roster": roster, "QA export": qa}


def lookups_answers(sheets):
    """Spaces to clean, leavers, and team results after the join."""
    team_of = {r["Agent ID"]: r["Team"] for r in _records(sheets["Roster"])}
    qa = _records(sheets["QA export"])
    joined = [(team_of.get(r["Agent ID"].strip().upper()), r["QA score"]) for r in qa]
    harbour = [score for team, score in joined if team == "Harbour"]
    return {
        "task-1": sum(r["Agent ID"] != r["Agent ID"].strip() for r in qa),
        "task-2": sum(team is None for team, _ in joined),
        "task-3": round(sum(harbour) / len(harbour), 1),
        "task-4": sum(team == "Summit" for team, _ in joined),
    }


# --- pivots: contacts by team, day and reason -------------------------------

REASONS = {
    "Billing": (30, 330),
    "Delivery": (25, 270),
    "Technical": (20, 480),
    "Account change": (15, 300),
    "Complaint": (10, 540),
}  # reason: (share of contacts, typical handle time in seconds)


def pivots_data(rng):
    """A week of 300 contacts with team, channel, reason and handle time."""
    days = sorted(rng.choices(range(5), weights=[30, 22, 18, 16, 14], k=300))
    rows = [["Contact ID", "Date", "Day", "Team", "Channel", "Reason", "Handle (s)"]]
    for n, d in enumerate(days):
        reason = rng.choices(list(REASONS), [w for w, _ in REASONS.values()])[0]
        rows.append(
            [f"C{20001 + n}", _day(d), DAYS[d], rng.choice(TEAMS),
             rng.choices(CHANNELS, [60, 30, 10])[0], reason,
             round(REASONS[reason][1] * rng.uniform(0.6, 1.5))]
        )  # fmt: skip
    return {"Contacts": rows}


def pivots_answers(sheets):
    """Counts and averages a pivot table gives by team, day and reason."""
    rows = _records(sheets["Contacts"])
    complaints = [r["Handle (s)"] for r in rows if r["Reason"] == "Complaint"]
    return {
        "task-1": sum(r["Team"] == "Harbour" and r["Day"] == "Monday" for r in rows),
        "task-2": sum(r["Reason"] == "Billing" for r in rows),
        "task-3": round(sum(complaints) / len(complaints)),
        "task-4": max(Counter(r["Day"] for r in rows).values()),
    }


# --- scorecard: flag misses against targets ----------------------------------


def scorecard_data(rng):
    """One team's monthly results for 16 agents, plus the targets sheet."""
    rows = [["Agent", "AHT (s)", "QA score", "Adherence", "FCR"]]
    for name in rng.sample(NAMES, 16):
        rows.append(
            [name, rng.randint(300, 420), rng.randint(75, 96),
             round(rng.uniform(0.84, 0.97), 2), round(rng.uniform(0.66, 0.85), 2)]
        )  # fmt: skip
    rows[3][1], rows[5][2] = 360, 85  # exactly on target counts as a hit
    targets = [
        ["Measure", "Target", "Better when"],
        ["AHT (s)", 360, "Lower"],
        ["QA score", 85, "Higher"],
        ["Adherence", 0.9, "Higher"],
        ["FCR", 0.75, "Higher"],
    ]
    return {"Scorecard": rows, "Targets": targets}


def _misses(agent, targets):
    """Return the measures on which one agent is worse than target."""
    return [
        t["Measure"]
        for t in targets
        if (agent[t["Measure"]] > t["Target"] if t["Better when"] == "Lower"
            else agent[t["Measure"]] < t["Target"])
    ]  # fmt: skip


def scorecard_answers(sheets):
    """How many agents miss each target, two or more, or none."""
    targets = _records(sheets["Targets"])
    misses = [_misses(a, targets) for a in _records(sheets["Scorecard"])]
    return {
        "task-1": sum("AHT (s)" in m for m in misses),
        "task-2": sum("QA score" in m for m in misses),
        "task-3": sum(len(m) >= 2 for m in misses),
        "task-4": sum(not m for m in misses),
    }


# --- intervals: 30-minute interval data --------------------------------------


def intervals_data(rng):
    """Offered, answered and abandoned calls per 30-minute interval for a week."""
    rows = [["Date", "Day", "Interval", "Offered", "Answered", "Abandoned"]]
    for d, scale in enumerate([1.25, 1.05, 1.0, 0.95, 0.9]):
        for interval, shape in zip(INTERVALS, CURVE, strict=True):
            offered = round(shape * scale * rng.uniform(0.85, 1.15))
            abandoned = round(offered * rng.uniform(0.01, 0.08))
            rows.append(
                [_day(d), DAYS[d], interval, offered, offered - abandoned, abandoned]
            )
    return {"Intervals": rows}


def intervals_answers(sheets):
    """Day totals, an interval average, the peak and a lunchtime window."""
    rows = _records(sheets["Intervals"])
    ten = [r["Offered"] for r in rows if r["Interval"] == time(10, 0)]
    return {
        "task-1": sum(r["Offered"] for r in rows if r["Day"] == "Tuesday"),
        "task-2": round(sum(ten) / len(ten), 1),
        "task-3": max(r["Offered"] for r in rows),
        "task-4": sum(
            r["Offered"] for r in rows if time(12, 0) <= r["Interval"] < time(14, 0)
        ),
    }


# --- service-level: service level and AHT from interval data -----------------


def service_level_data(rng):
    """Two days of interval data with answer speed and handle-time parts."""
    rows = [
        ["Day", "Interval", "Offered", "Answered", "Answered in 20s", "Abandoned",
         "Talk (s)", "Hold (s)", "ACW (s)"]
    ]  # fmt: skip
    for day, scale in (("Monday", 1.2), ("Tuesday", 1.0)):
        for interval, shape in zip(INTERVALS, CURVE, strict=True):
            busy = shape * scale / 75
            offered = round(shape * scale * rng.uniform(0.85, 1.15))
            abandoned = round(offered * rng.uniform(0.0, 0.1) * busy)
            answered = offered - abandoned
            quick = round(answered * (rng.uniform(0.9, 0.99) - 0.17 * busy))
            rows.append(
                [day, interval, offered, answered, quick, abandoned,
                 round(answered * rng.uniform(250, 310)),
                 round(answered * rng.uniform(15, 45)),
                 round(answered * rng.uniform(35, 70))]
            )  # fmt: skip
    return {"Intervals": rows}


def service_level_answers(sheets):
    """Service level (answered in 20 s / offered) and AHT, by day and interval."""
    rows = _records(sheets["Intervals"])
    monday = [r for r in rows if r["Day"] == "Monday"]
    tuesday = [r for r in rows if r["Day"] == "Tuesday"]
    handle = sum(r["Talk (s)"] + r["Hold (s)"] + r["ACW (s)"] for r in tuesday)

    def level(subset):
        """Answered within 20 seconds divided by offered."""
        return sum(r["Answered in 20s"] for r in subset) / sum(
            r["Offered"] for r in subset
        )

    return {
        "task-1": round(level(monday), 2),
        "task-2": round(handle / sum(r["Answered"] for r in tuesday)),
        "task-3": sum(level([r]) < 0.8 for r in rows),
        "task-4": round(level(rows), 2),
    }


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


# --- kpi-review: a year of monthly KPIs --------------------------------------

SEASON = [1.0, 0.92, 0.95, 0.9, 0.93, 0.97, 1.02, 0.98, 1.05, 1.1, 1.25, 1.35]


def kpi_review_data(rng):
    """Twelve months of headline KPIs with the service-level target."""
    rows = [
        ["Month", "Offered", "Service level", "SL target", "AHT (s)", "CSAT",
         "QA score"]
    ]  # fmt: skip
    for m, season in enumerate(SEASON):
        rows.append(
            [date(2024, m + 1, 1), round(42000 * season * rng.uniform(0.96, 1.04)),
             round(rng.uniform(0.84, 0.9) - (season - 1) * 0.3, 2), 0.8,
             round(390 - 2.5 * m + rng.uniform(-8, 8)),
             round(rng.uniform(0.82, 0.9) - (season - 1) * 0.1, 2),
             round(rng.uniform(84, 90), 1)]
        )  # fmt: skip
    return {"Monthly": rows}


def kpi_review_answers(sheets):
    """Months below target, the peak month, the AHT trend and average CSAT."""
    months = _records(sheets["Monthly"])
    return {
        "task-1": sum(m["Service level"] < m["SL target"] for m in months),
        "task-2": max(m["Offered"] for m in months),
        "task-3": months[-1]["AHT (s)"] - months[0]["AHT (s)"],
        "task-4": round(sum(m["CSAT"] for m in months) / len(months), 2),
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


# --- the workbooks -----------------------------------------------------------

WORKBOOKS = {
    "lookups": Spec(
        401,
        lookups_data,
        lookups_answers,
        (
            "How many rows of 'QA export' have a space before or after the Agent ID?",
            "After cleaning the IDs with TRIM and UPPER, how many QA rows belong "
            "to agents who are not on the Roster?",
            "What is the average QA score for team Harbour? Give 1 decimal place.",
            "How many QA evaluations belong to team Summit?",
        ),
        ("Lookups ignore upper and lower case, but a stray space breaks a match.",),
    ),
    "pivots": Spec(
        402,
        pivots_data,
        pivots_answers,
        (
            "How many contacts did team Harbour handle on Monday?",
            "How many contacts had the reason Billing across the week?",
            "What is the average handle time of Complaint contacts, in whole seconds?",
            "How many contacts came in on the busiest day of the week?",
        ),
    ),
    "scorecard": Spec(
        403,
        scorecard_data,
        scorecard_answers,
        (
            "How many agents miss the AHT target (AHT above 360 seconds)?",
            "How many agents miss the QA target (score below 85)?",
            "How many agents miss two or more of the four targets?",
            "How many agents meet all four targets?",
        ),
        ("A result exactly on target is a hit, not a miss.",),
    ),
    "intervals": Spec(
        404,
        intervals_data,
        intervals_answers,
        (
            "What is the total number of contacts offered on Tuesday?",
            "What is the average number offered in the 10:00 interval across the "
            "five days? Give 1 decimal place.",
            "What is the highest number offered in any single interval this week?",
            "How many contacts were offered from 12:00 to 13:59 across the week?",
        ),
        ("Each row covers the 30 minutes that start at its Interval time.",),
    ),
    "service-level": Spec(
        405,
        service_level_data,
        service_level_answers,
        (
            "What is Monday's service level? Give it as a fraction to 2 decimal "
            "places, e.g. 0.83.",
            "What is Tuesday's AHT in whole seconds?",
            "In how many of the 48 intervals was service level below 80%?",
            "What is the service level for both days together (2 decimal places)?",
        ),
        (
            "Service level = calls answered within 20 seconds / calls offered. "
            "Abandoned calls stay in the offered total.",
            "AHT = (talk + hold + ACW) / calls answered (handled).",
        ),
    ),
    "occupancy": Spec(
        406,
        occupancy_data,
        occupancy_answers,
        (
            "What is the team's occupancy for the week? Give 2 decimal places.",
            "What is the team's shrinkage for the week? Give 2 decimal places.",
            f"The forecast needs {REQUIRED_AGENTS} agents on the phones at the "
            "peak. Using your Task 2 answer, how many agents must you schedule? "
            "Round up to a whole agent.",
            "How many agents had an occupancy above 90%?",
        ),
        (
            "Occupancy = handle time / (handle time + available time).",
            "Shrinkage = (breaks + training + coaching + absence) / paid hours.",
        ),
    ),
    "kpi-review": Spec(
        407,
        kpi_review_data,
        kpi_review_answers,
        (
            "In how many months was service level below its target?",
            "What was the highest number of contacts offered in one month?",
            "By how many seconds did AHT change from January to December? "
            "(December minus January; a fall is negative.)",
            "What was the average CSAT across the 12 months? Give 2 decimal places.",
        ),
        (
            "Then build three charts: a line chart of AHT by month, a column "
            "chart of contacts offered by month, and a combo chart of service "
            "level (columns) with the target as a line.",
        ),
    ),
    "erlang": Spec(
        408,
        erlang_data,
        erlang_answers,
        (
            "What is the traffic intensity of the 09:30 interval, in Erlangs? "
            "Give 1 decimal place.",
            "Using Erlang C, what is the fewest agents that answers at least 80% "
            "of the 09:30 interval's calls within 20 seconds?",
            "With one agent fewer than your Task 2 answer, what service level "
            "would the 09:30 interval get? Give a fraction to 2 decimal places.",
            "Across the whole day, what is the most agents any one interval needs "
            "for 80% within 20 seconds?",
            f"Shrinkage is {round(ERLANG_SHRINKAGE * 100)}%. How many agents must "
            "be scheduled to cover your Task 4 peak? Round up to a whole agent.",
        ),
        (
            "Traffic in Erlangs = forecast calls x AHT (s) / 1800 for a 30-minute "
            "interval.",
            "Erlang C chance of waiting = POISSON.DIST(N, A, FALSE) / "
            "(POISSON.DIST(N, A, FALSE) + (1 - A / N) * POISSON.DIST(N - 1, A, TRUE)), "
            "for N agents and A Erlangs.",
            "Service level = 1 - chance of waiting x EXP(-(N - A) x 20 / AHT).",
        ),
    ),
    "forecast": Spec(
        424,
        forecast_data,
        forecast_answers,
        (
            "What was the average number of calls offered on Mondays in weeks 9 "
            "to 12? Round to a whole number.",
            "In weeks 9 to 12, what share of all calls offered came on a Monday? "
            "Give a fraction to 3 decimal places.",
            f"Next week's total is forecast at {NEXT_WEEK_TOTAL:,} calls. Using "
            "your Task 2 answer, how many calls should you plan for on Monday? "
            "Round to a whole number.",
            "What was the forecast accuracy for week 12 as a whole? Use "
            "(1 - |actual - forecast| / actual) x 100 and give 1 decimal place.",
        ),
        ("Compare whole-week totals for Task 4, not day by day.",),
    ),
    "adherence": Spec(
        410,
        adherence_data,
        adherence_answers,
        (
            "How many agents logged in after their planned start time?",
            "How many minutes late were those log-ins, in total?",
            f"Breaks are planned at {BREAK_MINUTES} minutes. How many agents took a "
            f"break longer than {BREAK_MINUTES} minutes?",
            "How many agents started their break more than 10 minutes away from "
            "the planned time, early or late?",
        ),
        (
            "Excel stores a time as a fraction of a day. Multiply by 1440 to get "
            "minutes.",
        ),
    ),
}


# --- writing -----------------------------------------------------------------


def _write_sheet(ws, rows):
    """Write rows under a bold header with readable number formats."""
    for row in rows:
        ws.append(row)
    for column, header in enumerate(rows[0], start=1):
        ws.cell(1, column).font = Font(bold=True)
        width = max([len(str(header))] + [len(str(row[column - 1])) for row in rows])
        ws.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
        for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
            fmt = HEADER_FORMATS.get(header) or TYPE_FORMATS.get(type(cell.value))
            if fmt:
                cell.number_format = fmt


def _tasks_rows(spec):
    """Rows of the Tasks sheet: numbered tasks, then any notes."""
    rows = [["Task", "Question", "Your answer"]]
    rows += [[f"Task {n}", text, None] for n, text in enumerate(spec.tasks, 1)]
    if spec.notes:
        rows += [[None, None, None]] + [["Note", note, None] for note in spec.notes]
    return rows


def build_workbook(key, path):
    """Write the workbook for one key to path and return the path."""
    spec = WORKBOOKS[key]
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Advanced Excel for contact-centre leaders"
    wb.properties.created = datetime(2024, 1, 1)
    for name, rows in spec.data(random.Random(spec.seed)).items():
        _write_sheet(wb.create_sheet(name), rows)
    _write_sheet(wb.create_sheet("Tasks"), _tasks_rows(spec))
    wb.save(path)
    return path


def build(outdir=DEFAULT_OUTDIR):
    """Write every practice workbook into outdir and return their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    return [build_workbook(key, outdir / f"{key}.xlsx") for key in WORKBOOKS]


def answers():
    """Return the expected answers of every workbook, keyed by workbook."""
    return {
        key: spec.answers(spec.data(random.Random(spec.seed)))
        for key, spec in WORKBOOKS.items()
    }


def write_answers(path=ANSWERS_PATH):
    """Write the expected answers to answers.json and return its path."""
    Path(path).write_text(json.dumps(answers(), indent=2) + "\n")
    return path


def main(argv=None):
    """Build the workbooks from the command line; optionally rewrite answers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUTDIR)
    parser.add_argument(
        "--write-answers", action="store_true", help="also rewrite answers.json"
    )
    args = parser.parse_args(argv)
    for path in build(args.outdir):
        print(f"wrote {path}")
    if args.write_answers:
        print(f"wrote {write_answers()}")


if __name__ == "__main__":
    main()
