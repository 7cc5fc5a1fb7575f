"""Practice workbooks: every expected answer can be recomputed from the cells.

The recomputations below are written from the task wording alone; they never
call the answer functions of content/workbooks/ (data_tables, kpis, staffing).
"""

import json
import math
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from content.workbooks.build import build

ROOT = Path(__file__).resolve().parents[2]
ANSWERS_FILE = ROOT / "content" / "workbooks" / "answers.json"
CURRICULUM = ROOT / "content" / "curriculum"
ANSWERS = json.loads(ANSWERS_FILE.read_text())


def table(wb, sheet):
    """Read a sheet back as a list of dicts keyed by its header row."""
    header, *body = wb[sheet].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in body]


def minutes(clock):
    """Minutes after midnight of an interval start time."""
    return clock.hour * 60 + clock.minute


def excel_trim(text):
    """What Excel's TRIM does: drop outer spaces, squeeze inner runs to one."""
    return " ".join(part for part in text.split(" ") if part)


def tasks(wb):
    """Return {"task-N": question} from the Tasks sheet."""
    found = {}
    for label, question, *_ in wb["Tasks"].iter_rows(min_row=2, values_only=True):
        match = re.fullmatch(r"Task (\d+)", label or "")
        if match:
            found[f"task-{match.group(1)}"] = question
    return found


def recompute_lookups(wb):
    """Answers of the lookups workbook, recomputed from its cells."""
    team_of = {row["Agent ID"]: row["Team"] for row in table(wb, "Roster")}
    padded = leavers = summit = 0
    harbour_scores = []
    for row in table(wb, "QA export"):
        raw = row["Agent ID"]
        if raw[:1] == " " or raw[-1:] == " ":
            padded += 1
        team = team_of.get(excel_trim(raw).upper())
        if team is None:
            leavers += 1
        elif team == "Summit":
            summit += 1
        elif team == "Harbour":
            harbour_scores.append(row["QA score"])
    harbour = round(sum(harbour_scores) / len(harbour_scores), 1)
    return {"task-1": padded, "task-2": leavers, "task-3": harbour, "task-4": summit}


def recompute_pivots(wb):
    """Answers of the pivots workbook, recomputed from its cells."""
    rows = table(wb, "Contacts")
    per_day = {}
    for row in rows:
        per_day[row["Day"]] = per_day.get(row["Day"], 0) + 1
    complaints = [r["Handle (s)"] for r in rows if r["Reason"] == "Complaint"]
    harbour_monday = [r for r in rows if (r["Team"], r["Day"]) == ("Harbour", "Monday")]
    return {
        "task-1": len(harbour_monday),
        "task-2": len([r for r in rows if r["Reason"] == "Billing"]),
        "task-3": round(sum(complaints) / len(complaints)),
        "task-4": max(per_day.values()),
    }


def recompute_scorecard(wb):
    """Answers of the scorecard workbook, recomputed from its cells."""
    targets = {t["Measure"]: t for t in table(wb, "Targets")}
    miss_counts = []
    for agent in table(wb, "Scorecard"):
        misses = set()
        for measure, target in targets.items():
            lower_is_better = target["Better when"] == "Lower"
            gap = agent[measure] - target["Target"]
            if (gap > 0 and lower_is_better) or (gap < 0 and not lower_is_better):
                misses.add(measure)
        miss_counts.append(misses)
    return {
        "task-1": len([m for m in miss_counts if "AHT (s)" in m]),
        "task-2": len([m for m in miss_counts if "QA score" in m]),
        "task-3": len([m for m in miss_counts if len(m) > 1]),
        "task-4": len([m for m in miss_counts if len(m) == 0]),
    }


def recompute_intervals(wb):
    """Answers of the intervals workbook, recomputed from its cells."""
    rows = table(wb, "Intervals")
    ten = [r["Offered"] for r in rows if minutes(r["Interval"]) == 600]
    lunch = [r["Offered"] for r in rows if 720 <= minutes(r["Interval"]) <= 810]
    return {
        "task-1": sum(r["Offered"] for r in rows if r["Day"] == "Tuesday"),
        "task-2": round(sum(ten) / len(ten), 1),
        "task-3": sorted(r["Offered"] for r in rows)[-1],
        "task-4": sum(lunch),
    }


def recompute_service_level(wb):
    """Answers of the service-level workbook, recomputed from its cells."""
    rows = table(wb, "Intervals")
    totals = {}
    for row in rows:
        day = totals.setdefault(row["Day"], [0, 0, 0, 0])
        day[0] += row["Answered in 20s"]
        day[1] += row["Offered"]
        day[2] += row["Talk (s)"] + row["Hold (s)"] + row["ACW (s)"]
        day[3] += row["Answered"]
    monday, tuesday = totals["Monday"], totals["Tuesday"]
    below = [r for r in rows if r["Answered in 20s"] < 0.8 * r["Offered"]]
    return {
        "task-1": round(monday[0] / monday[1], 2),
        "task-2": round(tuesday[2] / tuesday[3]),
        "task-3": len(below),
        "task-4": round((monday[0] + tuesday[0]) / (monday[1] + tuesday[1]), 2),
    }


def recompute_occupancy(wb):
    """Answers of the occupancy workbook, recomputed from its cells."""
    required = int(re.search(r"needs (\d+) agents", tasks(wb)["task-3"]).group(1))
    agents = table(wb, "Agents")
    paid = sum(a["Paid (h)"] for a in agents)
    busy = sum(a["Handle (h)"] for a in agents)
    idle = sum(a["Available (h)"] for a in agents)
    shrinkage = round(1 - (busy + idle) / paid, 2)
    occupancies = [
        a["Handle (h)"] / (a["Handle (h)"] + a["Available (h)"]) for a in agents
    ]
    return {
        "task-1": round(busy / (busy + idle), 2),
        "task-2": shrinkage,
        "task-3": math.ceil(round(required / (1 - shrinkage), 6)),
        "task-4": len([o for o in occupancies if o > 0.9]),
    }


def recompute_kpi_review(wb):
    """Answers of the kpi-review workbook, recomputed from its cells."""
    months = sorted(table(wb, "Monthly"), key=lambda m: m["Month"])
    csat = [m["CSAT"] for m in months]
    return {
        "task-1": len([m for m in months if m["Service level"] < m["SL target"]]),
        "task-2": max(m["Offered"] for m in months),
        "task-3": months[-1]["AHT (s)"] - months[0]["AHT (s)"],
        "task-4": round(sum(csat) / len(csat), 2),
    }


def erlang_wait(traffic, agents):
    """Erlang C chance of waiting, from the textbook factorial formula."""
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    rest = sum(traffic**k / math.factorial(k) for k in range(agents))
    return top / (rest + top)


def answered_in_20s(calls, aht, agents):
    """Erlang C service level for a 30-minute interval and a 20-second target."""
    traffic = calls * aht / 1800
    if agents <= traffic:
        return 0.0
    return 1 - erlang_wait(traffic, agents) * math.exp(-(agents - traffic) * 20 / aht)


def fewest_agents(calls, aht):
    """Smallest whole number of agents reaching 80% within 20 seconds."""
    agents = 1
    while answered_in_20s(calls, aht, agents) < 0.8:
        agents += 1
    return agents


def recompute_erlang(wb):
    """Answers of the erlang workbook, recomputed from its cells."""
    rows = table(wb, "Forecast")
    row = next(r for r in rows if minutes(r["Interval"]) == 570)
    calls, aht = row["Forecast calls"], row["AHT (s)"]
    needed = fewest_agents(calls, aht)
    peak = max(fewest_agents(r["Forecast calls"], r["AHT (s)"]) for r in rows)
    shrinkage = int(re.search(r"Shrinkage is (\d+)%", tasks(wb)["task-5"]).group(1))
    return {
        "task-1": round(calls * aht / 1800, 1),
        "task-2": needed,
        "task-3": round(answered_in_20s(calls, aht, needed - 1), 2),
        "task-4": peak,
        "task-5": math.ceil(round(peak * 100 / (100 - shrinkage), 6)),
    }


def recompute_forecast(wb):
    """Answers of the forecast workbook, recomputed from its cells."""
    total = int(
        re.search(r"at ([\d,]+) calls", tasks(wb)["task-3"]).group(1).replace(",", "")
    )
    daily = table(wb, "Daily")
    recent = [r for r in daily if 9 <= r["Week"] <= 12]
    mondays = [r["Offered"] for r in recent if r["Day"] == "Monday"]
    share = round(sum(mondays) / sum(r["Offered"] for r in recent), 3)
    actual = sum(r["Offered"] for r in daily if r["Week"] == 12)
    forecast = sum(r["Forecast"] for r in table(wb, "Week 12 forecast"))
    return {
        "task-1": round(sum(mondays) / len(mondays)),
        "task-2": share,
        "task-3": round(total * share),
        "task-4": round(100 * (actual - abs(actual - forecast)) / actual, 1),
    }


def recompute_adherence(wb):
    """Answers of the adherence workbook, recomputed from its cells."""
    late, long_breaks, far = [], 0, 0
    for row in table(wb, "Day"):
        gap = minutes(row["Logged in"]) - minutes(row["Planned start"])
        if gap > 0:
            late.append(gap)
        if minutes(row["Break back"]) - minutes(row["Break out"]) > 15:
            long_breaks += 1
        if abs(minutes(row["Break out"]) - minutes(row["Planned break"])) > 10:
            far += 1
    return {
        "task-1": len(late),
        "task-2": sum(late),
        "task-3": long_breaks,
        "task-4": far,
    }


RECOMPUTE = {
    "lookups": recompute_lookups,
    "pivots": recompute_pivots,
    "scorecard": recompute_scorecard,
    "intervals": recompute_intervals,
    "service-level": recompute_service_level,
    "occupancy": recompute_occupancy,
    "kpi-review": recompute_kpi_review,
    "erlang": recompute_erlang,
    "forecast": recompute_forecast,
    "adherence": recompute_adherence,
}


def open_built(outdir):
    """Build every workbook into outdir and open each one, keyed by file stem."""
    return {Path(p).stem: openpyxl.load_workbook(p) for p in build(outdir)}


def cell_values(wb):
    """Every cell value of a workbook, sheet by sheet."""
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def module_workbook_keys():
    """The workbook keys named in module front matter across the curriculum."""
    keys = set()
    for path in CURRICULUM.rglob("[0-9]*.md"):
        front_matter = path.read_text().split("---", 2)[1]
        key = (yaml.safe_load(front_matter) or {}).get("workbook")
        if key:
            keys.add(key)
    return keys


def test_build_writes_one_workbook_for_every_answer_key(tmp_path):
    # Given the committed answers
    # When every workbook is built
    paths = build(tmp_path)
    # Then there is exactly one .xlsx file per answered workbook
    assert sorted(Path(p).name for p in paths) == sorted(f"{k}.xlsx" for k in ANSWERS)
    assert all(Path(p).is_file() for p in paths)


def test_every_answered_workbook_has_a_recomputation():
    # Given the committed answers, then each workbook has an independent check
    assert set(ANSWERS) == set(RECOMPUTE)


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_tasks_sheet_numbers_exactly_the_answered_tasks(tmp_path, key):
    # Given a built workbook
    wb = open_built(tmp_path)[key]
    # When its Tasks sheet is read
    listed = tasks(wb)
    # Then it lists 3 to 5 tasks, the same ones answers.json answers
    assert 3 <= len(listed) <= 5
    assert set(listed) == set(ANSWERS[key])
    assert all(question.strip() for question in listed.values())


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_committed_answers_match_answers_recomputed_from_the_cells(tmp_path, key):
    # Given a built workbook, read back from disk
    wb = open_built(tmp_path)[key]
    # When every task is recomputed from the raw cell values
    recomputed = RECOMPUTE[key](wb)
    # Then the committed answers agree
    assert recomputed == pytest.approx(ANSWERS[key], abs=1e-9)


def test_every_module_workbook_has_committed_answers():
    # Given the workbook keys that modules name in their front matter
    named = module_workbook_keys()
    # Then there is at least one, and every one has answers
    assert named
    assert named <= set(ANSWERS)


def test_building_twice_gives_the_same_cell_values(tmp_path):
    # Given two separate builds
    first = open_built(tmp_path / "first")
    second = open_built(tmp_path / "second")
    # Then every sheet of every workbook holds the same values
    assert first.keys() == second.keys()
    for key, wb in first.items():
        assert cell_values(wb) == cell_values(second[key]), key
