"""Time-audit benchmark: `python -m bench.time_audit`.

Prints figures with the issue's targets beside them and asserts nothing.

Database: SQLite in a temporary folder (`config.settings.dev`, DEBUG off, Celery
eager), migrated from scratch and deleted afterwards; the development database is
never touched. Data: a catalogue with one programme, course and module (a
markdown block and a question), and two learners enrolled in it with the same
choices, one with 1 logged week and one with 52 (a year), each week shared, and
a mentor on both enrolments; the module is tagged with three competencies and
each learner has three complete self-assessment rounds (bench.assessment_data).

Measured in-process with django.test.Client (force_login, HTTP_HOST=localhost):
one GET counted with `connection.execute_wrapper` after a warm-up, then RUNS
timed GETs (median and p95) of: the audit page (/learn/time/), a week's entry
form, the CSV export (read to the end), the mentor's view of the shared weeks,
the gap picture (/learn/assessment/<enrolment>/), My learning (which carries the audit's panel), and beside them the module page.

Knobs: BENCH_TIME_AUDIT_RUNS (30).
"""

import io
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from functools import partial

from .assessment_data import rate_rounds, tag_module
from .report import number, percentile, section, table, verdict
from .setup import ROOT

RUNS = int(os.environ.get("BENCH_TIME_AUDIT_RUNS", "30"))
TARGET_QUERIES = 12
SIZES = (1, 52)


def main():
    print("Time-audit and gap-picture benchmark")
    print(f"machine: {os.cpu_count()} CPUs, load average {_load()}")
    var_dir = tempfile.mkdtemp(prefix="frontline-time-audit-bench-")
    try:
        _setup_django(var_dir)
        people, module = _generate()
        _measure(people, module)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _setup_django(var_dir):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "VAR_DIR": var_dir,
            "DATABASE_URL": f"sqlite:///{var_dir}/bench.sqlite3",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
        }
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("migrate", interactive=False, **quiet)
    call_command("setup_catalog", **quiet)


def _generate():
    from django.contrib.auth import get_user_model

    from lms.enrolment.services import enrol
    from lms.models import Enrolment
    from lms.time_audit import services

    module = _module()
    tag_module(module)
    programme = module.get_parent().get_parent().specific
    users = get_user_model().objects
    mentor = users.create_user("bench-mentor", email="mentor@example.com")
    mentor.groups.add(_group("Mentors"))
    people = {}
    for size in SIZES:
        learner = users.create_user(f"bench-{size}", email=f"l{size}@example.com")
        enrol(learner, programme)
        Enrolment.objects.filter(user=learner).update(mentor=mentor)
        rate_rounds(Enrolment.objects.get(user=learner))
        profile = services.save_profile(
            learner, version="leader", contracted_hours=50, sacred_goal=Decimal("4")
        )
        for n in range(size):
            monday = services.this_week() - timedelta(weeks=n)
            hours = [Decimal(h) for h in (4 + n % 3, 10, 16, 2, 8)]
            services.save_week(
                learner, profile, monday, hours, Decimal(20), Decimal(10), shared=True
            )
        people[size] = learner
    people["mentor"] = mentor
    return people, module


def _group(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name)


def _module():
    from courses.models import CatalogPage, CoursePage, ModulePage, ProgrammePage

    catalog = CatalogPage.objects.first()
    programme = catalog.add_child(
        instance=ProgrammePage(title="Bench programme", slug="bench", summary="P.")
    )
    course = programme.add_child(
        instance=CoursePage(
            title="Bench course",
            slug="bench-course",
            summary="C.",
            skill_area="difficult-personalities",
        )
    )
    question = {
        "prompt": "Who speaks first?",
        "kind": "single",
        "options": [
            {"text": f"Option {n}", "correct": n == 1, "feedback": "Because."}
            for n in range(3)
        ],
    }
    module = ModulePage(
        title="Bench module",
        slug="bench-module",
        summary="Let them finish.",
        minutes=5,
        objectives=[("objective", "Listen first"), ("objective", "Name it back")],
        body=[("markdown", "Let the caller **finish**."), ("question", question)],
    )
    return course.add_child(instance=module)


def count_queries(call):
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = call()
    return result, statements


def _get(client, path):
    """GET a page, reading a streamed one to its end."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def _measure(people, module):
    from django.test import Client

    from lms.time_audit.categories import week_label
    from lms.time_audit.services import this_week

    section("Time-audit pages (in-process)")
    week = f"/learn/time/week/{week_label(this_week())}/"
    rows = []
    pages = [
        ("audit page", "/learn/time/", "learner", True),
        ("week entry", week, "learner", False),
        ("CSV export", "/learn/time/export.csv", "learner", False),
        ("mentor's view", "/learn/time/learners/{pk}/", "mentor", True),
        ("gap picture", "/learn/assessment/{enrolment}/", "learner", True),
        ("My learning", "/learn/", "learner", False),
        ("module page", module.url, "learner", False),
    ]
    for name, url, who, judged in pages:
        for size in SIZES:
            learner = people[size]
            client = Client(HTTP_HOST="localhost")
            client.force_login(people["mentor"] if who == "mentor" else learner)
            enrolment = learner.enrolments.get().pk
            path = url.format(pk=learner.pk, enrolment=enrolment)
            get = partial(_get, client, path)
            get()
            response, statements = count_queries(get)
            times = []
            for _ in range(RUNS):
                started = time.perf_counter()
                get()
                times.append((time.perf_counter() - started) * 1000)
            status = (
                "" if response.status_code == 200 else f" (HTTP {response.status_code})"
            )
            rows.append(
                [
                    name + status,
                    f"{size} week{'s' if size > 1 else ''}",
                    len(statements),
                    number(percentile(times, 0.5), 1),
                    number(percentile(times, 0.95), 1),
                    f"<= {TARGET_QUERIES}, same at 1 and 52" if judged else "",
                    verdict(len(statements), TARGET_QUERIES, False) if judged else "",
                ]
            )
    table(
        ["page", "logged", "queries", "p50 ms", "p95 ms", "target", ""],
        rows,
        notes=[
            f"{RUNS} timed GETs each after one warm-up and one counted GET",
            "SQLite file, DEBUG off; the module page is there for comparison",
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
