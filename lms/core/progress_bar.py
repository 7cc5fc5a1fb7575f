"""A text progress bar for management commands that work through many learners."""

WIDTH = 30


def bar_line(done, total, noun="learners"):
    """`[#####.....] 120 of 400 learners (30%)`; an empty total reads as done."""
    share = done / total if total else 1
    filled = round(WIDTH * share)
    return f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done:,} of {total:,} {noun} ({share:.0%})"
