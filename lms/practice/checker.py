"""Checking a completed practice workbook against its answer key.

The learner writes each answer in the "Your answer" column of the Tasks sheet,
as a number or as a formula; a formula's result is read from the value Excel
(or LibreOffice, or Sheets) saved with it. An answer is right within half a unit
of the expected answer's last decimal place (77.3 takes 77.25 to 77.35); a
share may be given as a fraction (0.79), a percentage (79) or text ("79%").
"""

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl

MAX_BYTES = 5 * 1024 * 1024
# What the workbook may unpack to: a real practice workbook is well under 1 MB.
MAX_UNPACKED = 50 * 1024 * 1024
TASKS_SHEET = "Tasks"
ANSWER_COLUMN = 3


class WorkbookRejected(Exception):
    """The upload is not a workbook this checker can read; the message says why."""


@dataclass(frozen=True)
class TaskResult:
    task: str  # "task-1"
    number: int
    question: str
    given: object  # what the cell held, or None
    correct: bool
    feedback: str


def check(upload, key, expected, questions):
    """A TaskResult per task of the workbook `key`; raises WorkbookRejected."""
    data = _read(upload)
    answers = _answers(_open(data))
    results = []
    for number, (task, want) in enumerate(expected.items(), start=1):
        given = answers.get(number)
        correct = given is not None and matches(given, want)
        results.append(
            TaskResult(
                task,
                number,
                questions[number - 1],
                given,
                correct,
                _feedback(given, correct),
            )
        )
    return results


def matches(given, expected):
    """Whether an answer equals the expected one within its written precision."""
    value = _number(given)
    if value is None:
        return False
    want = Decimal(str(expected))
    tolerance = Decimal(1).scaleb(want.as_tuple().exponent) / 2
    candidates = [value]
    if abs(want) <= 1 and abs(value) > 1:
        candidates.append(value / 100)  # a share typed as a percentage
    return any(abs(candidate - want) <= tolerance for candidate in candidates)


def _number(given):
    if isinstance(given, bool):
        return None
    if isinstance(given, int | float):
        return Decimal(str(given))
    text = str(given).strip().replace(",", "")
    share = text.endswith("%")
    try:
        value = Decimal(text.rstrip("%").strip())
    except ArithmeticError:
        return None
    return value / 100 if share else value


def _feedback(given, correct):
    if given is None:
        return (
            "No answer found: write it in the Your answer column. A formula needs "
            "saving in Excel first, so its result is stored in the file."
        )
    if correct:
        return "Right."
    return "Not this one: check which rows your formula takes in, then try again."


def _read(upload):
    if upload.size > MAX_BYTES:
        raise WorkbookRejected(
            "That file is over 5 MB; a practice workbook is far smaller."
        )
    data = upload.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise WorkbookRejected(_NOT_XLSX) from error
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise WorkbookRejected(_NOT_XLSX)
    if unpacked > MAX_UNPACKED:
        raise WorkbookRejected(
            "That file unpacks to far more than a practice workbook."
        )
    return data


def _open(data):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRejected(_NOT_XLSX) from error


def _answers(workbook):
    """{task number: value} from the Tasks sheet's "Task n" rows."""
    if TASKS_SHEET not in workbook.sheetnames:
        raise WorkbookRejected(
            "The workbook has no Tasks sheet: upload the practice workbook itself."
        )
    found = {}
    for row in workbook[TASKS_SHEET].iter_rows(
        min_row=2, max_col=ANSWER_COLUMN, values_only=True
    ):
        label = str(row[0] or "")
        if label.startswith("Task ") and label[5:].strip().isdigit():
            value = row[ANSWER_COLUMN - 1] if len(row) >= ANSWER_COLUMN else None
            found[int(label[5:])] = None if value in ("", None) else value
    workbook.close()
    return found


_NOT_XLSX = "That is not an Excel workbook (.xlsx). Save your copy as .xlsx and upload it again."
