"""What a bulk enrolment is made of: the limits, the messages, a row, its outcome, a plan and its report."""

from dataclasses import dataclass, field

from django.db import models

TEMPLATE_COLUMNS = ("email", "first_name", "last_name", "team", "site", "mentor_email")
TEMPLATE_EXAMPLE = (
    "alex.morgan@example.com",
    "Alex",
    "Morgan",
    "Inbound sales",
    "Leeds",
    # No mentor: an example address would be refused, as no account uses it.
    "",
)
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024

TOO_BIG = "The file is larger than 2 MB: split it into smaller files."
TOO_MANY = f"The file has more than {MAX_ROWS:,} rows: split it into smaller files."
NOT_UTF8 = "The file is not UTF-8 text: save it as 'CSV UTF-8' and try again."
NOT_XLSX = "The file is a zip archive but not a readable Excel workbook (.xlsx)."
OLD_XLS = (
    "This is an old Excel (.xls) file: save it as .xlsx or 'CSV UTF-8' and try again."
)
EMPTY = "The file is empty."
NO_HEADER = (
    "The first row must name the columns ({columns}); there is no 'email' column."
)


class UploadInvalid(Exception):
    """The file itself is unusable; its rows were not looked at."""


class UploadRejected(Exception):
    """Some rows have errors, so nothing was written; `plan.rows` says which and why."""

    def __init__(self, plan):
        self.plan = plan
        for row in plan.rows:
            row.applied = False
        super().__init__(
            f"{len(plan.rejected)} of {len(plan.rows)} rows have errors: nothing was enrolled."
        )


class Outcome(models.TextChoices):
    CREATE = "create", "New account, enrolled"
    ENROL = "enrol", "Enrolled"
    ATTACH = "attach", "Already enrolled, added to this cohort"
    SKIP = "skip", "Already enrolled, left alone"
    REJECT = "reject", "Rejected"


# What a good row of a refused upload would have done: nothing was written.
PLANNED_LABELS = {
    Outcome.CREATE: "New account would be created — nothing was applied",
    Outcome.ENROL: "Would be enrolled — nothing was applied",
    Outcome.ATTACH: "Would be added to this cohort — nothing was applied",
    Outcome.SKIP: "Already enrolled, would be left alone",
}
STAFF_REFUSED = (
    "This is a staff or administrator account: a learner needs an account of "
    "their own (use another email)."
)


@dataclass(frozen=True)
class RowIn:
    """One data row of the upload, trimmed; `row` is its spreadsheet row number."""

    row: int
    email: str
    first_name: str = ""
    last_name: str = ""
    team: str = ""
    site: str = ""
    mentor_email: str = ""


@dataclass
class RowOutcome:
    """What happens, or happened, to one row and why."""

    row: int
    email: str
    outcome: str
    detail: str
    data: RowIn = field(repr=False)
    user: object = field(default=None, repr=False)
    mentor: object = field(default=None, repr=False)

    # False while the row is only planned (its upload was refused as a whole).
    applied: bool = True
    invited: bool = False

    @property
    def label(self):
        if self.applied or self.outcome == Outcome.REJECT:
            return Outcome(self.outcome).label
        return PLANNED_LABELS[self.outcome]


@dataclass
class Plan:
    """The checked upload, one outcome per row; nothing is written yet."""

    rows: list[RowOutcome]

    @property
    def rejected(self):
        return [row for row in self.rows if row.outcome == Outcome.REJECT]

    @property
    def counts(self):
        return {
            outcome: sum(row.outcome == outcome for row in self.rows)
            for outcome in Outcome.values
        }


class Report(Plan):
    """What an applied upload did, row by row."""
