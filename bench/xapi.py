"""xAPI delivery to a real Ralph LRS: `python -m bench.xapi` (after `make lrs-deps`).

Builds statements like a learner's journey makes, puts them in the outbox and
times `lms.contrib.xapi.delivery.deliver` sending them to Ralph in batches,
beside Ralph's own intake of the same batches posted straight to it. Each of
the two starts from an empty Ralph store: Ralph's filesystem backend reads its
whole file on each POST to find ids it already holds, so a fuller store is a
slower one and the two would not compare. Then it feeds
statements at 200 a second for 10 seconds while delivering, and prints the lag
from outbox to LRS. Prints figures; asserts nothing.
"""

import os
import socket
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, datetime

os.environ.setdefault("BENCH_DATABASE", "frontline_bench_xapi")

from .report import number, percentile, section, table  # noqa: E402
from .setup import ROOT, choose_mode, setup_django  # noqa: E402

STATEMENTS = 5000
BATCH = 500
RATE, SECONDS = 200, 10
USER, PASSWORD = "lms", "lrs-secret"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_ralph(folder=None):
    import requests

    folder = folder or tempfile.mkdtemp(prefix="ralph-bench-")
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "ralph-lrs.sh"), "serve", folder, str(port)],
        env={**os.environ, "LRS_USER": USER, "LRS_PASSWORD": PASSWORD},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            requests.get(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1)
            return process, f"http://127.0.0.1:{port}/xAPI/"
        except requests.ConnectionError:
            time.sleep(0.2)
    raise SystemExit("Ralph did not start: run `make lrs-deps`")


def journey_statement(n):
    from lms.contrib.xapi import statements as made

    question = made.activity(
        "question",
        made.iri("module", n % 60, "question", f"q{n % 4}"),
        "Which comes first?",
        interactionType="choice",
        choices=[
            {"id": f"o{i}", "description": {"en": f"Option {i}"}} for i in range(4)
        ],
    )
    return made.statement(
        str(uuid.uuid4()),
        n % 300,
        "answered",
        question,
        datetime.now(UTC),
        {"registration": made.derived_id("enrolment", n % 300)},
        {"success": n % 3 != 0, "response": f"o{n % 4}"},
    )


def fill(count):
    from lms.contrib.xapi.outbox import add

    made = [journey_statement(n) for n in range(count)]
    add(made)
    return made


def straight_to_ralph(endpoint, made):
    import requests

    started = time.perf_counter()
    with requests.Session() as session:
        for i in range(0, len(made), BATCH):
            batch = made[i : i + BATCH]
            session.post(
                endpoint + "statements",
                json=batch,
                auth=(USER, PASSWORD),
                headers={"X-Experience-API-Version": "1.0.3"},
                timeout=30,
            ).raise_for_status()
    return len(made) / (time.perf_counter() - started)


def delivered_rate(made):
    from lms.contrib.xapi import delivery

    started = time.perf_counter()
    run = delivery.deliver()
    elapsed = time.perf_counter() - started
    return run.sent / elapsed, run


def lag_under_load():
    from lms.contrib.xapi import delivery
    from lms.contrib.xapi.models import OutboxStatement

    first = (
        OutboxStatement.objects.order_by("-seq").values_list("seq", flat=True).first()
    )
    tick, made = 0.05, 0
    end = time.perf_counter() + SECONDS
    while time.perf_counter() < end:
        due = int(RATE * (SECONDS - (end - time.perf_counter())))
        if due > made:
            fill(due - made)
            made = due
        delivery.deliver()
        time.sleep(tick)
    delivery.deliver()
    lags = [
        (sent - created).total_seconds()
        for created, sent in OutboxStatement.objects.filter(
            seq__gt=first or 0
        ).values_list("created_at", "sent_at")
        if sent
    ]
    return lags


def stop(process):
    process.terminate()
    process.wait(timeout=20)


def main():
    mode = choose_mode()
    setup_django(mode)
    from django.conf import settings

    settings.LMS_XAPI_USERNAME, settings.LMS_XAPI_PASSWORD = USER, PASSWORD
    settings.LMS_XAPI_BATCH = BATCH
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from lms.contrib.xapi.models import OutboxStatement

    OutboxStatement.objects.all().delete()
    # No endpoint while filling, so the eager job sends nothing yet.
    settings.LMS_XAPI_ENDPOINT = ""
    made = fill(STATEMENTS)
    process, endpoint = start_ralph()
    try:
        ralph_rate = straight_to_ralph(endpoint, made)
    finally:
        stop(process)
    process, endpoint = start_ralph()
    settings.LMS_XAPI_ENDPOINT = endpoint
    try:
        ours, run = delivered_rate(made)
        lags = lag_under_load()
    finally:
        stop(process)
    section(
        f"xAPI delivery to Ralph ({mode.database}, {STATEMENTS} statements, batches of {BATCH})"
    )
    table(
        ["measure", "figure"],
        [
            [
                "Ralph's own intake, batches posted straight to it",
                f"{number(ralph_rate)} statements/s",
            ],
            [
                "outbox to Ralph through deliver()",
                f"{number(ours)} statements/s (sent {run.sent})",
            ],
            ["ratio", f"{ours / ralph_rate:.2f}"],
            [
                f"lag at {RATE}/s for {SECONDS} s, p50",
                f"{number(percentile(lags, 0.5), 2)} s",
            ],
            [
                f"lag at {RATE}/s for {SECONDS} s, p95",
                f"{number(percentile(lags, 0.95), 2)} s",
            ],
        ],
        notes=["target: ≥ 2,000 statements/s delivered; p95 lag ≤ 5 s"],
    )


if __name__ == "__main__":
    main()
