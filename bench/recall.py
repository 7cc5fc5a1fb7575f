"""Predicted recall on the cohort pages: the last section of `python -m bench.dashboard`.

On the data bench/cohort_data.py builds (real review cards for the measured
2,000-learner cohort, whose recall rows the nightly refresh wrote; generated
recall rows for the 200-learner pilot and the other cohorts), in-process with
django.test.Client, WARMUP runs, one counted, RUNS timed (median and p95):

  - the dashboard page with the "Predicted recall today" heat-map layer
    (GET /admin/cohorts/<pk>/dashboard/?heat=recall) as a superuser and as the
    cohort's programme manager, for the 2,000-learner cohort and the pilot,
    beside the issue's targets (<= 12 queries, p50 <= 150 ms);
  - the learner drill-down page (lms_cohorts:learner, recall by competency)
    for the measured cohort's first learner with recall rows, both users;

then what the page shows (recall layer, daily-review panel, the cohort's
recall and participation sums), the nightly recall refresh the data builder
timed (lms.review.recall.refresh_everyone: only the measured cohort has
cards), what one card's retrievability costs, and the slowest statements of
one recall page (timed with `connection.execute_wrapper`). Asserts nothing.
"""

import time
from datetime import timedelta

from .report import number, table

# The targets for the heat-map with recall: the dashboard's own.
TARGET_QUERIES = 12
TARGET_P50_MS = 150
SLOWEST = 3  # statements shown from one run of the recall page
PER_CARD_RUNS = 200


def measure_recall(data, measure, line):
    """Measure and print. `measure` and `line` are bench.dashboard's, passed in
    because that module runs as __main__ and is not importable as itself."""
    from django.urls import reverse

    from lms.cohorts.dashboard import cohort_dashboard
    from lms.models import Cohort, CompetencyRecall, Enrolment
    from lms.review.cohort_figures import participation, recall_averages

    cohort = Cohort.objects.select_related("programme").get(pk=data.measured.pk)
    pilot = Cohort.objects.select_related("programme").get(pk=data.pilot.pk)
    superuser = _client(data.superuser)
    users = [("superuser", superuser)]
    clients = {
        c.pk: [*users, ("its manager", _client(c.managers.get()))]
        for c in (cohort, pilot)
    }
    enrolment = (
        Enrolment.objects.filter(
            cohort=cohort, user_id__in=CompetencyRecall.objects.values("user_id")
        )
        .order_by("pk")
        .first()
    )

    def page(c, as_client):
        url = reverse("lms_cohorts:dashboard", args=[c.pk]) + "?heat=recall"
        return lambda: _get(as_client, url)

    learner_url = reverse("lms_cohorts:learner", args=[cohort.pk, enrolment.pk])
    pages = []
    for c in (cohort, pilot):
        size = f"{c.enrolments.count():,} learners"
        for who, as_client in clients[c.pk]:
            pages.append(measure(f"recall page, {size}, as {who}", page(c, as_client)))
    managers_page = page(cohort, clients[cohort.pk][1][1])
    learner = [
        measure(f"learner page with recall, as {who}", lambda a=a: _get(a, learner_url))
        for who, a in clients[cohort.pk]
    ]

    print()
    print(f"Predicted recall: {cohort.name} and {pilot.name}")
    print()
    table(
        ["", "median ms", "p95 ms", "queries", "target", ""],
        [line(f, TARGET_P50_MS, TARGET_QUERIES) for f in pages]
        + [line(f) for f in learner],
        notes=[
            "recall page: GET .../dashboard/?heat=recall (heat-map layer "
            '"Predicted recall today", with the daily-review panel)',
            f"learner page: GET .../learners/{enrolment.pk}/ "
            f"(user {enrolment.user_id}, "
            f"{CompetencyRecall.objects.filter(user_id=enrolment.user_id).count()} "
            "recall rows); the issue sets no target for it",
        ],
    )
    _shown(pages, learner)
    dashboard = cohort_dashboard(cohort)
    shares, as_of = recall_averages(cohort, dashboard)
    week = participation(dashboard)
    print(
        f"cohort sums: recall over {len(shares)} competencies, "
        f"{min(shares.values()):.0%}-{max(shares.values()):.0%}, as of {as_of:%H:%M:%S}; "
        f"last 7 days: {week['reviewers']:,} of {week['learners']:,} learners reviewed, "
        f"{week['answers']:,} answers, {week['percent_right']}% right"
    )
    _refresh(data.recall)
    _slowest(pages[1].name, managers_page)


def _client(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _get(client, url):
    response = client.get(url)
    return response.status_code, response.content


def _shown(pages, learner):
    """Each page's HTTP status and whether the recall parts are in it."""
    marks = {
        "recall layer": b"the average over their review cards",
        "daily-review panel": b'id="review-participation-figures"',
        "recall table": b'id="recall-table"',
    }
    print()
    for figures in [*pages, *learner]:
        status, body = figures.result
        found = [name for name, mark in marks.items() if mark in body]
        print(f"{figures.name}: HTTP {status}, shows {', '.join(found) or 'nothing'}")


def _refresh(refresh):
    """The data builder's refresh, and the cost of one card's retrievability."""
    from django.utils import timezone
    from fsrs import Card, State

    from lms.review.recall import retrievability
    from lms.review.schedule import scheduler

    print()
    per_card = refresh.seconds / refresh.cards * 1000 if refresh.cards else None
    print(
        f"nightly recall refresh (lms.review.recall.refresh_everyone, rows written "
        f"for the first time): {refresh.learners:,} learners x "
        f"{refresh.cards / max(1, refresh.learners):.0f} cards "
        f"({refresh.cards:,} cards, {refresh.rows:,} recall rows) in "
        f"{refresh.seconds:.1f} s, {refresh.queries} queries; "
        f"{number(per_card, 3)} ms per card"
    )
    fsrs = scheduler(0.9)  # the one lms.review.recall uses
    now = timezone.now()
    last = now - timedelta(days=5)
    start = time.perf_counter()
    for _ in range(PER_CARD_RUNS):
        retrievability(2, 5.0, last, now)
    app = (time.perf_counter() - start) / PER_CARD_RUNS * 1000
    start = time.perf_counter()
    for n in range(PER_CARD_RUNS):
        card = Card(card_id=n, state=State.Review, stability=5.0, last_review=last)
        fsrs.get_card_retrievability(card, now)
    given = (time.perf_counter() - start) / PER_CARD_RUNS * 1000
    print(
        f"one card's retrievability: lms.review.recall.retrievability {app:.3f} ms; "
        f"with fsrs.Card(card_id=...) given {given:.4f} ms "
        "(fsrs.Card() without a card_id sleeps 1 ms to keep the ids it makes unique)"
    )


def _slowest(name, function, top=SLOWEST):
    """The slowest statements of one more run of a page."""
    from django.db import connection

    timings = []

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - start) * 1000, sql))

    start = time.perf_counter()
    with connection.execute_wrapper(wrapper):
        function()
    total = (time.perf_counter() - start) * 1000
    print()
    print(
        f"{name}, one run: {total:.1f} ms, of which "
        f"{sum(ms for ms, _sql in timings):.1f} ms in {len(timings)} statements; "
        "slowest:"
    )
    for ms, sql in sorted(timings, reverse=True)[:top]:
        text = " ".join(sql.split())
        print(f"  {ms:6.1f} ms  {text[:150]}{'...' if len(text) > 150 else ''}")
