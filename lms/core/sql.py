"""Bulk writes in one statement, on PostgreSQL and SQLite alike.

Rows travel as one JSON parameter that PostgreSQL (`jsonb_to_recordset`) and
SQLite (`json_each`) both read as a table `r`. Building the same writes
through the ORM (bulk_update's CASE per field per row, an UPDATE per key)
cost more CPU than everything else applying an event does, and hundreds of
separate parameters cost the driver as much. Table and column names come
from the models; only values travel as parameters.
"""

import functools
import json
import uuid
from datetime import date

from django.db import connection
from django.db.models import JSONField


def insert_rows(model, rows, on_conflict=""):
    """INSERT rows (dicts of column values, the same columns in each) in one statement."""
    if rows:
        sql = _insert_sql(connection.vendor, model, tuple(rows[0]), on_conflict)
        execute(sql, [json_rows(model, rows)])


def insert_new_rows(model, rows):
    """INSERT the rows whose primary key is not taken; the keys it inserted.

    A row whose key another transaction holds is skipped, not an error, so a
    request racing a copy of itself learns which rows were its own.
    """
    if not rows:
        return set()
    pk = model._meta.pk.column
    conflict = (
        f"ON CONFLICT ({column_list([pk])}) DO NOTHING RETURNING {column_list([pk])}"
    )
    sql = _insert_sql(connection.vendor, model, tuple(rows[0]), conflict)
    with connection.cursor() as cursor:
        cursor.execute(sql, [json_rows(model, rows)])
        return {str(key).replace("-", "") for (key,) in cursor.fetchall()}


@functools.cache
def _insert_sql(vendor, model, columns, on_conflict):
    listed = column_list(columns)
    return (
        f"INSERT INTO {table_name(model)} ({listed}) SELECT {listed}"  # noqa: S608
        f" FROM {_source_sql(vendor, model, columns)} WHERE true {on_conflict}"
    )


def add_rows(model, rows, keys):
    """Add the rows' other columns to the rows with the same keys, creating missing ones.

    The insert half of an upsert must pass the table's checks even when the row
    exists, so a negative change (a right answer changed to a wrong one, always
    to a row that exists) is applied with a plain update instead.
    """
    table, quote = table_name(model), connection.ops.quote_name
    counts = [name for name in (rows[0] if rows else ()) if name not in keys]
    lowered = {i for i, row in enumerate(rows) if min(row[n] for n in counts) < 0}
    insert_rows(
        model,
        [row for i, row in enumerate(rows) if i not in lowered],
        f"ON CONFLICT ({column_list(keys)}) DO UPDATE SET "
        + ", ".join(
            f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}"
            for name in counts
        ),
    )
    update_rows(
        model,
        [row for i, row in enumerate(rows) if i in lowered],
        [f"{quote(name)} = {table}.{quote(name)} + r.{quote(name)}" for name in counts],
        keys,
    )


def update_rows(model, rows, assignments, keys=("id",)):
    """Update the table's rows with the keys of `rows`; r.<column> reads a row's values."""
    if not rows:
        return
    table, quote = table_name(model), connection.ops.quote_name
    match = " AND ".join(f"{table}.{quote(key)} = r.{quote(key)}" for key in keys)
    sql = (
        f"UPDATE {table} SET {', '.join(assignments)}"  # noqa: S608
        f" FROM {source(model, tuple(rows[0]))} WHERE {match}"
    )
    execute(sql, [json_rows(model, rows)])


def new_rows(objects):
    """Column values of unsaved model instances, defaults and all, as an INSERT needs."""
    fields = [
        f for f in fields_by_column(type(objects[0])).values() if not f.primary_key
    ]
    return [{f.column: f.pre_save(obj, True) for f in fields} for obj in objects]


def table_name(model):
    return connection.ops.quote_name(model._meta.db_table)


def column_list(names):
    return ", ".join(connection.ops.quote_name(name) for name in names)


def source(model, columns):
    """`r`: the rows of one JSON parameter, with these columns of `model`."""
    return _source_sql(connection.vendor, model, columns)


@functools.cache
def _source_sql(vendor, model, columns):
    quote, fields = connection.ops.quote_name, fields_by_column(model)
    if vendor == "postgresql":
        types = ", ".join(
            f"{quote(name)} {fields[name].db_type(connection)}" for name in columns
        )
        return f"jsonb_to_recordset(%s::jsonb) AS r({types})"
    values = ", ".join(
        f"json_extract(value, '$.{name}') AS {quote(name)}" for name in columns
    )
    return f"(SELECT {values} FROM json_each(%s)) AS r"  # noqa: S608 - names only


@functools.cache
def fields_by_column(model):
    return {field.column: field for field in model._meta.concrete_fields}


def json_rows(model, rows):
    """The JSON parameter `_source` reads, each value as the database stores it."""
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
