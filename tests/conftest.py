"""Shared fixtures and the services check for CI's second tier."""

import os

import pytest

from tests.builders.cohorts import enrolled_learner

# The page builders live in tests.builders.pages; these names stay for old imports.
from tests.builders.pages import (  # noqa: F401
    make_catalog,
    make_competency,
    make_course,
    make_mixed_quiz_module,
    make_module,
    make_programme,
    make_term,
    question,
)

SERVICES_REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_sessionstart(session):
    """In the services tier, unreachable PostgreSQL or Redis is an error, not a skip."""
    if SERVICES_REQUIRED:
        from tests.services import check_services

        problems = check_services()
        if problems:
            pytest.exit(
                "services tier cannot run: " + "; ".join(problems), returncode=3
            )


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: SQLite reuses the ids a rolled-back
    test had, so an outline cached under one test's programme id must not leak."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def jobs_run_inline(request):
    """Jobs run in-process, as in the embedded default, even when a broker is configured.

    Tests of the broker path either start a real worker (the `worker` fixture
    switches this off again) or are marked `real_broker`.
    """
    if request.node.get_closest_marker("real_broker"):
        yield
        return
    from tasks import celery_app

    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture
def module_page(db):
    return make_module()


# The learner and module most recording tests share; a test module that needs
# other ones defines fixtures of the same names, which take precedence.


@pytest.fixture
def module(db):
    """The mixed quiz module: two kinds of question, a scenario, a reflection."""
    return make_mixed_quiz_module()


@pytest.fixture
def learner(module):
    """A learner enrolled in the programme that holds the module."""
    return enrolled_learner(module)
