"""Generate the practice workbooks for the advanced Excel course.

Each workbook has a seeded data generator (so every build is identical) and a
separate answer function that works out the expected answers from that data.
Run ``python -m content.workbooks.build [OUTDIR]`` to write the .xlsx files.

The seeded generators and answer functions live in data_tables, kpis and
staffing, the registry of workbooks in catalogue; this module writes them out.
"""

import argparse
import json
import random
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from content.workbooks.catalogue import WORKBOOKS

# What lms.practice, the tests and the Makefile use of the builder.
__all__ = [
    "ANSWERS_PATH",
    "DEFAULT_OUTDIR",
    "WORKBOOKS",
    "answers",
    "build",
    "build_workbook",
    "main",
    "write_answers",
]

HERE = Path(__file__).resolve().parent
DEFAULT_OUTDIR = HERE / "out"
ANSWERS_PATH = HERE / "answers.json"

HEADER_FORMATS = {
    "Month": "mmm yyyy",
    "Adherence": "0%",
    "FCR": "0%",
    "Service level": "0%",
    "SL target": "0%",
    "CSAT": "0%",
}
TYPE_FORMATS = {date: "dd/mm/yyyy", time: "hh:mm"}


# --- writing -----------------------------------------------------------------


def _write_sheet(ws, rows):
    """Write rows under a bold header with readable number formats."""
    for row in rows:
        ws.append(row)
    for column, header in enumerate(rows[0], start=1):
        ws.cell(1, column).font = Font(bold=True)
        width = max([len(str(header))] + [len(str(row[column - 1])) for row in rows])
        ws.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
        for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
            fmt = HEADER_FORMATS.get(header) or TYPE_FORMATS.get(type(cell.value))
            if fmt:
                cell.number_format = fmt


def _tasks_rows(spec):
    """Rows of the Tasks sheet: numbered tasks, then any notes."""
    rows = [["Task", "Question", "Your answer"]]
    rows += [[f"Task {n}", text, None] for n, text in enumerate(spec.tasks, 1)]
    if spec.notes:
        rows += [[None, None, None]] + [["Note", note, None] for note in spec.notes]
    return rows


def build_workbook(key, path):
    """Write the workbook for one key to path and return the path."""
    spec = WORKBOOKS[key]
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Advanced Excel for contact-centre leaders"
    wb.properties.created = datetime(2024, 1, 1)
    for name, rows in spec.data(random.Random(spec.seed)).items():
        _write_sheet(wb.create_sheet(name), rows)
    _write_sheet(wb.create_sheet("Tasks"), _tasks_rows(spec))
    wb.save(path)
    return path


def build(outdir=DEFAULT_OUTDIR):
    """Write every practice workbook into outdir and return their paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    return [build_workbook(key, outdir / f"{key}.xlsx") for key in WORKBOOKS]


def answers():
    """Return the expected answers of every workbook, keyed by workbook."""
    return {
        key: spec.answers(spec.data(random.Random(spec.seed)))
        for key, spec in WORKBOOKS.items()
    }


def write_answers(path=ANSWERS_PATH):
    """Write the expected answers to answers.json and return its path."""
    Path(path).write_text(json.dumps(answers(), indent=2) + "\n")
    return path


def main(argv=None):
    """Build the workbooks from the command line; optionally rewrite answers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUTDIR)
    parser.add_argument(
        "--write-answers", action="store_true", help="also rewrite answers.json"
    )
    args = parser.parse_args(argv)
    for path in build(args.outdir):
        print(f"wrote {path}")
    if args.write_answers:
        print(f"wrote {write_answers()}")


if __name__ == "__main__":
    main()
