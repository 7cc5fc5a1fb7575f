"""Benchmarks: print figures, assert nothing. Run with `make bench`.

On PostgreSQL with gunicorn and a real Celery worker on Redis when both are
reachable, on SQLite with eager Celery otherwise (worker and lag figures are
then skipped). See bench/README.md for what each figure means.
"""

import os
import platform
import shutil
import time

from . import events, pages, worker
from .cpu import OTHER_SEEN
from .data import (
    Walks,
    curriculum_programme,
    import_curriculum_timed,
    make_learners,
    make_sized_programme,
    modules_of,
    seed_progress,
)
from .processes import celery_worker, gunicorn, wait_for_worker, web_shape
from .report import section, table
from .setup import choose_mode, flush_broker, setup_django

SIZES = (5, 80)


def main():
    began = time.perf_counter()
    mode = choose_mode()
    try:
        run(mode)
    except BaseException:
        print(f"\nlogs and the scratch site are kept in {mode.var_dir}")
        raise
    shutil.rmtree(mode.var_dir, ignore_errors=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nfinished in {time.perf_counter() - began:.0f} s; load average {load}")
    if OTHER_SEEN:
        most = max(OTHER_SEEN)
        print(f"other processes used up to {most:.2f} CPUs during the load sections")
        if most > 0.2:
            print("  (they competed with the benchmark: its figures are pessimistic)")


def run(mode):
    setup_django(mode)
    _header(mode)

    section("Importing the curriculum")
    modules, first, second = import_curriculum_timed()
    table(
        ["run", "seconds"],
        [["first import", f"{first:.2f}"], ["unchanged re-run", f"{second:.2f}"]],
        notes=[f"import_curriculum over content/: {modules} modules"],
    )

    data = _build_data()
    section("Public pages")
    pages.anonymous_pages()
    section("Recording an event: queries")
    recorded = events.recording_queries(mode, data["record"], data["walks"])
    section("Applying events: queries")
    worker.applying_queries(recorded)

    flush_broker(mode)
    with gunicorn(mode) as port:
        section('Signed-in pages: "My learning" and a module page')
        pages.learner_pages(port, data["pages"], data["done"])
        section("Events accepted over HTTP")
        events.http_throughput(
            mode, port, data["single"], data["batched"], data["walks"], data["warm"]
        )
        if not mode.has_worker:
            section("Events applied by one worker; roll-up lag")
            print("skipped: no broker, so there is no worker to measure")
            return
        flush_broker(mode)
        single, batched = worker.enqueue_backlog(data["single"], data["batched"])
        with celery_worker(mode) as process:
            wait_for_worker(process)
            section("Events applied by one worker")
            worker.drain(single, batched)
            section(f"Roll-up lag under a steady {worker.LAG_RATE} events/s")
            worker.lag(port, data["lag"], data["walks"])


def _header(mode):
    from django.conf import settings
    from django.db import connection

    section("Benchmark set-up")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)")
    print(f"python {platform.python_version()}, settings {settings.SETTINGS_MODULE}")
    print(
        f"database: {mode.database} ({connection.settings_dict['NAME']}), DEBUG={settings.DEBUG}"
    )
    broker = mode.broker_url or "none (Celery eager, in the request)"
    print(f"broker: {broker}")
    workers, threads = web_shape(mode)
    print(f"web: gunicorn, {workers} workers x {threads} threads, 127.0.0.1")
    for note in mode.notes:
        print(f"note: {note}")


def _build_data():
    """Learners for each run, the 5- and 80-module programmes, seeded progress."""
    start = time.perf_counter()
    walks = Walks()
    programme = curriculum_programme()
    sized = {size: make_sized_programme(size) for size in SIZES}
    data = {
        "walks": walks,
        "single": make_learners("single", 64, programme),
        "batched": make_learners("batched", 128, programme),
        "lag": make_learners("lag", 48, programme),
        "warm": make_learners("warm", 24, programme),
        "record": {s: make_learners(f"record{s}", 1, p)[0] for s, p in sized.items()},
        "pages": {s: make_learners(f"page{s}", 1, p)[0] for s, p in sized.items()},
        "done": {size: size // 2 for size in SIZES},
    }
    for size, learner in data["pages"].items():
        seed_progress(learner, walks, data["done"][size])
    for learner_programme in (programme, *sized.values()):
        walks.of(learner_programme)
    print(
        f"\ndata: {len(modules_of(programme))}-module curriculum programme, "
        f"programmes of {' and '.join(map(str, SIZES))} modules (copies of one real module), "
        f"{sum(len(data[k]) for k in ('single', 'batched', 'lag'))} learners; "
        f"built in {time.perf_counter() - start:.1f} s"
    )
    return data


if __name__ == "__main__":
    main()
