"""Every hand-written SQL statement of lms, on PostgreSQL and SQLite alike.

`rows` turns Python rows into one JSON parameter both databases read as a
table; `writes` holds the bulk inserts, upserts and updates built on it;
`reads` the fixed statements run on every recorded event or API request,
`module_reads` those of a learner's module page.
Table and column names always come from the models and are always quoted;
only values travel as parameters. Any other database is refused by the
`lms.E003` system check.
"""

from lms.core.sql.module_reads import module_progress, waiting_events
from lms.core.sql.reads import (
    live_modules,
    live_token,
    programme_enrolments,
    stored_blocks,
)
from lms.core.sql.rows import column_list, json_rows, new_rows, source, table_name
from lms.core.sql.writes import (
    add_rows,
    insert_new_rows,
    lock_rows,
    update_rows,
)

__all__ = [
    "add_rows",
    "column_list",
    "insert_new_rows",
    "json_rows",
    "live_modules",
    "live_token",
    "lock_rows",
    "module_progress",
    "new_rows",
    "programme_enrolments",
    "source",
    "stored_blocks",
    "table_name",
    "update_rows",
    "waiting_events",
]
