"""A loopback HTTP client: persistent connections, one per thread, bounded in time."""

import http.client
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from .data import stamp


class Connection:
    """One keep-alive connection to 127.0.0.1; reconnects once if the server closed it."""

    def __init__(self, port, headers=None):
        self.port = port
        self.headers = headers or {}
        self._connection = None

    def request(self, method, path, body=None, headers=None):
        """Send a request; return (status, body bytes, seconds taken)."""
        data = json.dumps(body).encode() if body is not None else None
        sent = {**self.headers, **(headers or {})}
        if data is not None:
            sent["Content-Type"] = "application/json"
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                if self._connection is None:
                    self._connection = http.client.HTTPConnection(
                        "127.0.0.1", self.port, timeout=30
                    )
                self._connection.request(method, path, body=data, headers=sent)
                response = self._connection.getresponse()
                content = response.read()
                return response.status, content, time.perf_counter() - start
            except (http.client.HTTPException, OSError):
                # Event ids make a resent POST safe: it is recorded once.
                self.close()
                if attempt == 2:
                    return 0, b"", time.perf_counter() - start
        raise AssertionError("unreachable")

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@dataclass
class Load:
    """What a run of requests achieved."""

    requests: int = 0
    events: int = 0
    statuses: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)
    first_error: str = ""
    started: float = 0.0
    finished: float = 0.0

    @property
    def seconds(self):
        return max(self.finished - self.started, 1e-9)

    @property
    def errors(self):
        return sum(
            n for status, n in self.statuses.items() if status >= 400 or not status
        )

    def add(self, other):
        self.requests += other.requests
        self.events += other.events
        self.statuses.update(other.statuses)
        self.latencies.extend(other.latencies)
        self.first_error = self.first_error or other.first_error


def post_events(port, plans, path, batch, duration, rate=None):
    """Post each thread's planned events until they run out or `duration` passes.

    `plans` holds one list per thread of (token, event) pairs, in the order each
    learner produces them. With `batch` > 1 consecutive events of one learner
    go in one request. With `rate` (events/s over all threads) each request is
    sent at its scheduled time; a request that falls behind goes at once.
    """
    threads = len(plans)
    start = time.perf_counter() + 0.2
    deadline = start + duration
    results = [Load() for _ in plans]

    def run(index):
        connection = Connection(port)
        load, requests = results[index], list(_requests(plans[index], batch))
        for number, (token, events) in enumerate(requests):
            offset = (number * threads + index) * batch / rate if rate else 0
            due = start + offset
            now = time.perf_counter()
            if due >= deadline or now >= deadline:
                break
            if due > now:
                time.sleep(due - now)
            body = (
                stamp(events[0])
                if batch == 1
                else {"events": [stamp(e) for e in events]}
            )
            status, content, seconds = connection.request(
                "POST", path, body, {"Authorization": f"Bearer {token}"}
            )
            load.requests += 1
            load.statuses[status] += 1
            load.latencies.append(seconds)
            if status in (200, 201):
                load.events += len(events)
            elif not load.first_error:
                load.first_error = f"HTTP {status}: {content[:300]!r}"
        load.finished = time.perf_counter()
        connection.close()

    workers = [
        threading.Thread(target=run, args=(i,), daemon=True) for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(duration + 60)
    total = Load(started=start, finished=max(r.finished for r in results))
    for result in results:
        total.add(result)
    return total


def _requests(plan, batch):
    """Group a thread's (token, event) pairs into requests of one learner's events."""
    pending, token = [], None
    for learner_token, event in plan:
        if pending and (learner_token != token or len(pending) == batch):
            yield token, pending
            pending = []
        token = learner_token
        pending.append(event)
    if pending:
        yield token, pending


def interleave(learners, streams, chunk=1):
    """One thread's plan: its learners take turns, `chunk` events at a time, each in order."""
    plan = []
    longest = max((len(s) for s in streams), default=0)
    for position in range(0, longest, chunk):
        for learner, stream in zip(learners, streams, strict=True):
            plan.extend((learner.token, e) for e in stream[position : position + chunk])
    return plan
