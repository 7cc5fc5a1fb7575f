"""Page figures: anonymous pages in-process; "My learning" and module pages over HTTP."""

from functools import partial

from .client import Connection
from .events import count_queries
from .report import number, percentile, table, timed, verdict

RUNS = 40
TARGET_MODULE_QUERIES = 12


def anonymous_pages():
    """Median and p95 time (in-process test client) and queries of public pages."""
    from django.test import Client

    from courses.models import ModulePage

    client = Client(HTTP_HOST="localhost")
    module = ModulePage.objects.live().exclude(path__contains="bench-").first()
    targets = {
        "module page": module.url,
        "course page": module.get_parent().url,
        "glossary": "/glossary/",
        "glossary search": "/glossary/?q=time",
    }
    rows = []
    for name, url in targets.items():
        client.get(url)  # warm caches
        response, statements = count_queries(lambda url=url: client.get(url))
        if response.status_code != 200:
            print(f"  {name}: HTTP {response.status_code} at {url}")
        median, p95 = timed(lambda url=url: client.get(url), 50)
        rows.append([name, number(median, 1), number(p95, 1), len(statements)])
    table(
        ["page (anonymous)", "median ms", "p95 ms", "queries"],
        rows,
        notes=["in-process Django test client, 50 runs each"],
    )


def learner_pages(port, learners_by_size, modules_done):
    """Queries (in-process) and server time (over HTTP) for a signed-in learner."""
    from django.conf import settings
    from django.test import Client

    from .data import modules_of

    rows = []
    for size, learner in sorted(learners_by_size.items()):
        client = Client(HTTP_HOST="localhost")
        client.force_login(learner.user)
        module = modules_of(learner.programme)[modules_done[size]]
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        http = Connection(port, {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
        for name, url in (("My learning", "/learn/"), ("module page", module.url)):
            first, first_statements = count_queries(partial(client.get, url))
            response, statements = count_queries(partial(client.get, url))
            if response.status_code != 200 or first.status_code != 200:
                print(f"  {name}: HTTP {response.status_code} at {url}")
            times = _server_times(http, url)
            is_module = name == "module page"
            target = TARGET_MODULE_QUERIES if is_module else None
            rows.append(
                [
                    name,
                    size,
                    len(first_statements),
                    len(statements),
                    number(percentile(times, 0.5), 1),
                    number(percentile(times, 0.95), 1),
                    f"<= {target}" if target else "same at 5 and 80",
                    verdict(len(statements), target, at_least=False),
                ]
            )
        http.close()
    table(
        [
            "page (signed in)",
            "modules",
            "queries, 1st view",
            "queries",
            "median ms",
            "p95 ms",
            "target (queries)",
            "",
        ],
        rows,
        notes=[
            "queries: in-process test client; the first view of a module records 'started'",
            f"times: {RUNS} sequential GETs over HTTP to gunicorn (keep-alive, session cookie)",
            "the learner has completed the modules before the one shown",
        ],
    )


def _server_times(http, url):
    for _ in range(3):
        http.request("GET", url)
    times = []
    for _ in range(RUNS):
        status, _content, seconds = http.request("GET", url)
        if status == 200:
            times.append(seconds * 1000)
    return times
