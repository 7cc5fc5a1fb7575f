"""The catalogue of practice workbooks: each key's seed, data, answers and tasks.

The task texts live here, next to the seed, because they quote the constants
the answer functions use (targets, shrinkage, break length).
"""

from content.workbooks.common import Spec
from content.workbooks.data_tables import (
    lookups_answers,
    lookups_data,
    pivots_answers,
    pivots_data,
    scorecard_answers,
    scorecard_data,
)
from content.workbooks.kpis import (
    intervals_answers,
    intervals_data,
    kpi_review_answers,
    kpi_review_data,
    service_level_answers,
    service_level_data,
)
from content.workbooks.staffing import (
    BREAK_MINUTES,
    ERLANG_SHRINKAGE,
    NEXT_WEEK_TOTAL,
    REQUIRED_AGENTS,
    adherence_answers,
    adherence_data,
    erlang_answers,
    erlang_data,
    forecast_answers,
    forecast_data,
    occupancy_answers,
    occupancy_data,
)

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
