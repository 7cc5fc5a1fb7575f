"""Spreadsheet cells that stay data: text a spreadsheet would run as a formula is
prefixed with an apostrophe (OWASP's advice on CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, or for text starting like a formula, the text behind a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """Every cell of a row made safe with `safe_cell`."""
    return [safe_cell(value) for value in values]
