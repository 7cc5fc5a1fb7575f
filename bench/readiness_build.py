"""Keeping the readiness benchmark's database between runs (BENCH_READINESS_REUSE=1).

A built database holds a one-row table, `bench_readiness_build`, with the
fingerprint of the code that generated it (bench/cohort_data.py and
bench/readiness_data.py), the measured cohort and the superuser. A rerun reuses
the database only when that fingerprint matches; any change to a generator
means a fresh build. The data's dates are those of the day it was built.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .dashboard import SCRATCH_DATABASE, _setup_django
from .setup import PG_ADMIN_URL

GENERATORS = ("cohort_data.py", "readiness_data.py")


@dataclass
class Built:
    """What bench.readiness needs of a reused build."""

    measured: object
    superuser: object


def fingerprint():
    digest = hashlib.sha256()
    for name in GENERATORS:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def reused(conn, var_dir):
    """Set Django up on the kept database and return a Built, or None to rebuild."""
    from urllib.parse import urlsplit

    exists = conn.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH_DATABASE]
    ).fetchone()
    if not exists:
        print(f"reuse: no database {SCRATCH_DATABASE} yet; building it")
        return None
    url = urlsplit(PG_ADMIN_URL)._replace(path=f"/{SCRATCH_DATABASE}").geturl()
    row = _marker(url)
    if row is None or row[0] != fingerprint():
        print("reuse: the kept database was built by other generators; rebuilding")
        return None
    _setup_django(url, var_dir)
    from django.contrib.auth import get_user_model

    from lms.models import Cohort

    print(f"reuse: kept database {SCRATCH_DATABASE}, built {row[3]:%Y-%m-%d %H:%M}")
    return Built(Cohort.objects.get(pk=row[1]), get_user_model().objects.get(pk=row[2]))


def _marker(url):
    import psycopg

    with psycopg.connect(url, connect_timeout=3) as conn:
        try:
            return conn.execute(
                "SELECT fingerprint, cohort_id, superuser_id, built_at FROM bench_readiness_build"
            ).fetchone()
        except psycopg.errors.UndefinedTable:
            return None


def remember(data):
    """Record the fresh build so the next run may reuse it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_readiness_build (fingerprint text, cohort_id integer, "
            "superuser_id integer, built_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            "INSERT INTO bench_readiness_build (fingerprint, cohort_id, superuser_id) "
            "VALUES (%s, %s, %s)",
            [fingerprint(), data.measured.pk, data.superuser.pk],
        )
