"""The events table carries only the indexes its reads use: each costs every insert."""

import pytest
from django.db import connection

from lms.models import ProgressEvent

pytestmark = pytest.mark.django_db


def event_indexes():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(
            cursor, ProgressEvent._meta.db_table
        )
    return {
        name: tuple(info["columns"])
        for name, info in found.items()
        if info["index"] and not info["primary_key"]
    }


def test_no_index_on_the_user_alone_but_two_that_lead_with_it():
    indexes = event_indexes().values()

    assert ("user_id",) not in indexes
    assert ("user_id", "module_id", "occurred_at") in indexes
    assert ("user_id", "occurred_at") in indexes
