"""The sums modules work in their prose, and the answers of their calculation
questions, recomputed.

`::: example` blocks are recomputed in test_curriculum.py. Many modules also
work a figure in a sentence ("In a 40-hour week, 5 hours is 12.5%") or ask a
question whose correct option is a number. Each is listed here with the words
that hold it and its sum: the test finds the words in the module, so an edit
to the sentence shows up here, and recomputes the sum, so a wrong figure does.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest

import content
from content.loader import load_curriculum
from courses.formulas import evaluate

CONTENT = Path(content.__file__).parent
CURRICULUM = load_curriculum(CONTENT)
MODULES = {m.slug: m for m in CURRICULUM.modules()}
QUESTIONS = {
    b.data.id: b.data
    for m in MODULES.values()
    for b in m.blocks
    if b.kind == "question"
}

# (module, words in the module that state the figure, the sum, the figure as written)
# fmt: off
PROSE = [
    ("why-difficult-people-skills-matter", "Now 53% of the answers are about people", "28 + 14 + 11", "53"),
    ("the-grow-coaching-conversation", "That adds up to ten.", "2 + 3 + 3 + 2", "10"),
    ("triage-your-team", "45 minutes each: 90 minutes", "2 * 45", "90"),
    ("triage-your-team", "25 minutes each: 150 minutes", "6 * 25", "150"),
    ("triage-your-team", "15 minutes each: 60 minutes", "4 * 15", "60"),
    ("where-your-time-goes", "Supporting staff: 15 hours, or 30%", "15 / 50 * 100", "30"),
    ("where-your-time-goes", "Administration: 22 hours, or 44%", "22 / 50 * 100", "44"),
    ("where-your-time-goes", "Personal development: 1 hour, or 2%", "1 / 50 * 100", "2"),
    ("where-your-time-goes", "Everything else: 7 hours, or 14%", "7 / 50 * 100", "14"),
    ("where-your-time-goes", "That adds up to 50 hours and 100%.", "5 + 15 + 22 + 1 + 7", "50"),
    ("where-your-time-goes", "In a **40-hour** week, 5 hours is 12.5%", "5 / 40 * 100", "12.5"),
    ("where-your-time-goes", "Administration: 18 hours, or 36%", "18 / 50 * 100", "36"),
    ("where-your-time-goes", "That still adds up to 50 hours.", "9 + 15 + 18 + 1 + 7", "50"),
    ("team-huddles-that-work", "That adds up to ten minutes.", "2 + 2 + 3 + 2 + 1", "10"),
    ("working-with-interval-data", "A day from 08:00 to 20:00 is 24 rows.", "(20 - 8) * 2", "24"),
    ("working-with-interval-data", "A five-day week is 120.", "(20 - 8) * 2 * 5", "120"),
    ("working-with-interval-data", "such as 0.4375, which is 10:30", "0.4375 * 24", "10.5"),
    ("service-level-and-aht", "Leave out all abandons:** 47 ÷ 55 = 85%", "47 / 55 * 100", "85"),
    ("service-level-and-aht", "47 ÷ (62 − 3) = 47 ÷ 59 = 80%", "47 / (62 - 3) * 100", "80"),
    ("service-level-and-aht", "20 calls with 19 in time, which is 95%", "19 / 20 * 100", "95"),
    ("service-level-and-aht", "60 calls with 36 in time, which is 60%", "36 / 60 * 100", "60"),
    ("service-level-and-aht", "The average of 95% and 60% is 77.5%", "(95 + 60) / 2", "77.5"),
    ("service-level-and-aht", "In minutes it is 350 ÷ 60 = 5.83", "350 / 60", "5.83"),
    ("occupancy-and-shrinkage", "Nine people lose 6.75 hours each, which is 60.75 hours", "9 * 6.75", "60.75"),
    ("occupancy-and-shrinkage", "Together that is 98.25 of the team's 375 paid hours", "9 * 6.75 + 37.5", "98.25"),
    ("occupancy-and-shrinkage", "One absence moved shrinkage up by about 8 points", "(98.25 / 375 - 6.75 / 37.5) * 100", "8"),
    ("occupancy-and-shrinkage", "Adding 30% on top gives 45 × 1.3 = 58.5", "45 * 1.3", "58.5"),
    ("occupancy-and-shrinkage", "With 65 scheduled, 65 × 0.7 = 45.5", "65 * 0.7", "45.5"),
    ("erlang-c-staffing-in-excel", "200 calls of 180 seconds each are 36,000 seconds", "200 * 180", "36000"),
    ("erlang-c-staffing-in-excel", "- 22 agents: 54.5%", "service_level(20, 22, 180, 20) * 100", "54.5"),
    ("erlang-c-staffing-in-excel", "- 23 agents: 70.2%", "service_level(20, 23, 180, 20) * 100", "70.2"),
    ("erlang-c-staffing-in-excel", "- 24 agents: 80.9%", "service_level(20, 24, 180, 20) * 100", "80.9"),
    ("erlang-c-staffing-in-excel", "- 25 agents: 88.0%", "service_level(20, 25, 180, 20) * 100", "88.0"),
    ("erlang-c-staffing-in-excel", "With 30% shrinkage, 24 ÷ 0.7 = 34.3", "24 / 0.7", "34.3"),
    ("erlang-c-staffing-in-excel", "25 agents give 88%", "service_level(20, 25, 180, 20) * 100", "88"),
    ("erlang-c-staffing-in-excel", "24 give 81%", "service_level(20, 24, 180, 20) * 100", "81"),
    ("erlang-c-staffing-in-excel", "23 give 70%", "service_level(20, 23, 180, 20) * 100", "70"),
    ("forecasting-volume-in-excel", "add up to 9,880", "2410 + 2530 + 2480 + 2460", "9880"),
    ("forecasting-volume-in-excel", "180 ÷ 2,580 is about 7%", "180 / 2580 * 100", "7"),
    ("time-maths-and-adherence-in-excel", "08:00 is 0.333333 of a day", "8 / 24", "0.333333"),
    ("time-maths-and-adherence-in-excel", "08:10 is 0.340278", "(8 + 10 / 60) / 24", "0.340278"),
    ("time-maths-and-adherence-in-excel", "480 − 10 − 20 − 20 = 430", "480 - 10 - 20 - 20", "430"),
    ("cost-per-contact", "The four costs add up to 40,000.", "30000 + 3500 + 4000 + 2500", "40000"),
    ("cost-per-contact", "it drops to 40,000 ÷ 12,500 = 3.20", "40000 / 12500", "3.20"),
    ("budgets-and-headcount", "which is 90 hours, and 90 ÷ 37.5 = 2.4 FTE", "4 * 22.5 / 37.5", "2.4"),
    ("budgets-and-headcount", "37.5 hours × 52 weeks = 1,950 hours", "37.5 * 52", "1950"),
    ("budgets-and-headcount", "so the salary is 27,300", "37.5 * 52 * 14", "27300"),
    ("budgets-and-headcount", "People are close to 84% of it.", "33500 / 40000 * 100", "84"),
    ("budgets-and-headcount", "19.2 × 1.2 = 23.04 FTE", "19.2 * 1.2", "23.04"),
    ("budgets-and-headcount", "23.04 × 0.8 leaves only 18.43 FTE", "19.2 * 1.2 * 0.8", "18.43"),
    ("budgets-and-headcount", "You need 19.2 ÷ 0.75 = 25.6 FTE.", "19.2 / 0.75", "25.6"),
    ("budgets-and-headcount", "Five points of shrinkage cost 1.6 extra FTE", "19.2 / 0.75 - 19.2 / 0.8", "1.6"),
    ("budgets-and-headcount", "or about 52,400 a year", "round(1.6 * 32760 / 100) * 100", "52400"),
    ("budgets-and-headcount", "the rate of 14 becomes 21 an hour", "14 * 1.5", "21"),
    ("budgets-and-headcount", "Eighty hours at 21 cost 1,680", "80 * 21", "1680"),
    ("budgets-and-headcount", "at the normal 14 would cost 1,120", "80 * 14", "1120"),
    ("reading-a-simple-p-and-l", "**Revenue: 120,000**", "5000 * 24", "120000"),
    ("reading-a-simple-p-and-l", "**Total costs: 105,000**", "72000 + 14000 + 9000 + 10000", "105000"),
    ("reading-a-simple-p-and-l", "Revenue falls by 200 × 24 = 4,800, to 115,200", "5000 * 24 - 200 * 24", "115200"),
    ("reading-a-simple-p-and-l", "Revenue is 32,000 × 3.75 = 120,000", "32000 * 3.75", "120000"),
    ("reading-a-simple-p-and-l", "so profit falls to 9,000", "32000 * 3.75 - 105000 - 6000", "9000"),
    ("explaining-budget-variance", "1,600 hours at 15 an hour. That is 24,000.", "1600 * 15", "24000"),
    ("explaining-budget-variance", "That is 1,700 × 15.50 = 26,350.", "1700 * 15.5", "26350"),
    ("explaining-budget-variance", "Check: 1,500 + 850 = 2,350.", "(1700 - 1600) * 15 + 0.5 * 1700", "2350"),
    ("linking-kpis-to-business-results", "At 70% FCR, 3,000 issues come back.", "10000 * (1 - 0.70)", "3000"),
    ("linking-kpis-to-business-results", "At 75% FCR, 2,500 come back.", "10000 * (1 - 0.75)", "2500"),
    ("linking-kpis-to-business-results", "that is 2,000 a month, or 24,000 a year", "500 * 4.00", "2000"),
    ("linking-kpis-to-business-results", "At a [[churn-rate|churn rate]] of 15%, 15,000 leave each year.", "100000 * 0.15", "15000"),
    ("linking-kpis-to-business-results", "1,000 more customers stay", "100000 * (0.15 - 0.14)", "1000"),
    ("linking-kpis-to-business-results", "has 6 ÷ 15 = 40% attrition", "6 / 15 * 100", "40"),
    ("linking-kpis-to-business-results", "Keep 3 of those people, and you save 15,000.", "3 * 5000", "15000"),
    ("reporting-kpis-upward", "at 78% means 10,920 answered in time", "14000 * 0.78", "10920"),
    ("reporting-kpis-upward", "An 80% month on 30,000 calls needs 24,000 in time.", "0.80 * 30000", "24000"),
    ("reporting-kpis-upward", "must supply 13,080 of them", "0.80 * 30000 - 14000 * 0.78", "13080"),
    ("making-a-business-case", "At a [[cost-per-contact|cost per contact]] of 4.00, they cost 3,600 a month.", "900 * 4.00", "3600"),
    ("making-a-business-case", "it saves 1,600 a month", "400 * 4.00", "1600"),
    ("talking-to-clients", "giving 89.3%", "(1 - 2400 / 22400) * 100", "89.3"),
    ("ivr-and-self-service", "If 10,000 calls enter the IVR and 3,000 end there, containment is 30%.", "3000 / 10000 * 100", "30"),
    ("ivr-and-self-service", "Only 2,400 were truly served", "3000 - 600", "2400"),
    ("the-kpi-family-tree", "1,000 calls a day at 6 minutes, which is 6,000 minutes", "1000 * 6", "6000"),
    ("the-kpi-family-tree", "1,100 × 5.5 = 6,050 minutes", "1100 * 5.5", "6050"),
    ("handle-time-and-productivity-metrics", "that is 357 ÷ 480 = 74.4%", "357 / 480 * 100", "74.4"),
    ("handle-time-and-productivity-metrics", "420 ÷ 480 = 87.5%", "(357 + 63) / 480 * 100", "87.5"),
    ("handle-time-and-productivity-metrics", "That is 30 minutes out of adherence", "15 + 15", "30"),
    ("quality-and-customer-metrics", "280 ÷ 1,280 = 21.9% of all contacts", "280 / (1000 + 280) * 100", "21.9"),
    ("quality-and-customer-metrics", "Promoters are 110 of 200, or 55%.", "110 / 200 * 100", "55"),
    ("quality-and-customer-metrics", "Detractors are 40 of 200, or 20%.", "40 / 200 * 100", "20"),
]
# fmt: on

# (question, the sum, the figure its correct options show, in their text or feedback)
# fmt: off
ANSWERS = [
    ("attendance-and-lateness-conversation-q2", "10 + 15 + 10 + 12 + 8 + 15", "70"),
    ("where-your-time-goes-q1", "9 / 45 * 100", "20"),
    ("pivot-tables-for-contact-data-q4", "36000 / 120", "300"),
    ("working-with-interval-data-q3", "(60 + 66 + 54 + 62 + 58) / 5", "60"),
    ("service-level-and-aht-q1", "60 / 80 * 100", "75"),
    ("service-level-and-aht-q2", "(19 + 36) / (20 + 60) * 100", "69"),
    ("service-level-and-aht-q3", "(10000 + 800 + 2000) / 40", "320"),
    ("occupancy-and-shrinkage-q1", "30 / (30 + 6) * 100", "83"),
    ("occupancy-and-shrinkage-q2", "120 / 400 * 100", "30"),
    ("occupancy-and-shrinkage-q3", "36 / (1 - 0.25)", "48"),
    ("occupancy-and-shrinkage-q5", "48 * 0.8", "38.4"),
    ("occupancy-and-shrinkage-q5", "40 / (1 - 0.2)", "50"),
    ("erlang-c-staffing-q1", "150 * 300 / 1800", "25"),
    ("erlang-c-staffing-q4", "30 / (1 - 0.25)", "40"),
    ("forecasting-volume-in-excel-q1", "(2100 + 2180 + 2060 + 2140) / 4", "2,120"),
    ("forecasting-volume-in-excel-q2", "9600 * 0.18", "1,728"),
    ("forecasting-volume-in-excel-q3", "(1 - abs(2500 - 3000) / 2500) * 100", "80.0"),
    ("time-maths-and-adherence-q1", "round(0.008333 * 1440)", "12"),
    ("time-maths-and-adherence-q2", "max(0, 5) + max(0, -3) + max(0, 0) + max(0, 8)", "13"),
    ("conditional-formatting-scorecards-q3", "min(1, max(0, 352 - 360)) + min(1, max(0, 85 - 75)) + min(1, max(0, 90 - 96)) + min(1, max(0, 75 - 77))", "1"),
    ("cost-per-contact-q1", "27000 / 9000", "3.00"),
    ("cost-per-contact-q2", "40000 / 5.00", "8,000"),
    ("budgets-and-headcount-q1", "8 + 4 * 15 / 37.5", "9.6"),
    ("budgets-and-headcount-q2", "18 / (1 - 0.25)", "24"),
    ("budgets-and-headcount-q4", "50 * 14 * 1.5", "1,050"),
    ("budgets-and-headcount-q5", "6 * 50 / 37.5", "8"),
    ("reading-a-simple-p-and-l-q1", "(80000 - 70000) / 80000 * 100", "12.5"),
    ("reading-a-simple-p-and-l-q2", "150 * 24", "3,600"),
    ("explaining-budget-variance-q1", "450 * 16 - 400 * 16", "800"),
    ("explaining-budget-variance-q3", "1000 * 15 - 1000 * 14", "1,000"),
    ("linking-kpis-to-business-results-q1", "5000 * (0.84 - 0.80) * 3", "600"),
    ("linking-kpis-to-business-results-q3", "5 / 20 * 100", "25"),
    ("linking-kpis-to-business-results-q3", "5 * 4000", "20,000"),
    ("reporting-kpis-upward-q2", "(0.80 * 24000 - 0.75 * 12000) / 12000 * 100", "85"),
    ("making-a-business-case-q1", "9000 / (600 * 2.50)", "6"),
    ("talking-to-clients-q2", "(22400 - 20000) / 20000 * 100", "12"),
    ("ivr-and-self-service-q1", "(2000 - 400) / 8000 * 100", "20"),
    ("workforce-management-basics-q1", "14 / (1 - 0.3)", "20"),
    ("workforce-management-basics-q4", "(1 - abs(250 - 200) / 250) * 100", "80"),
    ("the-kpi-family-tree-q2", "1100 * 5.5", "6,050"),
    ("speed-metrics-q2", "9000 / 300", "30"),
    ("handle-time-and-productivity-metrics-q2", "340 / (340 + 60) * 100", "85"),
    ("handle-time-and-productivity-metrics-q3", "(480 - 60) / 480 * 100", "87.5"),
    ("quality-and-customer-metrics-q1", "(150 - 60) / 300 * 100", "30"),
]
# fmt: on


def flat(text):
    return " ".join(text.split())


def matches_written(value, written):
    """True when value rounds to the figure at the precision it is written with."""
    number = Decimal(written.replace(",", ""))
    places = max(0, -number.as_tuple().exponent)
    return round(value, places) == float(number)


def shows(text, written):
    """True when text holds the figure as a whole number, not inside a longer one."""
    return (
        re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", text) is not None
    )


@pytest.mark.parametrize(
    ("slug", "words", "expression", "written"),
    PROSE,
    ids=[f"{slug}:{written}" for slug, _w, _e, written in PROSE],
)
def test_a_figure_worked_in_a_module_is_right(slug, words, expression, written):
    module = MODULES[slug]
    assert flat(words) in flat(module.path.read_text(encoding="utf-8")), (
        f"{slug}: the words {words!r} are gone; update PROSE with the new sentence"
    )

    value = evaluate(expression, {})

    assert matches_written(value, written), (
        f"{slug}: {expression} = {value}, text says {written}"
    )


@pytest.mark.parametrize(
    ("qid", "expression", "written"),
    ANSWERS,
    ids=[f"{qid}:{written}" for qid, _e, written in ANSWERS],
)
def test_a_calculation_questions_correct_option_is_right(qid, expression, written):
    right = [o for o in QUESTIONS[qid].options if o.correct]
    shown = " ".join(f"{o.text} {o.feedback}" for o in right)

    value = evaluate(expression, {})

    assert shows(shown, written), f"{qid}: the correct option no longer shows {written}"
    assert matches_written(value, written), (
        f"{qid}: {expression} = {value}, option says {written}"
    )


def test_every_listed_module_and_question_exists():
    assert {slug for slug, *_ in PROSE} <= set(MODULES)
    assert {qid for qid, *_ in ANSWERS} <= set(QUESTIONS)


@pytest.mark.parametrize(
    ("value", "written", "expected"),
    [
        (12.5, "12.5", True),
        (12.46, "12.5", True),
        (12.4, "12.5", False),
        (1050, "1,050", True),
    ],
)
def test_matches_written_rounds_to_the_written_precision(value, written, expected):
    assert matches_written(value, written) is expected


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("about 20%", "20", True),
        ("20,000 a year", "20", False),
        ("1.20 each", "20", False),
    ],
)
def test_shows_finds_whole_figures_only(text, written, expected):
    assert shows(text, written) is expected
