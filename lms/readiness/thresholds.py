"""Each programme's cut points on the grid's two axes, and the one rule that turns
a score into a box.

A score on a cut point goes up: with cut points 50 and 75, a score below 50
is box 1, 50 up to (not including) 75 is box 2, 75 and above is box 3. Scores
are rounded to one decimal before they are boxed (lms.readiness.scores), so the
box always agrees with the figure a page shows: 49.9 is box 1, 50.0 box 2.
"""

from dataclasses import dataclass

from lms.models import ReadinessSettings


@dataclass(frozen=True)
class Thresholds:
    low: float
    high: float


def box(score, thresholds):
    """1, 2 or 3 for a score from 0 to 100; None for no score (not placed)."""
    if score is None:
        return None
    if score >= thresholds.high:
        return 3
    if score >= thresholds.low:
        return 2
    return 1


def defaults_for(programme_id):
    """The settings a programme has before anyone saved its own (unsaved)."""
    return ReadinessSettings(programme_id=programme_id)


def settings_for(programme):
    """The programme's settings, or its unsaved defaults: reading never writes.

    Reads the row `select_related("readiness_settings")` brought when it did."""
    try:
        return programme.readiness_settings
    except ReadinessSettings.DoesNotExist:
        return defaults_for(programme.pk)


def axes(settings):
    """(performance, potential) Thresholds of a programme's settings."""
    return (
        Thresholds(settings.performance_low, settings.performance_high),
        Thresholds(settings.potential_low, settings.potential_high),
    )
