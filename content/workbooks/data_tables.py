"""Workbooks on working with tables: lookups, pivots and a target scorecard.

Each topic is a seeded data generator and a separate answer function that
works out the expected answers from that data.
"""

from collections import Counter

from content.workbooks.common import CHANNELS, DAYS, NAMES, TEAMS, _day, _records

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
