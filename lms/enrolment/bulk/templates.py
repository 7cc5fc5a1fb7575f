"""The downloadable templates, whose example row is itself accepted."""

import csv
import io

import openpyxl

from lms.enrolment.bulk.outcomes import (
    TEMPLATE_COLUMNS,
    TEMPLATE_EXAMPLE,
)


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
