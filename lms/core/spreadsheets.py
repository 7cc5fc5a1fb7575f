"""Spreadsheet cells that stay data: the one place CSV exports are made formula-safe.

A cell that begins with = + - @ tab or CR is run as a formula by Excel, LibreOffice
and Sheets when a CSV is opened (`=HYPERLINK(...)` from a learner's own name). OWASP's
advice is to prefix such text with a single quote, which the spreadsheet shows as
text. XLSX needs none of this: Wagtail writes text cells as text.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


_preprocess = SpreadsheetExportMixin.preprocess_field_value


def _safe_preprocess(self, field, value, export_format):
    result = _preprocess(self, field, value, export_format)
    return safe_cell(result) if export_format == self.FORMAT_CSV else result


def guard_wagtail_exports():
    """Make every admin CSV export formula-safe: our cohort reports and Wagtail's
    own listings (site history, users, snippets) all write cells through
    SpreadsheetExportMixin, which does not neutralise formulas in CSV."""
    SpreadsheetExportMixin.preprocess_field_value = _safe_preprocess
