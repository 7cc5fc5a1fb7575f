"""Panels other concepts add to a cohort's dashboard and to its learner pages.

    @hooks.register("register_cohort_dashboard_panel")
    def review_panel():
        return CohortPanel("review", "lms/review/admin/participation.html", context)

A dashboard panel's `context(dashboard)` and a learner panel's
`context(enrolment)` return its template's context, or None to leave it out.
Both read roll-ups only, like the rest of the dashboard.
"""

from lms.core.panels import Panel, shown

DASHBOARD_HOOK = "register_cohort_dashboard_panel"
LEARNER_HOOK = "register_cohort_learner_panel"

CohortPanel = Panel


def dashboard_panels(dashboard):
    return shown(DASHBOARD_HOOK, dashboard)


def learner_panels(enrolment):
    return shown(LEARNER_HOOK, enrolment)
