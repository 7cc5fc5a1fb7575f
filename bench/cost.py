"""CPU cost of recording and applying events, in-process: `python -m bench.cost`.

A focused companion to `python -m bench`: on a busy machine wall-clock rates
wander, but CPU time per request or per event much less, so this is the
figure to compare before and after a change. It builds the same scratch site
in its own database (`BENCH_DATABASE`, default `frontline_bench_cost`), then:

- posts single events and batches of 50 through the Django test client (the
  whole middleware stack, token auth, the on-commit hand-off to the broker);
- applies what was recorded with `lms.progress.rollup.apply_events`: 100 single
  events one per call, then the rest drained 500 at a time (many learners,
  as a worker drains under load), then each batch of 50 (one learner) per call.

`--profile single|batch|apply1|drain|apply50` prints where that section's CPU
goes (cProfile). Prints figures; asserts nothing.
"""

import cProfile
import json
import os
import pstats
import sys
import time
from functools import partial

# Read by bench.setup when it is imported: a database of its own, so this can
# run while `python -m bench` uses frontline_bench.
os.environ.setdefault("BENCH_DATABASE", "frontline_bench_cost")

from .data import (  # noqa: E402
    Walks,
    curriculum_programme,
    import_curriculum_timed,
    make_learners,
    stamp,
)
from .report import number, percentile, section, table  # noqa: E402
from .setup import choose_mode, flush_broker, setup_django  # noqa: E402

LEARNERS = 64
SINGLE_REQUESTS = int(os.environ.get("BENCH_COST_SINGLE", "1100"))
BATCH_REQUESTS = int(os.environ.get("BENCH_COST_BATCHES", "40"))
APPLY_ALONE = 100
DRAIN = 500
BATCH = 50
WARM_UP = 20


def main():
    profile = (
        sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else ""
    )
    mode = choose_mode()
    setup_django(mode)
    import_curriculum_timed()
    learners = make_learners("cost", LEARNERS, curriculum_programme())
    walks = Walks()
    streams = {learner.token: walks.stream(learner.programme) for learner in learners}
    flush_broker(mode)
    print(f"database: {mode.database}, broker: {mode.broker_url or 'none'}")
    singles, single_row = _post_singles(_interleave(learners, streams), profile)
    batches, batch_row = _post_batches(learners, walks, profile)
    alone, drained = singles[:APPLY_ALONE], singles[APPLY_ALONE:]
    rows = [
        single_row,
        batch_row,
        _apply([[pk] for pk in alone], "apply 1 event per call", profile == "apply1"),
        # The rest, oldest first, from many learners: what a worker does under load.
        _apply(
            [[]] * (len(drained) // DRAIN),
            f"drain {DRAIN} waiting events per call",
            profile == "drain",
            DRAIN,
        ),
        _apply(
            [batches[i : i + BATCH] for i in range(0, len(batches), BATCH)],
            f"apply {BATCH} events per call",
            profile == "apply50",
        ),
    ]
    section("CPU per request and per event, in-process")
    table(
        [
            "what",
            "calls",
            "events",
            "CPU ms/call p50",
            "CPU ms/event",
            "wall ms/call p50",
            "queries/call",
        ],
        rows,
        notes=[
            "CPU = time.process_time of this process (Django, ORM, driver, broker",
            "client), median per call; CPU per event = that median x calls / events;",
            "the database server's and Redis's own CPU are not included",
        ],
    )
    flush_broker(mode)


def _interleave(learners, streams):
    """Learners take turns, one event at a time, each in order."""
    plan = []
    longest = max(len(stream) for stream in streams.values())
    for position in range(longest):
        for learner in learners:
            stream = streams[learner.token]
            if position < len(stream):
                plan.append((learner.token, stream[position]))
    return plan


class _Meter:
    """CPU and wall time per call, and queries per call, over a run of calls."""

    def __init__(self, profile):
        self.calls = self.queries = 0
        self.cpus, self.walls = [], []
        self.profiler = cProfile.Profile(time.process_time) if profile else None

    def run(self, function):
        from django.db import connection

        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            wall, cpu = time.perf_counter(), time.process_time()
            if self.profiler:
                self.profiler.enable()
            result = function()
            if self.profiler:
                self.profiler.disable()
            self.cpus.append(time.process_time() - cpu)
            self.walls.append(time.perf_counter() - wall)
        self.calls += 1
        self.queries += count[0]
        return result

    def row(self, name, events):
        if self.profiler:
            section(f"profile: {name}")
            stats = pstats.Stats(self.profiler)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(25)
        # Medians: a call that another process pre-empted should not count.
        cpu = percentile(self.cpus, 0.5) or 0
        return [
            name,
            number(self.calls),
            number(events),
            number(cpu * 1000, 2),
            number(cpu * 1000 * self.calls / max(events, 1), 3),
            number((percentile(self.walls, 0.5) or 0) * 1000, 2),
            number(self.queries / max(self.calls, 1), 1),
        ]


def _post(client, path, token, body):
    response = client.post(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    if response.status_code not in (200, 201):
        raise RuntimeError(
            f"{path}: HTTP {response.status_code} {response.content[:300]!r}"
        )
    return response.json()


def _client():
    from django.test import Client

    return Client(HTTP_HOST="localhost", raise_request_exception=True)


def _post_singles(plan, profile):
    client, meter, ids = _client(), _Meter(profile == "single"), []
    for token, event in plan[:WARM_UP]:  # token last-used stamps, answer keys
        ids.append(_post(client, "/api/events", token, stamp(event))["id"])
    for token, event in plan[WARM_UP : WARM_UP + SINGLE_REQUESTS]:
        post = partial(_post, client, "/api/events", token, stamp(event))
        ids.append(meter.run(post)["id"])
    return ids, meter.row("POST /api/events (1 event)", len(ids) - WARM_UP)


def _post_batches(learners, walks, profile):
    client, meter, ids = _client(), _Meter(profile == "batch"), []
    requests = []
    for learner in learners:
        # Past what the single-event run sent, so every batch is fresh.
        stream = _last_modules(walks.of(learner.programme), BATCH * 3)
        for start in range(0, len(stream) - BATCH + 1, BATCH):
            requests.append((learner.token, stream[start : start + BATCH]))
    for token, events in requests[:BATCH_REQUESTS]:
        body = {"events": [stamp(event) for event in events]}
        results = meter.run(partial(_post, client, "/api/events/batch", token, body))
        ids.extend(result["id"] for result in results["results"])
    return ids, meter.row(f"POST /api/events/batch ({BATCH} events)", len(ids))


def _last_modules(module_walks, count):
    """At least `count` events of the last modules, from a module's first event:
    a completion is refused until its module's questions are answered."""
    tail = []
    for walk in reversed(module_walks):
        tail[:0] = walk
        if len(tail) >= count:
            return tail
    return tail


def _apply(groups, name, profile, drain=0):
    from lms.progress.rollup import apply_events

    meter, applied = _Meter(profile), 0
    for ids in groups:
        applied += meter.run(partial(apply_events, ids, drain=drain))
    return meter.row(name, applied)


if __name__ == "__main__":
    main()
