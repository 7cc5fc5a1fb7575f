"""Bulk enrolment from a CSV or XLSX upload: read, plan (validate), apply all-or-nothing.

Enrolments are bulk-created with the fields `lms.enrolment.services.enrol` sets (source
and enrolled_by) plus the cohort's own: one query for the whole upload instead
of a get-or-create per row. `read`, `plan` and `apply` are the three steps;
`outcomes` holds what they pass along.
"""

from lms.enrolment.bulk.apply import apply_plan
from lms.enrolment.bulk.outcomes import (
    MAX_BYTES,
    MAX_ROWS,
    NOT_UTF8,
    NOT_XLSX,
    OLD_XLS,
    PLANNED_LABELS,
    STAFF_REFUSED,
    TEMPLATE_COLUMNS,
    TEMPLATE_EXAMPLE,
    TOO_BIG,
    TOO_MANY,
    Outcome,
    Plan,
    Report,
    RowIn,
    RowOutcome,
    UploadInvalid,
    UploadRejected,
)
from lms.enrolment.bulk.plan import plan_enrolment
from lms.enrolment.bulk.read import read_rows
from lms.enrolment.bulk.templates import template_csv, template_xlsx

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "NOT_UTF8",
    "NOT_XLSX",
    "OLD_XLS",
    "PLANNED_LABELS",
    "STAFF_REFUSED",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_EXAMPLE",
    "TOO_BIG",
    "TOO_MANY",
    "Outcome",
    "Plan",
    "Report",
    "RowIn",
    "RowOutcome",
    "UploadInvalid",
    "UploadRejected",
    "apply_plan",
    "plan_enrolment",
    "read_rows",
    "template_csv",
    "template_xlsx",
]
