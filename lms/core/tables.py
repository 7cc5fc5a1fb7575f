"""Sorting the rows of the admin's report tables, which are built in Python."""


def sort_rows(rows, ordering, keys=None, ranks=None):
    """Rows sorted by the attribute `ordering` names, '-' for descending; blanks last.

    `keys`, if given, are the attributes one may sort by (anything else leaves
    the rows as they are); `ranks` maps an attribute to a function giving a
    row's place where the value's own order is not the meaningful one.
    """
    key = (ordering or "").lstrip("-")
    if not key or (keys is not None and key not in keys):
        return rows
    rank = (ranks or {}).get(key)

    def value(row):
        if rank is not None:
            return rank(row)
        found = getattr(row, key)
        return found.casefold() if isinstance(found, str) else found

    present = [row for row in rows if getattr(row, key) not in (None, "")]
    blank = [row for row in rows if getattr(row, key) in (None, "")]
    return sorted(present, key=value, reverse=ordering.startswith("-")) + blank
