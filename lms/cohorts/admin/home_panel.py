"""The admin home panel: the signed-in manager's cohorts and their at-risk counts."""

from django.db.models import Count, OuterRef, Subquery
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


class ManagedCohortsPanel(Component):
    """Lists the user's cohorts, linking to each dashboard."""

    name = "managed_cohorts"
    template_name = "lms/admin/home_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        cohorts = list(managed_cohorts(self.user))
        for cohort in cohorts:
            cohort.dashboard_url = cohort_url("dashboard", cohort.pk)
        return {"cohorts": cohorts, "index_url": cohort_url("index")}
