"""Workbooks on reporting contact-centre results: intervals, service level, KPIs.

Each topic is a seeded data generator and a separate answer function that
works out the expected answers from that data.
"""

from datetime import date, time

from content.workbooks.common import CURVE, DAYS, INTERVALS, _day, _records

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
