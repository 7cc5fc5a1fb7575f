"""Choose the mode (PostgreSQL + Redis, or SQLite + eager Celery), build a scratch site.

The benchmark never touches the development database: it drops and recreates
a scratch PostgreSQL database (`frontline_bench`) on each run, or uses a
SQLite file in a temporary folder when PostgreSQL is unreachable. Settings are
the production ones (DEBUG off, manifest static files), served over plain HTTP
on 127.0.0.1.
"""

import io
import os
import secrets
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get(
    "BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
# Another name lets a second benchmark (bench.cost) run beside this one.
SCRATCH_DATABASE = os.environ.get("BENCH_DATABASE", "frontline_bench")
HOSTS = "127.0.0.1,localhost"


@dataclass
class Mode:
    """Where the benchmark runs; `broker_url` is empty when Celery runs eagerly."""

    database: str
    database_url: str
    broker_url: str
    var_dir: Path
    notes: list = field(default_factory=list)

    @property
    def has_worker(self):
        return bool(self.broker_url)

    def server_env(self):
        """Environment for gunicorn and the Celery worker: the same site as this process."""
        env = {**os.environ, "CELERY_BROKER_URL": self.broker_url}
        env.pop("CELERY_RESULT_BACKEND", None)
        return env


def choose_mode():
    """PostgreSQL and Redis when reachable (BENCH_SERVICES=0 forces the fallback)."""
    var_dir = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    wanted = os.environ.get("BENCH_SERVICES", "1") != "0"
    notes = [] if wanted else ["BENCH_SERVICES=0: services not tried"]
    database_url = _scratch_postgres(notes) if wanted else None
    broker_url = _scratch_redis(notes) if wanted else None
    if database_url:
        mode = Mode("PostgreSQL", database_url, broker_url or "", var_dir, notes)
    else:
        url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
        mode = Mode("SQLite", url, broker_url or "", var_dir, notes)
    if not mode.has_worker:
        notes.append(
            "no broker: Celery runs eagerly inside each request, so event figures "
            "include applying; worker and lag figures are skipped"
        )
    return mode


def _scratch_postgres(notes):
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    except Exception as error:  # noqa: BLE001 - any failure means "fall back"
        notes.append(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {error}")
        return None
    url = urlsplit(PG_ADMIN_URL)._replace(path=f"/{SCRATCH_DATABASE}")
    return url.geturl()


def _scratch_redis(notes):
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
        client.flushdb()
    except Exception as error:  # noqa: BLE001 - any failure means "run eagerly"
        notes.append(f"Redis unreachable at {REDIS_URL}: {error}")
        return None
    return REDIS_URL


def flush_broker(mode):
    """Drop every message left in the scratch Redis database."""
    if mode.has_worker:
        import redis

        redis.Redis.from_url(mode.broker_url).flushdb()


def configure_environment(mode):
    """Production settings over plain HTTP, shared by this process and its servers."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOSTS,
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
            "SECURE_SSL_REDIRECT": "false",
            "VAR_DIR": str(mode.var_dir),
            "DATABASE_URL": mode.database_url,
            "LOG_LEVEL": "WARNING",
            # This process never applies events itself: with no Redis its messages
            # go to an in-memory queue nobody reads, so query counts stay pure.
            "CELERY_BROKER_URL": mode.broker_url or "memory://",
        }
    )
    os.environ.pop("CELERY_RESULT_BACKEND", None)
    os.environ.pop("DEBUG", None)


def setup_django(mode):
    """Configure Django, migrate the scratch database, collect static files, add the catalogue."""
    configure_environment(mode)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("migrate", interactive=False, **quiet)
    call_command("collectstatic", interactive=False, **quiet)
    call_command("setup_catalog", **quiet)
