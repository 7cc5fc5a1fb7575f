"""Rows as one JSON parameter that PostgreSQL and SQLite both read as a table `r`.

PostgreSQL reads it with `jsonb_to_recordset`, SQLite with `json_each`.
Building the same writes through the ORM (bulk_update's CASE per field per
row, an UPDATE per key) cost more CPU than everything else applying an event
does, and hundreds of separate parameters cost the driver as much.
"""

import functools
import json
import uuid
from datetime import date

from django.db import connection
from django.db.models import JSONField


def table_name(model):
    return connection.ops.quote_name(model._meta.db_table)


def quoted(name):
    return connection.ops.quote_name(name)


def column_list(names):
    return ", ".join(quoted(name) for name in names)


def marks(count):
    """`count` placeholders, for an IN list."""
    return ", ".join(["%s"] * count)


def source(model, columns):
    """`r`: the rows of one JSON parameter, with these columns of `model`."""
    return _source_sql(connection.vendor, model, tuple(columns))


@functools.cache
def _source_sql(vendor, model, columns):
    fields = fields_by_column(model)
    if vendor == "postgresql":
        types = ", ".join(
            f"{quoted(name)} {fields[name].db_type(connection)}" for name in columns
        )
        return f"jsonb_to_recordset(%s::jsonb) AS r({types})"
    values = ", ".join(
        f"json_extract(value, '$.{name}') AS {quoted(name)}" for name in columns
    )
    return f"(SELECT {values} FROM json_each(%s)) AS r"  # noqa: S608 - names only


@functools.cache
def fields_by_column(model):
    return {field.column: field for field in model._meta.concrete_fields}


def new_rows(objects):
    """Column values of unsaved model instances, defaults and all, as an INSERT needs."""
    fields = [
        f for f in fields_by_column(type(objects[0])).values() if not f.primary_key
    ]
    return [{f.column: f.pre_save(obj, True) for f in fields} for obj in objects]


def json_rows(model, rows):
    """The JSON parameter `source` reads, each value as the database stores it."""
    if connection.vendor == "postgresql":
        return json.dumps(rows, default=_json_value)
    fields = fields_by_column(model)
    return json.dumps(
        [
            {
                name: value
                if isinstance(fields[name], JSONField)
                else fields[name].get_db_prep_save(value, connection)
                for name, value in row.items()
            }
            for row in rows
        ]
    )


def _json_value(value):
    """UUIDs and dates as PostgreSQL reads them (times in full, with their offset)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
