"""The trend chart: nightly snapshots as SVG lines, laid out on the server (no JS)."""

from dataclasses import dataclass, field

from django.utils.html import format_html_join

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 34, 12, 32
Y_TICKS = (0, 25, 50, 75, 100)
X_LABELS = 6


@dataclass
class Series:
    """One line: its points as an SVG `points` string, and a titled dot per snapshot."""

    key: str
    label: str
    colour: str
    points: str = ""
    dots: list = field(default_factory=list)  # [(x, y, title)]

    def dots_html(self):
        """The dots as SVG, formatted here: a year of snapshots is hundreds of them."""
        return format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}</title></circle>',
            ((x, y, self.colour, title) for x, y, title in self.dots),
        )


@dataclass
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    series: list
    y_ticks: list  # [(y, label)]
    x_labels: list  # [(x, label)]


def trend_chart(snapshots):
    """Completion and the share of learners at risk, in percent, per snapshot; None if none."""
    if not snapshots:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    last = max(1, len(snapshots) - 1)

    def x(index):
        return LEFT + (
            plot_width * index / last if len(snapshots) > 1 else plot_width / 2
        )

    def y(percent):
        return TOP + plot_height * (1 - min(max(percent, 0), 100) / 100)

    completion = Series("completion", "Completion", "#007d7e")
    at_risk = Series("at-risk", "At risk (% of learners)", "#cd4444")
    for index, snapshot in enumerate(snapshots):
        day = snapshot.taken_on.isoformat()
        risk_share = (
            100 * snapshot.at_risk / snapshot.learners if snapshot.learners else 0
        )
        _add(
            completion,
            x(index),
            y(snapshot.completion),
            f"{day}: {snapshot.completion:.0f}% complete",
        )
        _add(
            at_risk,
            x(index),
            y(risk_share),
            f"{day}: {snapshot.at_risk} of {snapshot.learners} at risk",
        )
    step = max(1, len(snapshots) // X_LABELS)
    shown = list(range(0, len(snapshots), step))
    if shown[-1] != len(snapshots) - 1:
        shown.append(len(snapshots) - 1)
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        series=[completion, at_risk],
        y_ticks=[(_n(y(value)), f"{value}%") for value in Y_TICKS],
        x_labels=[(_n(x(i)), snapshots[i].taken_on.strftime("%d %b")) for i in shown],
    )


def _add(series, x, y, title):
    series.points = f"{series.points} {_n(x)},{_n(y)}".strip()
    series.dots.append((_n(x), _n(y), title))


def _n(value):
    """A coordinate as text, so template localisation never puts a comma in it."""
    return f"{value:.1f}"
