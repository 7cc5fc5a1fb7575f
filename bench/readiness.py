"""Readiness benchmark: `python -m bench.readiness`. Prints figures with the
issue's targets beside them and asserts nothing.

Database: the cohort benchmark's (bench/cohort_data.py: 20,000 learners, 1.2
million module-progress rows, review cards and recall rows) in its own scratch
PostgreSQL database `frontline_readiness_bench` on the server of
`BENCH_PG_URL`, dropped and recreated on each run and left in place afterwards.
It needs PostgreSQL (the data goes in with COPY); if the server does not
answer, the benchmark says so and exits 0. Settings, set-up and the timing
helpers are bench.dashboard's: `config.settings.dev` with DEBUG off, Celery
eager, in-process Django test client.

Data: on top, bench/readiness_data.py gives the measured 2,000-learner cohort
("Pipeline cohort 05") trait ratings with history, verdicts, moves, approved
stretch projects with rubric ratings, self-assessments, shared time-audit
weeks and twelve weeks of nightly readiness snapshots.

Measured, after WARMUP runs, one run counted with `connection.execute_wrapper`,
then RUNS timed runs (p50 and p90):

  (a) data: the grid (every learner's profile), the baseline snapshot and the
      "ready now" trend, as the page computes them;
  (b) the cohort's Readiness page (grid and table), GET
      /admin/cohorts/<pk>/readiness/, as a superuser and as the cohort's
      programme manager;
  (c) its XLSX export (?export=xlsx), read to the end, parsed and its rows counted;
  (d) the naive baseline: each learner's profile computed one at a time
      (lms.readiness.evidence.evidence_for_enrolment in a loop, the profile
      page's own computation), NAIVE_RUNS runs; ratio = its median / (a)'s,
      with a check that both give every learner the same scores and box;
  and, for information, the mentor's page of one mentor of the cohort and the
  admin home with its "Ready now" column, as the manager.

Knobs: BENCH_PG_URL, BENCH_READINESS_DATABASE (frontline_readiness_bench),
BENCH_READINESS_RUNS (20), BENCH_READINESS_NAIVE_RUNS (1),
BENCH_DASHBOARD_WARMUP (2), BENCH_READINESS_REUSE=1 (or `--reuse`): keep the
scratch database when it exists and was built by the same data generators
(bench/readiness_build.py), so a rerun skips the five-minute build; migrate
still runs, so new migrations (an index) are measured.
"""

import io
import os
import shutil
import sys
import tempfile
import time

os.environ["BENCH_DASHBOARD_DATABASE"] = os.environ.get(
    "BENCH_READINESS_DATABASE", "frontline_readiness_bench"
)

from . import readiness_build  # noqa: E402
from .dashboard import (  # noqa: E402
    _fetch,
    _load,
    _lock,
    _page_queries,
    _scratch_database,
    _setup_django,
    count_queries,
    measure,
)
from .report import number, percentile, section, table, verdict  # noqa: E402

RUNS = int(os.environ.get("BENCH_READINESS_RUNS", "20"))
NAIVE_RUNS = int(os.environ.get("BENCH_READINESS_NAIVE_RUNS", "1"))
REUSE = os.environ.get("BENCH_READINESS_REUSE") == "1" or "--reuse" in sys.argv
TARGET_QUERIES = 12
TARGET_P50_MS = 150
TARGET_XLSX_MS = 3000


def main():
    started = time.perf_counter()
    print("Readiness benchmark")
    print(f"machine: {os.cpu_count()} CPUs, load average {_load()}")
    lock = _lock()
    if lock is None:
        return 0
    var_dir = tempfile.mkdtemp(prefix="frontline-readiness-bench-")
    try:
        data = readiness_build.reused(lock, var_dir) if REUSE else None
        if data is None:
            url = _scratch_database(lock)
            _setup_django(url, var_dir)
            data = _generate(url)
            readiness_build.remember(data)
        _measure(data)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
        lock.close()
    print()
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average {_load()}")
    return 0


def _generate(url):
    from datetime import UTC, datetime

    from . import cohort_data, readiness_data

    section("Generating the data")
    data = cohort_data.build(url)
    cohort = data.measured
    counts, seconds = readiness_data.build(url, cohort, datetime.now(UTC))
    table(
        ["step", "seconds"],
        [
            [
                "cohort benchmark data (bench/cohort_data.py)",
                number(data.timings["total"], 1),
            ],
            ["readiness data for the measured cohort", number(seconds, 1)],
        ],
    )
    print()
    table(
        ["table", "rows"],
        [[name, number(count)] for name, count in counts.items()],
        notes=[f"for {cohort.name}, {cohort.enrolments.count():,} learners"],
    )
    return data


def _p90(figures):
    return percentile(figures.times, 0.9)


def _line(figures, target_ms=None, target_q=None):
    checks, targets = [], []
    if target_q is not None:
        targets.append(f"<= {target_q} q")
        checks.append(f"q {verdict(figures.queries, target_q, at_least=False)}")
    if target_ms is not None:
        targets.append(f"p50 <= {number(target_ms)} ms")
        checks.append(f"ms {verdict(figures.median, target_ms, at_least=False)}")
    return [
        figures.name,
        number(figures.median, 1),
        number(_p90(figures), 1),
        figures.queries,
        ", ".join(targets),
        ", ".join(checks),
    ]


def _page_data(cohort):
    from django.utils import timezone

    from lms.readiness.grid import grid_for
    from lms.readiness.movement import baseline_for, ready_now_trend

    def figures():
        today = timezone.localdate()
        grid = grid_for(cohort, today=today)
        baseline = baseline_for(cohort, today)
        trend = ready_now_trend(cohort, today, grid.ready_now, len(grid.profiles))
        return grid, baseline, trend

    return figures


def _naive(enrolments):
    """Each learner's profile on its own: {enrolment: (scores, boxes, verdict)}."""
    from lms.readiness.evidence import evidence_for_enrolment

    found = {}
    for enrolment in enrolments:
        _evidence, p = evidence_for_enrolment(enrolment)
        found[p.enrolment_id] = _key(p)
    return found


def _key(profile):
    return (
        profile.performance_score,
        profile.potential_score,
        profile.boxes,
        profile.verdict,
    )


def _measure(data):
    from django.test import Client
    from django.urls import reverse

    from lms.models import Cohort, Enrolment

    cohort = Cohort.objects.select_related("programme").get(pk=data.measured.pk)
    manager_user = cohort.managers.get()
    mentor_user = cohort.mentors.order_by("pk").first()
    clients = {}
    for name, user in (
        ("superuser", data.superuser),
        ("manager", manager_user),
        ("mentor", mentor_user),
    ):
        clients[name] = Client(HTTP_HOST="localhost")
        clients[name].force_login(user)
    page_url = reverse("lms_cohorts:readiness", args=[cohort.pk])

    def get(who, url):
        return lambda: _fetch(clients[who], url)

    section(f"Readiness: {cohort.name}")
    print(
        f"{cohort.enrolments.count():,} learners; {RUNS} timed runs after the "
        "warm-up runs; p50 and p90 in ms"
    )
    rollup = measure("(a) data: grid, baseline, trend", _page_data(cohort), RUNS)
    page = measure(
        "(b) Readiness page, as a superuser", get("superuser", page_url), RUNS
    )
    managers = measure(
        "(b) Readiness page, as its manager", get("manager", page_url), RUNS
    )
    export = measure(
        "(c) XLSX export, as its manager",
        get("manager", page_url + "?export=xlsx"),
        RUNS,
    )
    mentees = measure(
        "mentor's page (their mentees)",
        get("mentor", reverse("lms_readiness_mentees")),
        RUNS,
    )
    home = measure(
        "admin home with Ready now, manager",
        get("manager", reverse("wagtailadmin_home")),
        RUNS,
    )
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort).select_related("cohort").order_by("pk")
    )
    naive = _naive_figures(enrolments)
    for figures in (page, managers, export, mentees, home):
        status = figures.result[0]
        if status != 200:
            print(f"  {figures.name}: HTTP {status}")
    print()
    table(
        ["", "p50 ms", "p90 ms", "queries", "target", ""],
        [
            _line(rollup),
            _line(page, TARGET_P50_MS, TARGET_QUERIES),
            _line(managers, TARGET_P50_MS, TARGET_QUERIES),
            _line(export, TARGET_XLSX_MS),
            _line(naive),
            _line(mentees),
            _line(home),
        ],
        notes=[
            "in-process Django test client: server time without the network",
            "queries: one run counted with connection.execute_wrapper",
            "the XLSX time includes reading the whole file from the response",
            f"naive: {len(enrolments):,} profiles one at a time, {NAIVE_RUNS} run(s)",
        ],
    )
    _page_queries(page, managers)
    _ratio(rollup, naive)
    _agreement(rollup.result[0], naive.result)
    _export_check(export.result, len(enrolments))
    _grid_mix(rollup.result)


def _naive_figures(enrolments):
    from .dashboard import Figures

    result, statements = count_queries(lambda: _naive(enrolments))
    times = []
    for _ in range(NAIVE_RUNS):
        start = time.perf_counter()
        _naive(enrolments)
        times.append((time.perf_counter() - start) * 1000)
    return Figures("(d) naive, one profile at a time", result, statements, times)


def _ratio(rollup, naive):
    ratio = naive.median / rollup.median if rollup.median else None
    print()
    print(f"naive one-at-a-time / (a) the page's data: {number(ratio, 1)}x")


def _agreement(grid, naive):
    same = sum(1 for p in grid.profiles if naive.get(p.enrolment_id) == _key(p))
    print(f"same scores, box and verdict both ways: {same:,}/{len(grid.profiles):,}")


def _export_check(result, learners):
    status, _content_type, body = result
    try:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        print(
            f"XLSX export: HTTP {status}, {len(body):,} bytes, {len(rows) - 1:,} "
            f"learner rows + heading (cohort has {learners:,}); headings: "
            f"{', '.join(str(h) for h in rows[0])}"
        )
    except Exception as error:  # noqa: BLE001 - report, never fail
        print(f"XLSX export: HTTP {status}, could not parse: {error}")


def _grid_mix(result):
    grid, baseline, trend = result
    counts = ", ".join(f"{key}: {n}" for key, n in sorted(grid.counts.items()))
    print(
        f"grid: {counts}; not placed {len(grid.unplaced)}; ready now {grid.ready_now}; "
        f"baseline {baseline.taken_on}; trend points {len(trend.points)}"
    )


if __name__ == "__main__":
    sys.exit(main())
