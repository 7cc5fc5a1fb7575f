"""Recording events: queries per event (in-process) and events/s accepted over HTTP."""

import json
import os

from .client import interleave, post_events
from .cpu import CpuMeter
from .data import stamp
from .processes import running
from .report import number, percentile, table, verdict

HTTP_THREADS = int(os.environ.get("BENCH_HTTP_THREADS", "12"))
HTTP_SECONDS = float(os.environ.get("BENCH_HTTP_SECONDS", "8"))
BATCH = 50
TARGET_QUERIES = 6
TARGET_SINGLE = 400
TARGET_BATCHED = 4000
WARM_UP_SECONDS = 1.5


def count_queries(function):
    """Run `function` and return (its result, the SQL statements it executed)."""
    from django.db import connection

    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = function()
    return result, statements


def recording_queries(mode, learners_by_size, walks):
    """Queries for POST /api/events per event type, in a 5- and an 80-module programme."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    columns, batches, recorded = {}, {}, {}
    for size, learner in learners_by_size.items():
        auth = {"HTTP_AUTHORIZATION": f"Bearer {learner.token}"}

        def post(path, body, auth=auth):
            return client.post(
                path, json.dumps(body), content_type="application/json", **auth
            )

        module_walks = walks.of(learner.programme)
        for event in module_walks[0]:  # warm up: token last-used stamp, caches
            post("/api/events", stamp(event))
        counts, singles = {}, []
        for event in module_walks[len(module_walks) // 2]:
            response, statements = count_queries(
                lambda event=event: post("/api/events", stamp(event))
            )
            if response.status_code != 201:
                print(f"  recording {event['type']}: HTTP {response.status_code}")
                continue
            counts[event["type"]] = max(counts.get(event["type"], 0), len(statements))
            singles.append((event["type"], response.json()["id"]))
        columns[size] = counts
        stream = walks.stream(learner.programme)
        later = (stream * (BATCH // len(stream) + 1))[:BATCH]
        response, statements = count_queries(
            lambda later=later: post(
                "/api/events/batch", {"events": [stamp(e) for e in later]}
            )
        )
        batches[size] = (len(later), len(statements), response.status_code)
        batch_ids = [r["id"] for r in response.json().get("results", [])]
        recorded[size] = {"singles": singles, "batch": batch_ids}
    sizes = sorted(columns)
    rows = []
    for kind in columns[sizes[0]]:
        worst = max(columns[size].get(kind, 0) for size in sizes)
        rows.append(
            [
                f"POST /api/events: {kind}",
                *[columns[size].get(kind, "-") for size in sizes],
                f"<= {TARGET_QUERIES}",
                verdict(worst, TARGET_QUERIES, at_least=False),
            ]
        )
    events = batches[sizes[0]][0]
    rows.append(
        [
            f"POST /api/events/batch: {events} events",
            *[batches[size][1] for size in sizes],
            "constant",
            "",
        ]
    )
    table(
        ["request", *[f"{size} modules" for size in sizes], "target", ""],
        rows,
        notes=[
            "queries counted in-process (Django test client, connection.execute_wrapper),",
            "token auth; dispatch to the broker happens after commit and is not a query",
            *(
                ["SQLite counts its BEGIN statement as a query; PostgreSQL does not"]
                if mode.database == "SQLite"
                else []
            ),
        ],
    )
    return recorded


def http_throughput(mode, port, single_learners, batch_learners, walks, warm):
    """events/s accepted by gunicorn from a concurrent client on loopback.

    Every web process and thread first serves a moment of the same requests
    for other learners, so one-off costs (imports, database connections) fall
    outside the measured runs.
    """
    post_events(port, _plans(warm, walks, 1), "/api/events", 1, WARM_UP_SECONDS)
    post_events(
        port, _plans(warm, walks, BATCH), "/api/events/batch", BATCH, WARM_UP_SECONDS
    )
    _discard_events_of(warm)  # the worker's backlog is the measured runs' alone
    meter = CpuMeter(running())
    single = post_events(
        port, _plans(single_learners, walks, 1), "/api/events", 1, HTTP_SECONDS
    )
    single_cpu = meter.describe()
    meter = CpuMeter(running())
    batched = post_events(
        port,
        _plans(batch_learners, walks, BATCH),
        "/api/events/batch",
        BATCH,
        HTTP_SECONDS,
    )
    batched_cpu = meter.describe()
    rows = []
    for name, load, target in (
        ("single-event requests", single, TARGET_SINGLE),
        (f"batches of {BATCH}", batched, TARGET_BATCHED),
    ):
        rate = load.events / load.seconds
        rows.append(
            [
                name,
                number(load.requests),
                number(load.events),
                number(load.requests / load.seconds),
                number(rate),
                number(percentile(load.latencies, 0.5) * 1000, 1),
                number(percentile(load.latencies, 0.95) * 1000, 1),
                number(load.errors),
                f">= {target:,} events/s",
                verdict(rate, target, at_least=True),
            ]
        )
    notes = [
        f"{HTTP_THREADS} client threads, one keep-alive connection each, Bearer API tokens,",
        f"{HTTP_SECONDS:g} s per run, after {WARM_UP_SECONDS:g} s of each for other learners; "
        + (
            "the worker is stopped, so events queue in the broker"
            if mode.has_worker
            else "no broker: each request also applies its events (eager Celery)"
        ),
    ]
    notes.append(f"single: {single_cpu}")
    notes.append(f"batches: {batched_cpu}")
    for load in (single, batched):
        if load.first_error:
            notes.append(f"first error: {load.first_error}")
    table(
        [
            "run",
            "requests",
            "events",
            "requests/s",
            "events/s",
            "p50 ms",
            "p95 ms",
            "errors",
            "target",
            "",
        ],
        rows,
        notes,
    )
    return single, batched


def _discard_events_of(learners):
    from lms.models import ProgressEvent

    ProgressEvent.objects.filter(
        user__in=[learner.user for learner in learners]
    ).delete()


def _plans(learners, walks, chunk):
    """Spread learners over the client threads; each thread keeps their order."""
    plans = []
    for index in range(HTTP_THREADS):
        own = learners[index::HTTP_THREADS]
        streams = [walks.stream(learner.programme) for learner in own]
        plans.append(interleave(own, streams, chunk))
    return [plan for plan in plans if plan]
