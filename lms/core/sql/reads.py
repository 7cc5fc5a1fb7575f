"""The fixed read statements run on every recorded event and every API request.

Building the same queries through the ORM cost about 1 ms of CPU each,
several times what the database takes to answer them, and most of what
recording an event cost. The models are looked up when first needed, so
this module imports no concept.
"""

import functools

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

from lms.core.sql.rows import fetch, marks, quoted, table_name


def live_modules(module_ids, event_ids):
    """(id, path, body as stored text, how many of `event_ids` are stored) per live module.

    One query answers both: a retry is rare, so the stored events themselves
    are only read when there is one.
    """
    n = _names()
    sql = (
        f"SELECT p.{n['page_id']}, p.{n['path']}, CAST(m.{n['body']} AS TEXT),"  # noqa: S608
        f" (SELECT COUNT(*) FROM {n['event']} WHERE {n['event_id']} IN ({marks(len(event_ids))}))"
        f" FROM {n['module']} m JOIN {n['page']} p ON p.{n['page_id']} = m.{n['module_ptr']}"
        f" WHERE p.{n['live']} = %s AND p.{n['page_id']} IN ({marks(len(module_ids))})"
    )
    return fetch(sql, [*_event_ids(event_ids), True, *module_ids])


def programme_enrolments(user_id, programme_paths):
    """(enrolment id, cohort id, programme id, path, depth, pacing, start date)
    of the learner's enrolments in the programmes at these page paths."""
    n = _names()
    sql = (
        f"SELECT e.{n['enrolment_id']}, e.{n['cohort_ref']}, p.{n['page_id']},"  # noqa: S608
        f" p.{n['path']}, p.{n['depth']}, c.{n['pacing']}, c.{n['start_date']}"
        f" FROM {n['enrolment']} e JOIN {n['page']} p ON p.{n['page_id']} = e.{n['programme_ref']}"
        f" LEFT JOIN {n['cohort']} c ON c.{n['cohort_id']} = e.{n['cohort_ref']}"
        f" WHERE e.{n['enrolment_user']} = %s AND p.{n['path']} IN ({marks(len(programme_paths))})"
    )
    return fetch(sql, [user_id, *programme_paths])


def stored_blocks(user_id, kind, module_ids):
    """(module id, block id) of the learner's stored events of this kind on these modules."""
    n = _names()
    sql = (
        f"SELECT DISTINCT {n['event_module']}, {n['event_block']} FROM {n['event']}"  # noqa: S608
        f" WHERE {n['event_user']} = %s AND {n['event_kind']} = %s"
        f" AND {n['event_module']} IN ({marks(len(module_ids))})"
    )
    return fetch(sql, [user_id, kind, *module_ids])


def live_token(key_hashes, stale_before, check_active=True):
    """(token id, user id, last use before `stale_before`?) of the unrevoked
    token with one of these key hashes, or None. With `check_active`, only
    an active user's."""
    token = apps.get_model("wagtailcore", "APIToken")
    cutoff = token._meta.get_field("last_used_at").get_db_prep_value(
        stale_before, connection
    )
    params = [cutoff, *key_hashes, *([True] if check_active else [])]
    rows = fetch(_token_sql(len(key_hashes), check_active), params)
    return rows[0] if rows else None


@functools.cache
def _token_sql(hashes, check_active):
    token, user = (
        apps.get_model("wagtailcore", "APIToken")._meta,
        get_user_model()._meta,
    )

    def t(name):
        return f"t.{quoted(token.get_field(name).column)}"

    active = f" AND u.{quoted(user.get_field('is_active').column)} = %s"
    return (
        f"SELECT {t('id')}, {t('user')},"  # noqa: S608 - names only
        f" {t('last_used_at')} IS NULL OR {t('last_used_at')} < %s"
        f" FROM {table_name(token.model)} t"
        f" JOIN {table_name(user.model)} u ON u.{quoted(user.pk.column)} = {t('user')}"
        f" WHERE {t('key_hash')} IN ({marks(hashes)})"
        f" AND {t('revoked_at')} IS NULL" + (active if check_active else "")
    )


def _event_ids(ids):
    prepare = apps.get_model("lms", "ProgressEvent")._meta.pk.get_db_prep_value
    return [prepare(pk, connection) for pk in ids]


@functools.cache
def _names():
    """Quoted table and column names, from the models (the page table may be swapped)."""
    event = apps.get_model("lms", "ProgressEvent")._meta
    module = apps.get_model("courses", "ModulePage")._meta
    enrolment = apps.get_model("lms", "Enrolment")._meta
    cohort = apps.get_model("lms", "Cohort")._meta
    page = module.get_field("path").model._meta

    def column(meta, name):
        return quoted(meta.get_field(name).column)

    return {
        "event": table_name(event.model),
        "event_id": column(event, "id"),
        "event_user": column(event, "user"),
        "event_module": column(event, "module"),
        "event_block": column(event, "block_id"),
        "event_kind": column(event, "kind"),
        "module": table_name(module.model),
        "module_ptr": quoted(module.pk.column),
        "body": column(module, "body"),
        "page": table_name(page.model),
        "page_id": quoted(page.pk.column),
        "path": column(page, "path"),
        "depth": column(page, "depth"),
        "live": column(page, "live"),
        "enrolment": table_name(enrolment.model),
        "enrolment_id": quoted(enrolment.pk.column),
        "enrolment_user": column(enrolment, "user"),
        "programme_ref": column(enrolment, "programme"),
        "cohort_ref": column(enrolment, "cohort"),
        "cohort": table_name(cohort.model),
        "cohort_id": quoted(cohort.pk.column),
        "pacing": column(cohort, "pacing"),
        "start_date": column(cohort, "start_date"),
    }
