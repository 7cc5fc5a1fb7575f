"""Bulk enrolment from a CSV or XLSX upload: read, plan (validate), apply all-or-nothing.

Enrolments are bulk-created with the fields `lms.enrolment.services.enrol` sets (source
and enrolled_by) plus the cohort's own: one query for the whole upload instead
of a get-or-create per row.
"""

import csv
import io
import re
import secrets
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower

from lms.core import sniffing
from lms.models import Cohort, Enrolment
from lms.roles import LEARNERS, MENTORS
from lms.signals import learners_invited

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


def read_rows(uploaded_file) -> list[RowIn]:
    """The upload's data rows; CSV or XLSX is told by the content, not the file name."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UploadInvalid(TOO_BIG)
    # Any zip is read as a workbook: that checks its unpacked size first, and
    # says what is wrong with a zip that is not one.
    if sniffing.is_archive(data):
        return _rows(iter(_xlsx_records(data)))
    if data.startswith(sniffing.OLE2_MAGIC):
        raise UploadInvalid(OLD_XLS)
    return _rows(_csv_records(data))


def _csv_records(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadInvalid(NOT_UTF8) from None
    # Excel writes ';' or tab instead of ',' in some locales; the header line tells.
    delimiter = max(",;\t", key=text.partition("\n")[0].count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise UploadInvalid(f"The CSV file could not be read: {error}.") from None


def _xlsx_records(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise UploadInvalid(NOT_XLSX) from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UploadInvalid("The workbook unpacks to more than 20 MB: it is refused.")
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise UploadInvalid(TOO_MANY)
        records = list(sheet.iter_rows(values_only=True))
        workbook.close()
    except UploadInvalid:
        raise
    except Exception:  # openpyxl raises many kinds of error on a malformed workbook
        raise UploadInvalid(NOT_XLSX) from None
    return records


def _rows(records):
    columns = _columns(next(records, ()), records)
    rows = []
    for number, record in enumerate(records, start=2):
        values = dict.fromkeys(columns, "")
        values.update(zip(columns, map(_text, record), strict=False))
        values.pop(None, None)
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise UploadInvalid(TOO_MANY)
        rows.append(RowIn(row=number, **values))
    if not rows:
        raise UploadInvalid("The file has a header row but no learners under it.")
    return rows


def _columns(header, records):
    """Column names from the header row; None for a blank heading."""
    names = [_column_name(value) for value in header]
    if not any(names):
        if any(any(map(_text, record)) for record in records):
            raise UploadInvalid(NO_HEADER.format(columns=", ".join(TEMPLATE_COLUMNS)))
        raise UploadInvalid(EMPTY)
    if "email" not in names:
        raise UploadInvalid(NO_HEADER.format(columns=", ".join(TEMPLATE_COLUMNS)))
    unknown = [
        _text(value)
        for value, name in zip(header, names, strict=True)
        if name and name not in TEMPLATE_COLUMNS
    ]
    if unknown:
        raise UploadInvalid(
            f"Unknown columns: {', '.join(unknown)}. "
            f"The columns are: {', '.join(TEMPLATE_COLUMNS)}."
        )
    twice = sorted({name for name in names if name and names.count(name) > 1})
    if twice:
        raise UploadInvalid(f"These columns appear twice: {', '.join(twice)}.")
    return [name or None for name in names]


def _column_name(value):
    return "_".join(_text(value).lower().replace("-", " ").split())


def _text(value):
    return "" if value is None else str(value).strip()


def plan_enrolment(cohort, rows) -> Plan:
    """Check every row against the database in three queries; writes nothing."""
    keys = [_key(row.email) for row in rows]
    users = _accounts(get_user_model().objects.all(), filter(_is_email, keys))
    mentor_keys = filter(_is_email, (_key(row.mentor_email) for row in rows))
    mentors = _accounts(_mentor_candidates(cohort), mentor_keys)
    enrolled = dict(
        Enrolment.objects.filter(
            programme_id=cohort.programme_id,
            user__in=[found[0] for found in users.values() if len(found) == 1],
        ).values_list("user_id", "cohort_id")
    )
    rows_by_key = defaultdict(list)
    for row, key in zip(rows, keys, strict=True):
        rows_by_key[key].append(row.row)
    return Plan(
        [
            _plan_row(row, key, rows_by_key[key], users, mentors, enrolled, cohort)
            for row, key in zip(rows, keys, strict=True)
        ]
    )


def _plan_row(row, key, same_email, users, mentors, enrolled, cohort):
    problems = [*_email_problems(row, key, same_email, users), *_too_long(row)]
    mentor, problem = _mentor(row, key, mentors)
    problems += [problem] if problem else []
    planned = RowOutcome(row.row, row.email, Outcome.REJECT, "", row, mentor=mentor)
    if problems:
        planned.detail = " ".join(problems)
        return planned
    found = users.get(key)
    if not found:
        planned.outcome, planned.detail = Outcome.CREATE, "New account"
        return planned
    planned.user = found[0]
    if planned.user.is_staff or planned.user.is_superuser:
        planned.user, planned.detail = None, STAFF_REFUSED
        return planned
    if planned.user.pk in enrolled and enrolled[planned.user.pk] is None:
        # Self-enrolled learners keep their progress and join the cohort.
        planned.outcome = Outcome.ATTACH
        planned.detail = "Enrolled already, without a cohort: added to this cohort."
        return planned
    if planned.user.pk in enrolled:
        # Another manager's cohort is theirs to name, not this upload's.
        where = (
            "this cohort"
            if enrolled[planned.user.pk] == cohort.pk
            else "this programme"
        )
        planned.outcome = Outcome.SKIP
        planned.detail = f"Already enrolled in {where}: the enrolment is left as it is."
        return planned
    planned.outcome = Outcome.ENROL
    planned.detail = f"Existing account '{planned.user.get_username()}'"
    return planned


def _email_problems(row, key, same_email, users):
    if not key:
        return ["The email is missing."]
    if not _is_email(key):
        return [f"'{row.email}' is not a valid email address."]
    problems = []
    others = [str(number) for number in same_email if number != row.row]
    if others:
        problems.append(f"The same email is also on row {', '.join(others)}.")
    if len(users.get(key, ())) > 1:
        problems.append("Several accounts use this email: merge them first.")
    return problems


def _too_long(row):
    user_model = get_user_model()
    for name, model in (
        ("first_name", user_model),
        ("last_name", user_model),
        ("team", Enrolment),
        ("site", Enrolment),
    ):
        limit = model._meta.get_field(name).max_length
        if len(getattr(row, name)) > limit:
            label = name.replace("_", " ").capitalize()
            yield f"{label} is longer than {limit} characters."


def _mentor(row, key, mentors):
    """The row's mentor, or the problem with it."""
    mentor_key = _key(row.mentor_email)
    if not mentor_key:
        return None, None
    if not _is_email(mentor_key):
        return None, f"The mentor email '{row.mentor_email}' is not valid."
    if mentor_key == key:
        return None, "A learner cannot be their own mentor."
    found = mentors.get(mentor_key, [])
    if not found:
        return None, f"No account uses the mentor email '{row.mentor_email}'."
    if len(found) > 1:
        return None, f"Several accounts use the mentor email '{row.mentor_email}'."
    if not (found[0].in_mentors_group or found[0].in_cohort):
        return None, (
            f"{row.mentor_email} is not a mentor: add them to the Mentors group "
            "or to this cohort's mentors first."
        )
    return found[0], None


def _mentor_candidates(cohort):
    user_model = get_user_model()
    return user_model.objects.annotate(
        in_mentors_group=Exists(
            user_model.groups.through.objects.filter(
                user_id=OuterRef("pk"), group__name=MENTORS
            )
        ),
        in_cohort=Exists(
            Cohort.mentors.through.objects.filter(
                cohort_id=cohort.pk, user_id=OuterRef("pk")
            )
        ),
    )


def _accounts(queryset, keys):
    """Accounts by lower-cased email, in one query; several may share an email."""
    keys = set(keys)
    found = defaultdict(list)
    if keys:
        matching = queryset.annotate(email_key=Lower("email"))
        for user in matching.filter(email_key__in=keys).order_by("pk"):
            found[user.email_key].append(user)
    return found


def _key(email):
    return email.strip().lower()


def _is_email(key):
    if len(key) > get_user_model()._meta.get_field("email").max_length:
        return False
    try:
        validate_email(key)
    except ValidationError:
        return False
    return True


def apply_plan(cohort, plan, by_user) -> Report:
    """Create the accounts and enrolments of a plan, all or nothing."""
    if plan.rejected:
        raise UploadRejected(plan)
    with transaction.atomic():
        # Checked again inside the transaction: accounts and enrolments may have
        # changed since the plan was made (a preview confirmed later, say).
        plan = plan_enrolment(cohort, [row.data for row in plan.rows])
        if plan.rejected:
            raise UploadRejected(plan)
        _create_accounts([row for row in plan.rows if row.outcome == Outcome.CREATE])
        enrolling = [
            row for row in plan.rows if row.outcome in (Outcome.CREATE, Outcome.ENROL)
        ]
        for row in plan.rows:
            if row.outcome == Outcome.ATTACH:
                Enrolment.objects.filter(
                    user=row.user, programme_id=cohort.programme_id
                ).update(
                    cohort=cohort,
                    mentor=row.mentor,
                    team=row.data.team,
                    site=row.data.site,
                )
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=row.user,
                    programme_id=cohort.programme_id,
                    source=Enrolment.Source.MANAGER,
                    enrolled_by=by_user,
                    cohort=cohort,
                    mentor=row.mentor,
                    team=row.data.team,
                    site=row.data.site,
                )
                for row in enrolling
            ]
        )
        new_mentors = {
            row.mentor
            for row in plan.rows
            if row.outcome != Outcome.SKIP and row.mentor and not row.mentor.in_cohort
        }
        cohort.mentors.add(*new_mentors)
        _invite(cohort, enrolling, by_user)
    return Report(plan.rows)


def _invite(cohort, enrolling, by_user):
    """Ask for an invitation to every enrolled account that cannot sign in yet."""
    waiting = [row for row in enrolling if not row.user.has_usable_password()]
    for row in waiting:
        row.invited = True
        row.detail += ": an invitation to set a password is emailed"
    if waiting:
        learners_invited.send(
            sender=Enrolment,
            user_ids=[row.user.pk for row in waiting],
            programme_id=cohort.programme_id,
            invited_by_id=by_user.pk if by_user else None,
        )


def _create_accounts(rows):
    """Learner accounts without a usable password, for the rows' emails."""
    user_model = get_user_model()
    names = _usernames([row.data.email for row in rows])
    accounts = user_model.objects.bulk_create(
        [
            user_model(
                username=name,
                email=user_model.objects.normalize_email(row.data.email.strip()),
                first_name=row.data.first_name,
                last_name=row.data.last_name,
                password=make_password(None),
            )
            for row, name in zip(rows, names, strict=True)
        ]
    )
    learners = Group.objects.get_or_create(name=LEARNERS)[0]
    membership = user_model.groups.through
    membership.objects.bulk_create(
        [membership(user_id=account.pk, group_id=learners.pk) for account in accounts]
    )
    for row, account in zip(rows, accounts, strict=True):
        row.user = account
        row.detail = f"New account '{account.username}'"


def _usernames(emails):
    """A free username per email from its local part; a clash gets a random suffix."""
    user_model = get_user_model()
    bases = [_username_base(email) for email in emails]
    wanted = list(bases)
    chosen = [None] * len(emails)
    used = set()
    pending = range(len(emails))
    while pending:
        taken = used | set(
            user_model.objects.annotate(key=Lower("username"))
            .filter(key__in={wanted[i].lower() for i in pending})
            .values_list("key", flat=True)
        )
        retry = []
        for i in pending:
            if wanted[i].lower() in taken:
                wanted[i] = f"{bases[i][:143]}-{secrets.token_hex(3)}"
                retry.append(i)
            else:
                chosen[i] = wanted[i]
                taken.add(wanted[i].lower())
                used.add(wanted[i].lower())
        pending = retry
    return chosen


def _username_base(email):
    local = email.strip().rpartition("@")[0].lower()
    return re.sub(r"[^\w.@+-]", "", local)[:150] or "learner"


def template_csv() -> str:
    """The downloadable CSV template; the BOM makes Excel read it as UTF-8."""
    out = io.StringIO()
    csv.writer(out).writerows([TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE])
    return "\ufeff" + out.getvalue()


def template_xlsx() -> bytes:
    """The downloadable XLSX template: the header and one example row."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Learners")
    sheet.append(TEMPLATE_COLUMNS)
    sheet.append(TEMPLATE_EXAMPLE)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
