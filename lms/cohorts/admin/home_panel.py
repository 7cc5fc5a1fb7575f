"""The admin home panel: the signed-in manager's cohorts and their at-risk counts,
and the columns other concepts add to its table through a hook:

    @hooks.register("register_cohort_home_column")
    def ready_now_column():
        return HomeColumn("Ready now", values, order=10)

`values(user, cohorts)` gives {cohort pk: cell} for the listed cohorts (text, or
safe HTML such as a link) in a fixed number of queries, however many cohorts.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from wagtail import hooks
from wagtail.admin.ui.components import Component

from lms.cohorts.admin.access import cohort_url
from lms.models import Cohort, CohortSnapshot


def managed_cohorts(user):
    """The user's own cohorts with learner counts and latest snapshot: one query."""
    # At-risk counts come from the latest nightly snapshot, shown with its date:
    # live statuses would cost each cohort's schedule and enrolments.
    latest = CohortSnapshot.objects.filter(cohort=OuterRef("pk")).order_by("-taken_on")
    return (
        Cohort.objects.filter(managers=user)
        .annotate(
            learner_count=Count("enrolments"),
            at_risk=Subquery(latest.values("at_risk")[:1]),
            at_risk_as_of=Subquery(latest.values("as_of")[:1]),
        )
        .order_by("-start_date", "name")
    )


COLUMN_HOOK = "register_cohort_home_column"


@dataclass(frozen=True)
class HomeColumn:
    heading: str
    values: Callable
    order: int = 100


def extra_columns(user, cohorts):
    """[(heading, {cohort pk: cell})] of the registered columns, in order."""
    if not cohorts:
        return []
    columns = sorted((hook() for hook in hooks.get_hooks(COLUMN_HOOK)), key=_order)
    return [(column.heading, column.values(user, cohorts)) for column in columns]


def _order(column):
    return column.order


class ManagedCohortsPanel(Component):
    """Lists the user's cohorts, linking to each dashboard."""

    name = "managed_cohorts"
    template_name = "lms/admin/home_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        cohorts = list(managed_cohorts(self.user))
        columns = extra_columns(self.user, cohorts)
        for cohort in cohorts:
            cohort.dashboard_url = cohort_url("dashboard", cohort.pk)
            cohort.extra_cells = [values.get(cohort.pk, "") for _h, values in columns]
        return {
            "cohorts": cohorts,
            "extra_headings": [heading for heading, _values in columns],
            "index_url": cohort_url("index"),
        }
