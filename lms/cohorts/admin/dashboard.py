"""The cohort dashboard: figures, learner table and its export, heat-map, questions, trend."""

import functools

from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from lms.cohorts.admin.access import cohort_url, cohort_urls
from lms.cohorts.admin.pages import CohortReportView
from lms.cohorts.admin.trend import trend_chart
from lms.cohorts.dashboard import cohort_dashboard
from lms.cohorts.heat_layers import layer, layers
from lms.cohorts.panels import dashboard_panels
from lms.cohorts.statuses import AT_RISK, BEHIND, ON_TRACK
from lms.core.columns import (
    LinkColumn,
    RowsTable,
    StatusColumn,
    TextColumn,
    TimeAgoColumn,
)
from lms.core.row_filters import RowChoiceFilter, RowsFilterSet, RowTextFilter

STATUS_RANK = {ON_TRACK: 0, BEHIND: 1, AT_RISK: 2}
STATUS_CHOICES = [(status, status.capitalize()) for status in STATUS_RANK]
MASTERY_BANDS = 5


class LearnerFilterSet(RowsFilterSet):
    """Filters of the dashboard's learner table; read from the query string."""

    status = RowChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Any status"
    )
    team = RowChoiceFilter(label="Team", empty_label="Any team")
    q = RowTextFilter(label="Name or email", fields=("name", "email"), max_length=100)

    def __init__(self, data=None, rows=(), **kwargs):
        super().__init__(data, rows, **kwargs)
        teams = sorted({row.team for row in rows if row.team})
        self.filters["team"].extra["choices"] = [(team, team) for team in teams]


class CohortDashboardView(CohortReportView):
    """One cohort's figures, as of now, from roll-ups: a fixed number of queries.

    The most-missed questions come from the latest nightly snapshot, shown with
    its time: working them out reads every answer, which no page view should.
    """

    template_name = "lms/admin/dashboard.html"
    table_class = RowsTable
    header_icon = "group"
    subpage_name = "dashboard"
    export_name = "learners"
    sort_ranks = {"status": lambda row: STATUS_RANK[row.status]}
    list_export = [
        "name",
        "email",
        "team",
        "site",
        "mentor",
        "completed",
        "total",
        "percent",
        "score",
        "last_active",
        "status",
    ]
    export_headings = {
        "name": "Name",
        "email": "Email",
        "team": "Team",
        "site": "Site",
        "mentor": "Mentor",
        "completed": "Modules completed",
        "total": "Modules in programme",
        "percent": "Completed (%)",
        "score": "Knowledge-check score (%)",
        "last_active": "Last active",
        "status": "Status",
    }

    @cached_property
    def dashboard(self):
        return cohort_dashboard(self.cohort)

    def get_rows(self):
        return self.dashboard.rows

    def filterset_for(self, rows):
        return LearnerFilterSet(self.request.GET, rows, request=self.request)

    def get_page_subtitle(self):
        return "Dashboard"

    @cached_property
    def columns(self):
        learner_url = cohort_urls("learner", self.cohort.pk)
        return [
            LinkColumn(
                "name",
                label="Name",
                sort_key="name",
                get_url=lambda row: learner_url(row.enrolment.pk),
            ),
            TextColumn("team", sort_key="team"),
            TextColumn("site", sort_key="site"),
            TextColumn("mentor", sort_key="mentor"),
            TextColumn(
                "completed",
                label="Completed",
                sort_key="completed",
                accessor=lambda row: f"{row.completed}/{row.total}",
            ),
            TextColumn(
                "percent",
                label="%",
                sort_key="percent",
                accessor=lambda row: f"{row.percent}%",
            ),
            TextColumn(
                "score",
                label="Score",
                sort_key="score",
                accessor=lambda row: "" if row.score is None else f"{row.score}%",
            ),
            TimeAgoColumn("last_active", label="Last active", sort_key="last_active"),
            StatusColumn(
                "status",
                label="Status",
                sort_key="status",
                primary=lambda row: row.status == AT_RISK,
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        dashboard = self.dashboard
        context.update(
            cohort=self.cohort,
            dashboard=dashboard,
            counts={
                "on_track": dashboard.count(ON_TRACK),
                "behind": dashboard.count(BEHIND),
                "at_risk": dashboard.count(AT_RISK),
            },
            course_completion=[
                (course, modules, percent)
                for (course, modules), (_course, percent) in zip(
                    dashboard.schedule.courses, dashboard.course_completion, strict=True
                )
            ],
            heat=self.heat_map(context["object_list"]),
            heat_layers=self.heat_layer_links(),
            panels=dashboard_panels(dashboard),
            missed=dashboard.missed,
            trend=trend_chart(dashboard.snapshots),
            edit_url=cohort_url("edit", self.cohort.pk),
        )
        return context

    @cached_property
    def heat_layer(self):
        return layer(self.request.GET.get("heat"))

    def heat_layer_links(self):
        """(layer, its URL, shown now) for the toggle; the page's filters are kept."""
        links = []
        for each in layers():
            query = self.request.GET.copy()
            query["heat"] = each.name
            links.append((each, f"?{query.urlencode()}", each == self.heat_layer))
        return links if len(links) > 1 else []

    def heat_map(self, rows):
        """The chosen layer's cells for the learners on this page, and the cohort's row."""
        competencies = [item[0] for item in self.dashboard.competencies]
        if not competencies or not rows:
            return None
        shown = self.heat_layer
        cells = shown.cells(self.cohort, [row.enrolment.user_id for row in rows])
        averages, as_of = shown.averages(self.cohort, self.dashboard)
        return {
            "layer": shown,
            "as_of": as_of,
            "competencies": competencies,
            "rows": [
                (
                    row,
                    _cells_html(
                        cells.get((row.enrolment.user_id, c.pk)) for c in competencies
                    ),
                )
                for row in rows
            ],
            "average": _cells_html(averages.get(c.pk) for c in competencies),
        }


def _cells_html(shares):
    """A row of heat-map cells (a share of None: nothing answered yet)."""
    return format_html_join(
        "",
        "{}",
        ((_mastery_cell(None if s is None else round(100 * s)),) for s in shares),
    )


@functools.cache
def _mastery_cell(percent):
    """One cell, coloured by band: a page holds hundreds, of 102 different ones."""
    if percent is None:
        return mark_safe('<td class="lms-mastery lms-mastery--none">–</td>')
    band = min(MASTERY_BANDS - 1, percent * MASTERY_BANDS // 100)
    return format_html(
        '<td class="lms-mastery lms-mastery--{}">{}%</td>', band, percent
    )
