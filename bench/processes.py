"""gunicorn and the Celery worker as subprocesses, each in its own process group.

Every process is started by a context manager and stopped in its `finally`:
SIGTERM to the leader, then SIGKILL to the group for anything left behind.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress

from .setup import ROOT

START_TIMEOUT = 40
_running = {}  # name -> process (group) id of what this run started


def running():
    """Name and process group id of each subprocess now running."""
    return dict(_running)


def web_shape(mode):
    """gunicorn (workers, threads): SQLite takes one writer at a time, so one of each."""
    default = ("1", "1") if mode.database == "SQLite" else ("3", "4")
    return (
        int(os.environ.get("BENCH_WEB_WORKERS", default[0])),
        int(os.environ.get("BENCH_WEB_THREADS", default[1])),
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(mode):
    """Serve the site on 127.0.0.1; yields the port."""
    workers, threads = web_shape(mode)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    # The bench's settings add the reference endpoint (bench.reference).
    env = {"DJANGO_SETTINGS_MODULE": "bench.reference_settings"}
    with _process("gunicorn", command, mode, env) as process:
        _wait_for_http(port, process)
        yield port


@contextmanager
def celery_worker(mode):
    """One `celery worker` with one prefork child, answering pings before it yields."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "tasks",
        "worker",
        "--concurrency=1",
        "--pool=prefork",
        "--loglevel=warning",
        "--without-mingle",
        "--without-gossip",
    ]
    with _process("celery worker", command, mode) as process:
        yield process


def wait_for_worker(process, timeout=START_TIMEOUT):
    """Block until the worker answers a control ping (it may already be busy)."""
    from tasks import celery_app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited with {process.returncode}")
        if celery_app.control.ping(timeout=0.5):
            return
    raise RuntimeError("celery worker did not answer within the start timeout")


@contextmanager
def _process(name, command, mode, env=None):
    log_path = mode.var_dir / f"{name.replace(' ', '-')}.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**mode.server_env(), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _running[name] = process.pid
    try:
        yield process
    except BaseException:
        _print_tail(name, log_path)
        raise
    finally:
        _running.pop(name, None)
        _stop(process)


def _stop(process, grace=20):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    # The group holds the process's children (gunicorn workers, the pool child).
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(5)


def _wait_for_http(port, process, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/api/openapi.json")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise RuntimeError("gunicorn did not answer within the start timeout")


def _print_tail(name, log_path, lines=30):
    with suppress(OSError):
        tail = log_path.read_text(errors="replace").splitlines()[-lines:]
        print(f"--- last lines of {name} log ({log_path}) ---")
        print("\n".join(tail))
