"""Reading an upload (CSV or XLSX, told by the content) into rows; nothing is looked up yet."""

import csv
import io
import zipfile

import openpyxl

from lms.core import sniffing
from lms.enrolment.bulk.outcomes import (
    EMPTY,
    MAX_BYTES,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    NO_HEADER,
    NOT_UTF8,
    NOT_XLSX,
    OLD_XLS,
    TEMPLATE_COLUMNS,
    TOO_BIG,
    TOO_MANY,
    RowIn,
    UploadInvalid,
)


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
