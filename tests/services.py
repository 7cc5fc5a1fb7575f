"""Reachability checks for the PostgreSQL and Redis of CI's second tier."""

import os


def check_services():
    """Return a list of problems; empty when both services answer."""
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not database_url.startswith("postgres"):
        problems.append(f"DATABASE_URL is not PostgreSQL: {database_url!r}")
    else:
        try:
            import psycopg

            psycopg.connect(
                database_url.replace("postgres://", "postgresql://"), connect_timeout=5
            ).close()
        except Exception as error:  # noqa: BLE001 - any failure means unreachable
            problems.append(f"PostgreSQL unreachable at {database_url}: {error}")
    if not broker_url.startswith("redis"):
        problems.append(f"CELERY_BROKER_URL is not Redis: {broker_url!r}")
    else:
        try:
            import redis

            redis.Redis.from_url(broker_url, socket_connect_timeout=5).ping()
        except Exception as error:  # noqa: BLE001
            problems.append(f"Redis unreachable at {broker_url}: {error}")
    return problems
