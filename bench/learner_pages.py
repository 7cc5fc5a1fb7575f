"""The pages a learner sees all day, in-process: `python -m bench.learner_pages`.

For courses of 5, 20 and 80 modules and a learner half-way through, times the
module page, the course page and My learning with Django's test client
(alternating rounds, so the machine's drift touches each page alike), beside a
reference: the catalogue page, a minimal Wagtail page rendered by the same
process, which stands in for a leaner peer's lesson page (wagtail-lms is not
on PyPI in a version this site's Wagtail can install beside it). Then the
module page again after 1,000 more of the learner's events on it (replays),
which must cost the same. Prints figures; asserts nothing. About six minutes
on a loaded 2-core machine; BENCH_PAGES_ROUNDS (60) and BENCH_PAGES_REPLAYS
(1000) shorten it.
"""

import gc
import os
import time

os.environ.setdefault("BENCH_DATABASE", "frontline_bench_pages")

from .data import (  # noqa: E402
    Walks,
    import_curriculum_timed,
    make_learners,
    make_sized_programme,
    module_walk,
    modules_of,
    seed_progress,
    stamp,
)
from .events import count_queries  # noqa: E402
from .report import number, percentile, section, table  # noqa: E402
from .setup import choose_mode, setup_django  # noqa: E402

SIZES = (5, 20, 80)
ROUNDS = int(os.environ.get("BENCH_PAGES_ROUNDS", "60"))
REPLAYS = int(os.environ.get("BENCH_PAGES_REPLAYS", "1000"))


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def measure(pages):
    """{name: [ms, ...]} over ROUNDS alternating rounds of GETs."""
    times = {name: [] for name in pages}
    collections = gc.get_stats()[2]["collections"]
    for _ in range(ROUNDS):
        for name, get in pages.items():
            start = time.perf_counter()
            response = get()
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    full = gc.get_stats()[2]["collections"] - collections
    return times, full


def pages_of(client, learner, size, reference_url):
    modules = modules_of(learner.programme)
    module = modules[size // 2]
    return module, {
        "reference (catalogue page)": lambda: client.get(reference_url),
        "module page": lambda: client.get(module.url),
        "course page": lambda: client.get(module.get_parent().url),
        "My learning": lambda: client.get("/learn/"),
    }


def replay(learner, module, count):
    from lms.progress.recording import record_events
    from lms.progress.rollup import apply_events

    # Replays: the module's questions and scenario again, never completing it twice.
    events = [e for e in module_walk(module) if e["type"] != "completed"]
    done = 0
    while done < count:
        batch = [stamp(events[n % len(events)]) for n in range(min(50, count - done))]
        results = record_events(learner.user, batch)
        apply_events([r["id"] for r in results if r.get("id")])
        done += len(batch)


def main():
    mode = choose_mode()
    setup_django(mode)
    from courses.models import CatalogPage

    import_curriculum_timed()
    walks = Walks()
    reference_url = CatalogPage.objects.first().url
    rows = []
    for size in SIZES:
        programme = make_sized_programme(size)
        learner = make_learners(f"pages{size}", 1, programme)[0]
        seed_progress(learner, walks, size // 2)
        client = client_for(learner.user)
        module, pages = pages_of(client, learner, size, reference_url)
        for get in pages.values():
            get()  # warm caches
        queries = {name: len(count_queries(get)[1]) for name, get in pages.items()}
        times, full = measure(pages)
        reference = percentile(times["reference (catalogue page)"], 0.5)
        for name, values in times.items():
            median, p90 = percentile(values, 0.5), percentile(values, 0.9)
            rows.append(
                [
                    name,
                    size,
                    queries[name],
                    number(median, 1),
                    number(p90, 1),
                    f"{p90 / median:.2f}",
                    f"{reference / median:.2f}",
                ]
            )
        rows.append(
            ["(full collections during the rounds)", size, "", "", "", "", str(full)]
        )
        if size == SIZES[-1]:
            replay(learner, module, REPLAYS)
            get = pages["module page"]
            get()
            statements = len(count_queries(get)[1])
            after, _ = measure({"module page": get})
            values = after["module page"]
            rows.append(
                [
                    f"module page after {REPLAYS} more events",
                    size,
                    statements,
                    number(percentile(values, 0.5), 1),
                    number(percentile(values, 0.9), 1),
                    f"{percentile(values, 0.9) / percentile(values, 0.5):.2f}",
                    f"{reference / percentile(values, 0.5):.2f}",
                ]
            )
    section(f"Learner pages, in-process ({mode.database}, {ROUNDS} alternating rounds)")
    table(
        [
            "page",
            "modules",
            "queries",
            "median ms",
            "p90 ms",
            "p90/median",
            "reference/ours",
        ],
        rows,
        notes=[
            "reference/ours >= 1.0 means the page is as fast as the minimal page",
            "targets: queries <= 12 and the same at 5 and 80 modules; p90 within 1.5x the median",
        ],
    )


if __name__ == "__main__":
    main()
