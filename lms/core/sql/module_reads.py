"""The fixed reads of a learner's module and course pages: their progress row
with its block state, their events on the module not applied yet, and their
statuses on a course's modules.

Built through the ORM these two cost more CPU to compile than PostgreSQL
took to answer them, on the page learners open most. The models are looked
up when first needed, so this module imports no concept.
"""

import functools

from django.apps import apps

from lms.core.sql.rows import fetch, marks, quoted, table_name


def module_progress(user_id, module_id):
    """(status, block state as stored JSON text or None) of the learner's
    progress row on the module, or None when there is none."""
    rows = fetch(_progress_sql(), [user_id, module_id])
    return rows[0] if rows else None


def waiting_events(user_id, module_id):
    """The learner's events on the module that are neither applied nor set
    aside, oldest first, as ProgressEvent instances holding what a page folds
    (the `event_user_module_unapplied` index finds them)."""
    model = apps.get_model("lms", "ProgressEvent")
    return list(model.objects.raw(_waiting_sql(), [user_id, module_id]))


@functools.cache
def _progress_sql():
    progress = apps.get_model("lms", "ModuleProgress")._meta
    state = apps.get_model("lms", "ModuleBlockState")._meta

    def p(name):
        return f"p.{quoted(progress.get_field(name).column)}"

    blocks = f"s.{quoted(state.get_field('blocks').column)}"
    return (
        f"SELECT {p('status')}, CAST({blocks} AS TEXT)"  # noqa: S608 - names only
        f" FROM {table_name(progress.model)} p"
        f" LEFT JOIN {table_name(state.model)} s"
        f" ON s.{quoted(state.pk.column)} = {p('id')}"
        f" WHERE {p('user')} = %s AND {p('module')} = %s"
    )


@functools.cache
def _waiting_sql():
    event = apps.get_model("lms", "ProgressEvent")._meta

    def e(name):
        return quoted(event.get_field(name).column)

    shown = ", ".join(
        e(name) for name in ("id", "kind", "block_id", "payload", "result")
    )
    return (
        f"SELECT {shown}, {e('occurred_at')} FROM {table_name(event.model)}"  # noqa: S608
        f" WHERE {e('user')} = %s AND {e('module')} = %s"
        f" AND {e('applied_at')} IS NULL AND {e('failed_at')} IS NULL"
        f" ORDER BY {e('occurred_at')}, {e('received_at')}"
    )


def module_statuses(user_id, module_ids):
    """(module id, status) of the learner's progress rows on these modules."""
    if not module_ids:
        return []
    return fetch(
        f"{_statuses_sql()} ({marks(len(module_ids))})", [user_id, *module_ids]
    )


@functools.cache
def _statuses_sql():
    progress = apps.get_model("lms", "ModuleProgress")._meta

    def p(name):
        return quoted(progress.get_field(name).column)

    return (
        f"SELECT {p('module')}, {p('status')} FROM {table_name(progress.model)}"  # noqa: S608
        f" WHERE {p('user')} = %s AND {p('module')} IN"
    )
