"""The cohort dashboard: figures, learner table and its export, heat-map, questions, trend."""

import functools

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from lms.cohorts.admin.access import CohortAccessMixin, cohort_url, cohort_urls
from lms.cohorts.admin.trend import trend_chart
from lms.cohorts.dashboard import cohort_dashboard, heat_map
from lms.cohorts.statuses import AT_RISK, BEHIND, ON_TRACK
from lms.core import tables
from lms.core.columns import (
    LinkColumn,
    RowsTable,
    StatusColumn,
    TextColumn,
    TimeAgoColumn,
)
from lms.learner.forms import LearnerFilterForm

STATUS_RANK = {ON_TRACK: 0, BEHIND: 1, AT_RISK: 2}
MASTERY_BANDS = 5


def sort_rows(rows, ordering):
    """The learner table sorted by a column key; statuses in order of concern."""
    return tables.sort_rows(
        rows, ordering, ranks={"status": lambda row: STATUS_RANK[row.status]}
    )


class CohortDashboardView(CohortAccessMixin, ReportView):
    """One cohort's figures, as of now, from roll-ups: a fixed number of queries.

    The most-missed questions come from the latest nightly snapshot, shown with
    its time: working them out reads every answer, which no page view should.
    """

    template_name = "lms/admin/dashboard.html"
    table_class = RowsTable
    header_icon = "group"
    paginate_by = 50
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

    @cached_property
    def filter_form(self):
        teams = sorted({row.team for row in self.dashboard.rows if row.team})
        return LearnerFilterForm(self.request.GET, teams=teams)

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

    def get_queryset(self):
        return sort_rows(self.filter_form.filter(self.dashboard.rows), self.ordering)

    def get_filename(self):
        return f"{slugify(self.cohort.name)}-learners-{timezone.localdate():%Y-%m-%d}"

    def get_index_url(self):
        return cohort_url("dashboard", self.cohort.pk)

    def get_page_title(self):
        return self.cohort.name

    def get_page_subtitle(self):
        return "Dashboard"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": cohort_url("index"), "label": "Cohorts"},
            {"url": "", "label": self.cohort.name, "sublabel": "Dashboard"},
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                "Enrol learners",
                url=cohort_url("enrol", self.cohort.pk),
                icon_name="user",
            )
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
            filter_form=self.filter_form,
            heat=self.heat_map(context["object_list"]),
            missed=dashboard.missed,
            trend=trend_chart(dashboard.snapshots),
            edit_url=cohort_url("edit", self.cohort.pk),
        )
        return context

    def heat_map(self, rows):
        """Mastery cells for the learners on this page, and the cohort's averages."""
        competencies = [item[0] for item in self.dashboard.competencies]
        if not competencies or not rows:
            return None
        cells = heat_map(self.cohort, [row.enrolment.user_id for row in rows])
        return {
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
            "average": _cells_html(item[1] for item in self.dashboard.competencies),
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
        return format_html('<td class="lms-mastery lms-mastery--none">–</td>')
    band = min(MASTERY_BANDS - 1, percent * MASTERY_BANDS // 100)
    return format_html(
        '<td class="lms-mastery lms-mastery--{}">{}%</td>', band, percent
    )
