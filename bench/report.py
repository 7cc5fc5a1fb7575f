"""Printing figures: percentiles and plain-text tables with the targets beside them."""

import math
import time


def percentile(values, fraction):
    """Nearest-rank percentile of a list of numbers; None for an empty list."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def timed(function, runs):
    """Median and p95 wall time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 0.5), percentile(times, 0.95)


def verdict(value, target, at_least):
    """'met' or 'missed' against a target; blank when there is nothing to judge."""
    if value is None or target is None:
        return ""
    return "met" if (value >= target if at_least else value <= target) else "missed"


def number(value, decimals=0):
    if value is None:
        return "-"
    return f"{value:,.{decimals}f}"


def section(title):
    print()
    print(title)
    print("=" * len(title))


def table(headings, rows, notes=()):
    """Print rows under headings: first column left-aligned, the others right-aligned."""
    cells = [[str(cell) for cell in row] for row in [headings, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]
    for index, row in enumerate(cells):
        line = "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        )
        print(line.rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for note in notes:
        print(f"  {note}")
