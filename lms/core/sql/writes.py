"""Bulk inserts, upserts and updates, each one statement over rows in a JSON parameter."""

import functools

from django.db import connection

from lms.core.sql.rows import (
    column_list,
    execute,
    fields_by_column,
    json_rows,
    quoted,
    source,
    table_name,
)


def insert_new_rows(model, rows):
    """INSERT the rows whose primary key is not taken; the keys it inserted.

    A row whose key another transaction holds is skipped, not an error, so a
    request racing a copy of itself learns which rows were its own.
    """
    if not rows:
        return set()
    pk = column_list([model._meta.pk.column])
    sql = _insert_sql(
        connection.vendor,
        model,
        tuple(rows[0]),
        f"ON CONFLICT ({pk}) DO NOTHING RETURNING {pk}",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [json_rows(model, rows)])
        return {str(key).replace("-", "") for (key,) in cursor.fetchall()}


def add_rows(model, rows, keys):
    """Add the rows' other columns to the rows with the same keys, creating missing ones.

    The insert half of an upsert must pass the table's checks even when the row
    exists, so a negative change (a right answer changed to a wrong one, always
    to a row that exists) is applied with a plain update instead.
    """
    table = table_name(model)
    counts = [name for name in (rows[0] if rows else ()) if name not in keys]
    lowered = {i for i, row in enumerate(rows) if min(row[n] for n in counts) < 0}
    added = ", ".join(
        f"{quoted(n)} = {table}.{quoted(n)} + excluded.{quoted(n)}" for n in counts
    )
    _insert(
        model,
        [row for i, row in enumerate(rows) if i not in lowered],
        f"ON CONFLICT ({column_list(keys)}) DO UPDATE SET {added}",
    )
    update_rows(
        model,
        [row for i, row in enumerate(rows) if i in lowered],
        add=counts,
        keys=keys,
    )


def update_rows(model, rows, set=(), add=(), later=(), keys=("id",)):  # noqa: A002
    """Update the rows of the table with the keys of `rows`, column by column:
    `set` takes the row's value, `add` adds it, `later` keeps the later of the two."""
    if not rows:
        return
    table = table_name(model)

    def mine(name):
        return f"{table}.{quoted(name)}"

    def theirs(name):
        return f"r.{quoted(name)}"

    assignments = [
        *(f"{quoted(n)} = {theirs(n)}" for n in set),
        *(f"{quoted(n)} = {mine(n)} + {theirs(n)}" for n in add),
        *(
            f"{quoted(n)} = CASE WHEN {mine(n)} IS NULL OR {mine(n)} < {theirs(n)}"
            f" THEN {theirs(n)} ELSE {mine(n)} END"
            for n in later
        ),
    ]
    match = " AND ".join(f"{mine(key)} = {theirs(key)}" for key in keys)
    sql = (
        f"UPDATE {table} SET {', '.join(assignments)}"  # noqa: S608
        f" FROM {source(model, rows[0])} WHERE {match}"
    )
    execute(sql, [json_rows(model, rows)])


def lock_rows(model, rows, keys):
    """Get or create the rows with these keys, locked, as model instances.

    One upsert does all three: a conflicting row is locked by the no-op
    update and returned with the new ones. Pass the rows in a fixed order, so
    two transactions locking the same rows cannot deadlock.
    """
    if not rows:
        return []
    key = quoted(keys[0])
    sql = _insert_sql(
        connection.vendor,
        model,
        tuple(rows[0]),
        f"ON CONFLICT ({column_list(keys)}) DO UPDATE SET {key} = excluded.{key}"
        f" RETURNING {column_list(fields_by_column(model))}",
    )
    return list(model.objects.raw(sql, [json_rows(model, rows)]))


def _insert(model, rows, on_conflict):
    if rows:
        sql = _insert_sql(connection.vendor, model, tuple(rows[0]), on_conflict)
        execute(sql, [json_rows(model, rows)])


@functools.cache
def _insert_sql(vendor, model, columns, on_conflict):
    listed = column_list(columns)
    return (
        f"INSERT INTO {table_name(model)} ({listed}) SELECT {listed}"  # noqa: S608
        f" FROM {source(model, columns)} WHERE true {on_conflict}"
    )
