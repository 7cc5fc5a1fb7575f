"""The gap picture's chart, worked out here so the template only draws.

One row per competency on the same 1-4 scale: a bar to the evidence level, a
circle at the learner's own rating and a diamond at the mentor's, with a dashed
line at the target level. Each row also prints its values in words, so neither
colour nor shape is the only cue; the table under the chart gives the same
figures for screen readers. The viewBox is a phone's width (340), so the chart
scales down to a 360 px screen without losing its labels.
"""

from dataclasses import dataclass

from lms.assessment.gaps import TARGET_LEVEL

WIDTH = 340
LEFT = 14  # room for a marker's half at level 1
SPAN = 312  # level 1 to level 4
AXIS = 34  # the scale's labels above the first row
ROW = 60
NAME_Y = 14
BAR_Y = 21
BAR = 16
VALUES_Y = 52
MARKER = 7
# A longer name is cut on the chart; the table prints it whole.
NAME_CHARS = 44


def level_text(level):
    """A level as the page prints it: 2.95, 2.5, 4 (two decimals at most)."""
    if level is None:
        return ""
    return f"{round(level, 2):g}"


def x_of(level):
    return round(LEFT + (level - 1) * SPAN / 3, 1)


@dataclass(frozen=True)
class Row:
    name: str
    name_y: int
    bar_y: int
    middle_y: int
    values_y: int
    evidence_width: float | None  # None without evidence
    self_x: float | None
    mentor_points: str | None  # the diamond's polygon
    values: str  # the row's figures in words


@dataclass(frozen=True)
class Chart:
    rows: list
    width: int
    height: int
    ticks: list  # [(x, label)]
    target_x: float
    target_label: str
    label: str  # the aria-label: what the chart shows, in a sentence


def chart(gap_rows, self_label="You"):
    """The chart of a gap picture's rows, or None when there is no competency.

    `self_label` names the self-rating in the rows' words ("You" for the
    learner; a mentor's page may say "Self")."""
    if not gap_rows:
        return None
    rows = [
        _row(gap_row, AXIS + i * ROW, self_label) for i, gap_row in enumerate(gap_rows)
    ]
    count = len(rows)
    return Chart(
        rows=rows,
        width=WIDTH,
        height=AXIS + count * ROW,
        ticks=[(x_of(n), str(n)) for n in (1, 2, 3, 4)],
        target_x=x_of(TARGET_LEVEL),
        target_label=f"Target {TARGET_LEVEL}",
        label=(
            f"The self-rating against the evidence for {count} "
            f"competenc{'y' if count == 1 else 'ies'}, on levels 1 to 4; "
            f"a team leader needs level {TARGET_LEVEL}."
        ),
    )


def _row(gap_row, top, self_label):
    evidence = gap_row.evidence_level
    mentor = gap_row.evidence.mentor
    middle = top + BAR_Y + BAR // 2
    name = gap_row.competency.name
    if len(name) > NAME_CHARS:
        name = name[: NAME_CHARS - 1].rstrip() + "…"
    return Row(
        name=name,
        name_y=top + NAME_Y,
        bar_y=top + BAR_Y,
        middle_y=middle,
        values_y=top + VALUES_Y,
        # A level-1 bar would have no width; 2 px keeps it visible.
        evidence_width=None if evidence is None else max(2, x_of(evidence) - LEFT),
        self_x=None if gap_row.self_level is None else x_of(gap_row.self_level),
        mentor_points=None if mentor is None else _diamond(x_of(mentor), middle),
        values=values_text(gap_row, self_label),
    )


def _diamond(x, y):
    return f"{x},{y - MARKER} {x + MARKER},{y} {x},{y + MARKER} {x - MARKER},{y}"


def values_text(gap_row, self_label="You"):
    """ "Evidence 2.95 · You 4 · Mentor 3": the row in words."""
    evidence = gap_row.evidence_level
    parts = [
        "No evidence yet" if evidence is None else f"Evidence {level_text(evidence)}",
        "not rated"
        if gap_row.self_level is None
        else f"{self_label} {gap_row.self_level}",
    ]
    if gap_row.evidence.mentor is not None:
        parts.append(f"Mentor {gap_row.evidence.mentor}")
    return " · ".join(parts)
