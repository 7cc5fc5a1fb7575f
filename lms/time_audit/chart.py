"""The geometry of the stacked-bar chart, worked out here so the template only draws.

One horizontal bar per week (a phone is taller than wide), a segment per category
filled with its own pattern as well as its colour, so the chart reads without
colour; a dashed tick marks the contracted week. The table under the chart says
the same in numbers, for screen readers.
"""

from dataclasses import dataclass

from lms.time_audit.categories import VERSIONS, week_label

SHOWN_WEEKS = 12
LABEL_WIDTH = 74
BAR_WIDTH = 236
ROW = 28
BAR = 20
TOP = 4
# Hours are printed inside a segment only when they fit.
MIN_LABELLED = 22


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    pattern: int
    title: str
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    text_y: int
    segments: list
    contract_x: float
    total_x: float
    total: str


@dataclass(frozen=True)
class Chart:
    bars: list
    height: int
    width: int
    legends: list  # [(version label, [(pattern, category label)])]


def hours_text(value):
    return f"{value.normalize():f}"


def chart(weeks):
    """The chart of the latest SHOWN_WEEKS weeks, or None when none was logged."""
    shown = weeks[-SHOWN_WEEKS:]
    if not shown:
        return None
    top = max(max(w.total, w.contracted_hours) for w in shown) or 1
    scale = BAR_WIDTH / float(top)
    bars = [_bar(week, TOP + i * ROW, scale) for i, week in enumerate(shown)]
    versions = [
        v for key, v in VERSIONS.items() if any(w.version == key for w in shown)
    ]
    legends = [
        (v.label, [(i, c.label) for i, c in enumerate(v.categories)]) for v in versions
    ]
    return Chart(
        bars=bars,
        height=TOP + len(shown) * ROW,
        width=LABEL_WIDTH + BAR_WIDTH + 50,
        legends=legends,
    )


def _bar(week, y, scale):
    x = float(LABEL_WIDTH)
    segments = []
    for pattern, (category, hours) in enumerate(week.hours()):
        width = float(hours) * scale
        if width > 0:
            text = hours_text(hours) if width >= MIN_LABELLED else ""
            title = f"{category.label}: {hours_text(hours)} h"
            segments.append(Segment(round(x, 1), round(width, 1), pattern, title, text))
        x += width
    return Bar(
        label=week_label(week.week_start),
        y=y,
        text_y=y + BAR - 6,
        segments=segments,
        contract_x=round(LABEL_WIDTH + week.contracted_hours * scale, 1),
        total_x=round(x + 4, 1),
        total=f"{hours_text(week.total)} h",
    )
