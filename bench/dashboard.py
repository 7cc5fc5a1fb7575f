"""Cohort dashboard benchmark: `python -m bench.dashboard`.

Prints figures with the issue's targets beside them and asserts nothing.

Database: a scratch PostgreSQL database `frontline_cohort_bench` on the
server of `BENCH_PG_URL` (default postgresql://postgres@127.0.0.1:5432/postgres),
dropped and recreated on each run and left in place afterwards for
inspection. If the server does not answer, the benchmark says so and exits 0.
Settings: `config.settings.dev` with DEBUG=false, no broker (Celery eager),
VAR_DIR in a temporary folder. Only 127.0.0.1 is contacted.

Data (bench/cohort_data.py): two generated 48-module programmes (6 courses x
8 modules, 3 questions each, 2-3 of 12 competencies per module); 10 cohorts
of 2,000 learners on the first, plus a 200-learner pilot cohort; every
learner also has progress in the second programme (self-enrolled, no cohort),
which is how 20,000 learners reach ~1.2 million module-progress rows
(20,000 x 48 = 960,000 at most in one programme). Roll-ups are computed from
the raw rows. Spaced review: real review cards for the measured cohort, whose
recall rows the nightly job's own refresh writes (timed); generated recall
rows for everyone else; review days for about 60% of the learners. See that
module's docstring.

Measured, in-process with django.test.Client (force_login of a superuser,
HTTP_HOST=localhost), for the 2,000-learner "Pipeline cohort 05" (started 15
weeks ago, all modules open): after WARMUP runs, one run counted with
`connection.execute_wrapper`, then RUNS timed runs (median and p95):

  (a) data: lms.cohorts.dashboard.cohort_dashboard, every figure the page shows; the
      most-missed questions come from the latest nightly snapshot
  (b) the admin dashboard page, GET /admin/cohorts/<pk>/dashboard/, as a
      superuser and as the cohort's programme manager (whose admin menus also
      read their permissions and page and collection permissions)
  (c) its XLSX export (?export=xlsx), the file read to the end
  (d) naive baselines computing the same figures (learner table: completed
      modules, last activity, score, status; completion per course;
      competency averages; most-missed questions) from raw ModuleProgress and
      QuestionResponse rows instead of roll-ups:
        - per learner: two queries per learner (the classic N+1), Python sums;
        - bulk: one query for all the cohort's raw rows, summed in Python.
      Both reuse the app's own schedule and status rules, so only the data
      source differs. Ratio = naive median / (a) median. The naive figures
      are compared with the roll-up ones and the agreement is printed.

Then (a) and (b) again for the 200-learner pilot cohort, to show the query
count does not grow with the cohort; and the XLSX file is parsed (openpyxl)
and its rows counted. For information, the nightly job's work that no page
does: lms.cohorts.missed_questions.most_missed over the raw answers, and the whole
lms.cohorts.snapshots.take_snapshot (NIGHTLY runs).

Last, predicted recall (bench/recall.py): the dashboard page with the recall
heat-map layer (?heat=recall) as a superuser and as the programme manager, for
both cohorts, and the learner drill-down page with recall by competency; the
nightly recall refresh the data builder timed; the slowest statements of the
recall page.

Knobs: BENCH_PG_URL, BENCH_DASHBOARD_DATABASE (frontline_cohort_bench),
BENCH_DASHBOARD_RUNS (30), BENCH_DASHBOARD_WARMUP (2).
"""

import io
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlsplit

from . import recall
from .report import number, percentile, section, table, verdict
from .setup import PG_ADMIN_URL, ROOT

# Another name lets two checkouts (or a second run) work beside each other.
SCRATCH_DATABASE = os.environ.get("BENCH_DASHBOARD_DATABASE", "frontline_cohort_bench")
RUNS = int(os.environ.get("BENCH_DASHBOARD_RUNS", "30"))
WARMUP = int(os.environ.get("BENCH_DASHBOARD_WARMUP", "2"))
TARGET_QUERIES = 12
TARGET_P50_MS = 150
TARGET_RATIO = 20
TARGET_XLSX_MS = 3000
NIGHTLY = 5  # timed runs of the nightly job's work, which no page does


def main():
    started = time.perf_counter()
    print("Cohort dashboard benchmark")
    print(f"machine: {os.cpu_count()} CPUs, load average {_load()}")
    lock = _lock()
    if lock is None:
        return 0
    var_dir = tempfile.mkdtemp(prefix="frontline-cohort-bench-")
    try:
        url = _scratch_database(lock)
        _setup_django(url, var_dir)
        data = _generate(url)
        _measure(data)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
        lock.close()
    print()
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average {_load()}")
    return 0


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- set-up ------------------------------------------------------------------


def _lock():
    """A session advisory lock on the server: one run at a time uses the scratch database.

    Returns the connection holding it, or None (and a message) when the server
    is unreachable or another run holds the lock.
    """
    try:
        import psycopg

        conn = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except Exception as error:  # noqa: BLE001 - any failure means "cannot run"
        print(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {error}")
        print("The cohort dashboard benchmark needs PostgreSQL; nothing measured.")
        return None
    locked = conn.execute(
        "SELECT pg_try_advisory_lock(hashtext(%s))", [SCRATCH_DATABASE]
    ).fetchone()[0]
    if not locked:
        conn.close()
        print(
            f"another run is using the scratch database {SCRATCH_DATABASE}; "
            "nothing measured."
        )
        return None
    return conn


def _scratch_database(conn):
    """Drop and recreate the scratch database; returns its URL."""
    version = conn.execute("SHOW server_version").fetchone()[0]
    conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
    conn.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    print(f"database: PostgreSQL {version}, scratch database {SCRATCH_DATABASE}")
    return urlsplit(PG_ADMIN_URL)._replace(path=f"/{SCRATCH_DATABASE}").geturl()


def _setup_django(url, var_dir):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": url,
            "VAR_DIR": var_dir,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)  # no broker: Celery runs eagerly
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    start = time.perf_counter()
    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("migrate", interactive=False, **quiet)
    call_command("setup_catalog", **quiet)
    print("settings: config.settings.dev, DEBUG=false, Celery eager (no broker)")
    print(f"migrate + setup_catalog: {time.perf_counter() - start:.1f} s")


def _generate(url):
    from . import cohort_data

    section("Generating the data")
    data = cohort_data.build(url)
    t = data.timings
    table(
        ["step", "seconds"],
        [
            [
                "pages: 2 programmes x 6 courses x 8 modules (treebeard add_child)",
                number(t["pages"], 1),
            ],
            ["cohorts, mentors, managers, learner plans", number(t["plans"], 1)],
            [
                "COPY users, progress, responses, enrolments, roll-ups",
                number(t["copy"], 1),
            ],
            [
                "COPY review cards (measured cohort), recall and review-day rows",
                number(t["review"], 1),
            ],
            [
                "nightly recall refresh of the measured cohort (refresh_everyone)",
                number(t["recall"], 1),
            ],
            ["snapshots, sequences, VACUUM ANALYZE", number(t["vacuum"], 1)],
            [
                "tonight's snapshot of the running cohorts (lms.cohorts.snapshots)",
                number(t["nightly"], 1),
            ],
            ["total", number(t["total"], 1)],
        ],
    )
    print()
    table(
        ["table", "rows"],
        [[name, number(count)] for name, count in cohort_data.row_counts()],
        notes=[
            f"{cohort_data.COHORTS} cohorts x {cohort_data.LEARNERS_PER_COHORT:,} "
            f"learners + a {cohort_data.PILOT_LEARNERS}-learner pilot cohort; "
            "progress in two 48-module programmes per learner",
        ],
    )
    return data


# --- measuring ---------------------------------------------------------------


def count_queries(function):
    """Run `function`; return (its result, the SQL statements it executed)."""
    from django.db import connection

    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = function()
    return result, statements


@dataclass
class Figures:
    name: str
    result: object
    statements: list
    times: list = field(default_factory=list)

    @property
    def queries(self):
        return len(self.statements)

    @property
    def median(self):
        return percentile(self.times, 0.5)

    @property
    def p95(self):
        return percentile(self.times, 0.95)


def measure(name, function, runs=RUNS):
    """Warm up, count the queries of one run, then time `runs` runs (ms)."""
    for _ in range(WARMUP):
        function()
    result, statements = count_queries(function)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return Figures(name, result, statements, times)


def _fetch(client, url):
    response = client.get(url)
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code, response.get("Content-Type", ""), body


def _measure(data):
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from lms.cohorts.dashboard import cohort_dashboard
    from lms.cohorts.missed_questions import most_missed
    from lms.cohorts.snapshots import take_snapshot
    from lms.models import Cohort

    cohort = Cohort.objects.select_related("programme").get(pk=data.measured.pk)
    pilot = Cohort.objects.select_related("programme").get(pk=data.pilot.pk)
    client = Client(HTTP_HOST="localhost")
    client.force_login(data.superuser)
    manager = Client(HTTP_HOST="localhost")
    manager.force_login(cohort.managers.get())

    def data_of(c):
        def figures():
            dashboard = cohort_dashboard(c)
            return dashboard, dashboard.missed

        return figures

    def page_of(c, as_client=client):
        url = reverse("lms_cohorts:dashboard", args=[c.pk])
        return lambda: _fetch(as_client, url)

    section(f"Cohort dashboard: {cohort.name}")
    print(
        f"{cohort.enrolments.count():,} learners, {cohort.get_pacing_display().lower()}, "
        f"started {cohort.start_date}; {RUNS} timed runs after {WARMUP} warm-up runs"
    )
    rollup = measure("(a) data: cohort_dashboard", data_of(cohort))
    missed = measure(
        "nightly: most_missed from raw answers", lambda: most_missed(cohort), NIGHTLY
    )
    nightly = measure(
        "nightly: take_snapshot (all of it)",
        lambda: take_snapshot(cohort, timezone.localdate()),
        NIGHTLY,
    )
    page = measure("(b) admin dashboard page", page_of(cohort))
    managers_page = measure("(b) page, as its manager", page_of(cohort, manager))
    export_url = reverse("lms_cohorts:dashboard", args=[cohort.pk]) + "?export=xlsx"
    export = measure("(c) XLSX export", lambda: _fetch(client, export_url))
    naive = measure(
        "(d) naive, per-learner queries",
        lambda: naive_dashboard(cohort, per_learner=True),
    )
    bulk = measure(
        "(d) naive, bulk rows + Python",
        lambda: naive_dashboard(cohort, per_learner=False),
    )
    small_data = measure("(a) data, 200-learner pilot", data_of(pilot))
    small_page = measure("(b) page, 200-learner pilot", page_of(pilot))

    for figures in (page, managers_page, export, small_page):
        status, _content_type, _body = figures.result
        if status != 200:
            print(f"  {figures.name}: HTTP {status}")
    print()
    table(
        ["", "median ms", "p95 ms", "queries", "target", ""],
        [
            _line(rollup, TARGET_P50_MS, TARGET_QUERIES),
            _line(page, TARGET_P50_MS, TARGET_QUERIES),
            _line(managers_page, TARGET_P50_MS, TARGET_QUERIES),
            _line(export, TARGET_XLSX_MS),
            _line(naive),
            _line(bulk),
            _line(small_data, TARGET_P50_MS, TARGET_QUERIES),
            _line(small_page, TARGET_P50_MS, TARGET_QUERIES),
            _line(missed),
            _line(nightly),
        ],
        notes=[
            "in-process Django test client: server time without the network",
            "queries: one run counted with connection.execute_wrapper",
            "the XLSX time includes reading the whole file from the response",
            "(a) includes the most-missed questions, read from the latest snapshot;",
            "  the nightly lines are the snapshot job that works them out "
            f"({NIGHTLY} runs, not part of any page)",
        ],
    )
    _page_queries(page, managers_page, small_page)
    _ratios(rollup, naive, bulk)
    _agreement(rollup.result, naive.result, bulk.result)
    _export_check(export.result, cohort)
    _status_mix(rollup.result[0])
    recall.measure_recall(data, measure, _line)


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
        number(figures.p95, 1),
        figures.queries,
        ", ".join(targets),
        ", ".join(checks),
    ]


FRAMEWORK_TABLES = {
    "django_session": "session",
    "auth_user": "user and Wagtail profile",
    "wagtailusers_userprofile": "Wagtail user profile",
    "wagtailcore_locale": "Wagtail admin chrome",
    "wagtailcore_page": "Wagtail admin chrome",
    "wagtailcore_grouppagepermission": "Wagtail admin chrome",
    "wagtailcore_groupcollectionpermission": "Wagtail admin chrome",
    "auth_permission": "user's permissions",
}


def _page_queries(*pages):
    """Where each page's queries go: the view's own, and the admin's around it."""
    print()
    for page in pages:
        sources = Counter()
        for sql in page.statements:
            found = re.search(r'\bFROM "([a-z_0-9]+)"', sql)
            table_name = found.group(1) if found else "?"
            sources[FRAMEWORK_TABLES.get(table_name, "the view")] += 1
        parts = ", ".join(f"{name} {count}" for name, count in sources.most_common())
        print(f"{page.name.strip()}: {page.queries} queries = {parts}")


def _ratios(rollup, naive, bulk):
    print()
    rows = []
    for baseline in (naive, bulk):
        ratio = baseline.median / rollup.median if rollup.median else None
        rows.append(
            [
                baseline.name.replace("(d) ", "") + " / (a) roll-ups",
                number(ratio, 1) + "x",
                f">= {TARGET_RATIO}x",
                verdict(ratio, TARGET_RATIO, at_least=True),
            ]
        )
    table(["ratio of medians", "", "target", ""], rows)


# --- the naive baseline --------------------------------------------------------


@dataclass
class NaiveDashboard:
    rows: dict  # user id -> (completed, last active, score, status)
    course_completion: list  # [percent] in schedule order
    competencies: list  # [(competency id, share, learners)] weakest first
    missed: list  # [(question id, answers, correct, wrong option text)]


def naive_dashboard(cohort, per_learner=True, now=None):
    """The dashboard's figures from raw progress and answers, not from roll-ups."""
    from django.db.models import Q
    from django.utils import timezone

    from courses.models import ModulePage, TaggedCompetency
    from lms.cohorts.schedule import expected_modules, schedule_for
    from lms.cohorts.statuses import learner_status
    from lms.models import Enrolment, ModuleProgress, QuestionResponse

    now = now or timezone.now()
    programme = cohort.programme
    schedule = schedule_for(programme)
    expected = expected_modules(cohort, schedule, timezone.localdate(now))
    modules = {
        m.pk: m
        for m in ModulePage.objects.live().filter(path__startswith=programme.path)
    }
    course_ids = {course.path: course.pk for course, _count in schedule.courses}
    course_of = {pk: course_ids.get(m.path[: -m.steplen]) for pk, m in modules.items()}
    tags = defaultdict(list)
    for module_id, competency_id in TaggedCompetency.objects.values_list(
        "content_object_id", "tag_id"
    ):
        tags[module_id].append(competency_id)
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("user", "mentor")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    progress = defaultdict(list)
    answers = defaultdict(list)
    if per_learner:
        for enrolment in enrolments:
            user = enrolment.user_id
            progress[user] = list(
                ModuleProgress.objects.filter(
                    user_id=user, module_id__in=modules
                ).values_list("module_id", "status", "last_activity_at")
            )
            answers[user] = list(
                QuestionResponse.objects.filter(user_id=user).values_list(
                    "module_id", "question_id", "correct", "chosen"
                )
            )
    else:
        users = Enrolment.objects.filter(cohort=cohort).values("user_id")
        for user, *row in ModuleProgress.objects.filter(
            Q(user__in=users), module_id__in=modules
        ).values_list("user_id", "module_id", "status", "last_activity_at"):
            progress[user].append(row)
        for user, *row in QuestionResponse.objects.filter(user__in=users).values_list(
            "user_id", "module_id", "question_id", "correct", "chosen"
        ):
            answers[user].append(row)

    rows = {}
    per_course = Counter()
    # competency -> answered, correct, learners
    mastery = defaultdict(lambda: [0, 0, 0])
    questions = defaultdict(lambda: [0, 0, Counter()])  # id -> answers, right, wrong
    for enrolment in enrolments:
        user = enrolment.user_id
        completed, last = 0, None
        for module_id, status, last_activity in progress[user]:
            if status == ModuleProgress.Status.COMPLETED:
                completed += 1
                per_course[course_of[module_id]] += 1
            if last_activity and (last is None or last_activity > last):
                last = last_activity
        answered = correct = 0
        learner = defaultdict(lambda: [0, 0])
        for module_id, question_id, right, chosen in answers[user]:
            for competency in tags.get(module_id, ()):
                learner[competency][0] += 1
                learner[competency][1] += right
            if module_id in modules:
                answered += 1
                correct += right
                stats = questions[(module_id, question_id)]
                stats[0] += 1
                stats[1] += right
                if not right:
                    stats[2].update(chosen or [])
        for competency, (done, good) in learner.items():
            totals = mastery[competency]
            totals[0] += done
            totals[1] += good
            totals[2] += 1
        shadow = SimpleNamespace(
            modules_completed=completed,
            last_activity_at=last,
            questions_answered=answered,
            questions_correct=correct,
        )
        score = round(100 * correct / answered) if answered else None
        rows[user] = (
            completed,
            last,
            score,
            learner_status(shadow, cohort, expected, now),
        )
    learners = len(enrolments)
    course_completion = [
        round(100 * per_course[course.pk] / (count * learners))
        if count and learners
        else 0
        for course, count in schedule.courses
    ]
    competencies = sorted(
        (
            (competency, good / done, count)
            for competency, (done, good, count) in mastery.items()
            if done
        ),
        key=lambda item: item[1],
    )
    return NaiveDashboard(
        rows, course_completion, competencies, _naive_missed(questions, modules)
    )


def _naive_missed(questions, modules, limit=10, min_answers=3):
    """Lowest share correct first, as lms.cohorts.missed_questions orders them."""
    ranked = sorted(
        (
            (right / answers, -answers, question_id, module_id, answers, right, wrong)
            for (module_id, question_id), (answers, right, wrong) in questions.items()
            if answers >= min_answers
        ),
        key=lambda item: item[:3],
    )[:limit]
    found = []
    for _share, _neg, question_id, module_id, answers, right, wrong in ranked:
        text = ""
        block = next(
            (
                b.value
                for b in modules[module_id].body
                if b.block_type == "question" and b.id == question_id
            ),
            None,
        )
        if block is not None:
            options = {item.id: item.value for item in block["options"].bound_blocks}
            wrong_only = Counter(
                {
                    k: v
                    for k, v in wrong.items()
                    if not options.get(k, {}).get("correct")
                }
            )
            if wrong_only:
                option_id = wrong_only.most_common(1)[0][0]
                text = options[option_id]["text"] if option_id in options else ""
        found.append((question_id, answers, right, text))
    return found


# --- checks ----------------------------------------------------------------------


def _agreement(rollup_result, naive, bulk):
    dashboard, missed = rollup_result
    rows = {
        row.enrolment.user_id: (row.completed, row.last_active, row.score, row.status)
        for row in dashboard.rows
    }
    courses = [percent for _course, percent in dashboard.course_completion]
    competencies = [
        (c.pk, round(share, 9), n) for c, share, n in dashboard.competencies
    ]
    questions = [(m.question_id, m.answers, m.correct, m.wrong_option) for m in missed]
    print()
    lines = []
    for name, other in (("per-learner", naive), ("bulk", bulk)):
        same_rows = sum(1 for user, row in rows.items() if other.rows.get(user) == row)
        differing = [u for u, r in rows.items() if other.rows.get(u) != r][:3]
        lines.append(
            [
                name,
                f"{same_rows:,}/{len(rows):,}",
                "same" if courses == other.course_completion else "differ",
                "same"
                if competencies
                == [(c, round(s, 9), n) for c, s, n in other.competencies]
                else "differ",
                "same" if questions == other.missed else "differ",
            ]
        )
        for user in differing:
            print(
                f"  {name}: user {user} roll-up {rows[user]} naive {other.rows.get(user)}"
            )
    table(
        [
            "naive vs roll-up",
            "learner rows equal",
            "courses",
            "competencies",
            "most missed",
        ],
        lines,
        notes=["learner row = completed modules, last activity, score, status"],
    )


def _export_check(result, cohort):
    status, content_type, body = result
    try:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        print()
        print(
            f"XLSX export: HTTP {status}, {len(body):,} bytes, {len(rows) - 1:,} learner "
            f"rows + heading (cohort has {cohort.enrolments.count():,}); "
            f"headings: {', '.join(str(h) for h in rows[0])}"
        )
    except Exception as error:  # noqa: BLE001 - report, never fail
        print(f"XLSX export: HTTP {status}, {content_type}, could not parse: {error}")


def _status_mix(dashboard):
    from lms.cohorts.statuses import AT_RISK, BEHIND, ON_TRACK

    print(
        f"cohort figures: {dashboard.learners:,} learners, {dashboard.completion}% "
        f"complete, {dashboard.active_this_week:,} active this week, "
        f"{dashboard.count(ON_TRACK):,} on track, {dashboard.count(BEHIND):,} behind, "
        f"{dashboard.count(AT_RISK):,} at risk; {len(dashboard.snapshots)} snapshots"
    )


if __name__ == "__main__":
    sys.exit(main())
