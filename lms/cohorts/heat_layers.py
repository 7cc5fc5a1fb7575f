"""What the cohort heat-map can show: mastery is built in, other concepts add layers.

    @hooks.register("register_cohort_heat_layer")
    def recall_layer():
        return HeatLayer("recall", "Predicted recall", cells, averages)

`cells(cohort, user_ids)` gives {(user id, competency id): share} for the learners on
the page; `averages(cohort, dashboard)` gives ({competency id: share}, as_of),
the cohort's row and the time its figures are from. Both read roll-ups.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

from lms.cohorts.dashboard import heat_map

HOOK = "register_cohort_heat_layer"
DEFAULT = "mastery"


@dataclass(frozen=True)
class HeatLayer:
    name: str
    label: str
    cells: Callable
    averages: Callable
    help_text: str = ""
    order: int = 100


def _mastery_averages(cohort, dashboard):
    shares = {competency.pk: share for competency, share, _n in dashboard.competencies}
    return shares, dashboard.as_of


MASTERY = HeatLayer(
    DEFAULT,
    "Mastery",
    heat_map,
    _mastery_averages,
    help_text="Share of each competency's questions answered correctly the first "
    "time, for the learners on this page of the table.",
    order=0,
)


def layers():
    """Every layer, mastery first."""
    added = [hook() for hook in hooks.get_hooks(HOOK)]
    return sorted([MASTERY, *added], key=lambda layer: layer.order)


def layer(name):
    """The layer called `name`; mastery for no name or one no concept added."""
    return next((found for found in layers() if found.name == name), MASTERY)
