"""The fixed reads behind "Today's review", which My learning shows on every visit.

Through the ORM the due-cards query (a CASE, a negated nullable filter, an
order) cost about 2.5 ms of CPU to compile, ten times what the database took;
the statements here are built once per process. Parameters go through the
backend's own adaptation, so SQLite compares times as the ORM stores them.
"""

import functools

from django.db import connection

from lms.models import ReviewCard, ReviewDay


def review_days(user_id, since):
    """{day: answers} of the learner's days with answers from `since` on."""
    day = connection.ops.adapt_datefield_value(since)
    rows = ReviewDay.objects.raw(_days_sql(), [user_id, day])
    return {row.day: row.answers for row in rows}


def upcoming_cards(user_id, start, tomorrow, limit):
    """The learner's active cards due before `tomorrow` and not reviewed since
    `start` (`later` 0), then those due from `tomorrow` on (`later` 1); in that
    order, then by due time and id; at most `limit`."""
    start, tomorrow = (
        connection.ops.adapt_datetimefield_value(t) for t in (start, tomorrow)
    )
    params = [tomorrow, start, user_id, tomorrow, start, tomorrow, limit]
    return list(ReviewCard.objects.raw(_cards_sql(), params))


@functools.cache
def _days_sql():
    table, c = _names(ReviewDay)
    return (
        f"SELECT {c('id')}, {c('day')}, {c('answers')} FROM {table}"  # noqa: S608 - names only
        f" WHERE {c('user')} = %s AND {c('day')} >= %s AND {c('answers')} > 0"
    )


@functools.cache
def _cards_sql():
    table, c = _names(ReviewCard)
    due, last = c("due"), c("last_review")
    due_now = f"({due} < %s AND ({last} IS NULL OR {last} < %s))"
    return (
        f"SELECT *, CASE WHEN {due_now} THEN 0 ELSE 1 END AS later"  # noqa: S608 - names only
        f" FROM {table} WHERE {c('user')} = %s AND {c('retired_at')} IS NULL"
        f" AND ({due_now} OR {due} >= %s)"
        f" ORDER BY later, {due}, {c('id')} LIMIT %s"
    )


def _names(model):
    meta = model._meta

    def column(name):
        return connection.ops.quote_name(meta.get_field(name).column)

    return connection.ops.quote_name(meta.db_table), column
