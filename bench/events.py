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
# Against the reference endpoint (bench.reference) measured in the same run:
TARGET_SINGLE_RATIO = 0.8  # single-event requests/s over reference requests/s
TARGET_BATCHED_RATIO = 10  # batched events/s over reference requests/s
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
    """events/s accepted by gunicorn from a concurrent client on loopback, beside
    the reference endpoint's requests/s on the same server.

    Every web process and thread first serves a moment of the same requests
    for other learners, so one-off costs (imports, database connections) fall
    outside the measured runs. The reference is measured before and after the
    event runs and its mean is the yardstick, so a machine that slows down or
    speeds up during the runs touches both sides of each ratio.
    """
    from .reference import PATH, create_table

    create_table()
    for path, chunk in ((PATH, 1), ("/api/events", 1), ("/api/events/batch", BATCH)):
        post_events(port, _plans(warm, walks, chunk), path, chunk, WARM_UP_SECONDS)
    _discard_events_of(warm)  # the worker's backlog is the measured runs' alone
    runs, cpu = {}, {}
    for name, path, learners, chunk in (
        ("reference before", PATH, single_learners, 1),
        ("single", "/api/events", single_learners, 1),
        ("batched", "/api/events/batch", batch_learners, BATCH),
        ("reference after", PATH, single_learners, 1),
    ):
        meter = CpuMeter(running())
        plans = _plans(learners, walks, chunk)
        runs[name] = post_events(port, plans, path, chunk, HTTP_SECONDS)
        cpu[name] = meter.describe()
    rates = [runs[n].requests / runs[n].seconds for n in runs if n.startswith("ref")]
    reference = sum(rates) / len(rates)
    _throughput_table(mode, runs, cpu, reference)
    return runs["single"], runs["batched"]


def _throughput_table(mode, runs, cpu, reference):
    rows = []
    targets = {
        "single": ("single-event requests", TARGET_SINGLE, TARGET_SINGLE_RATIO),
        "batched": (f"batches of {BATCH}", TARGET_BATCHED, TARGET_BATCHED_RATIO),
    }
    for name, load in runs.items():
        label, target, ratio_target = targets.get(
            name, (f"{name}: token + one insert", None, None)
        )
        rate = load.events / load.seconds
        # Single events are compared request for request, batches event for request.
        ratio = rate / reference if reference else 0.0
        rows.append(
            [
                label,
                number(load.requests),
                number(load.events),
                number(load.requests / load.seconds),
                number(rate),
                f"{ratio:.2f}",
                number(percentile(load.latencies, 0.5) * 1000, 1),
                number(percentile(load.latencies, 0.95) * 1000, 1),
                number(load.errors),
                f">= {target:,}/s; >= {ratio_target:g}x ref" if target else "",
                (
                    f"{verdict(rate, target, at_least=True)}"
                    f" / {verdict(ratio, ratio_target, at_least=True)}"
                )
                if target
                else "",
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
        f"reference: a view authenticating the Bearer token as the API does and inserting"
        f" one row (bench.reference), on the same gunicorn; mean of the runs before and"
        f" after = {number(reference)} requests/s",
        "x ref: events/s over the reference's requests/s",
    ]
    for name, load in runs.items():
        notes.append(f"{name}: {cpu[name]}")
        if load.first_error:
            notes.append(f"{name}, first error: {load.first_error}")
    table(
        [
            "run",
            "requests",
            "events",
            "requests/s",
            "events/s",
            "x ref",
            "p50 ms",
            "p95 ms",
            "errors",
            "target",
            "",
        ],
        rows,
        notes,
    )


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
