"""Model instances read by a fixed statement: `SELECT * FROM <table> WHERE ...`.

The pages a learner opens all day ask a few simple questions of one table
each; through the ORM compiling each cost more CPU than the database took to
answer it. Here the statement is built once per process and the rows still
come back as instances, with the backend's own conversions.
"""

import functools
from datetime import date, datetime

from django.db import connection


def select(model, where, params):
    """Instances of `model` matching `where`, a condition naming fields in
    braces (`"{user} = %s AND {day} >= %s"`), with its parameters."""
    return list(model.objects.raw(_sql(model, where), [_adapt(p) for p in params]))


def placeholders(count):
    """`count` placeholders, for an IN list in `where`."""
    return ", ".join(["%s"] * count)


@functools.cache
def _sql(model, where):
    meta = model._meta
    columns = {
        f.name: connection.ops.quote_name(f.column) for f in meta.concrete_fields
    }
    table = connection.ops.quote_name(meta.db_table)
    return f"SELECT * FROM {table} WHERE {where.format(**columns)}"  # noqa: S608


def _adapt(value):
    """Dates and times as the ORM stores them (SQLite compares them as text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value
