"""The base of every page of one cohort, and of every cohort report.

`CohortPageMixin` checks role and cohort, and gives each page the same
breadcrumbs (Cohorts › the cohort › its sub-page › …) and header buttons to
the cohort's other sub-pages, read from the registry (lms.cohorts.subpages).
`CohortReportView` adds what every cohort table shares: Python-built rows,
a `RowsFilterSet`, sorting, and Wagtail's CSV/XLSX export.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from lms.cohorts import subpages
from lms.cohorts.admin.access import CohortAccessMixin, cohort_url
from lms.core import tables


class CohortPageMixin(CohortAccessMixin):
    """A page of one cohort, under the sub-page `subpage_name` of the registry."""

    subpage_name = "dashboard"

    def get_page_subtitle(self):
        return self.cohort.name

    def crumbs(self):
        """Breadcrumbs below the sub-page's own ({"url", "label"}), the last one current."""
        return []

    def get_breadcrumbs_items(self):
        cohort = self.cohort
        trail = [{"url": cohort_url("index"), "label": "Cohorts"}]
        trail.append({"url": cohort_url("dashboard", cohort.pk), "label": cohort.name})
        page = subpages.subpage(self.subpage_name)
        if page is not None and page.name != "dashboard":
            trail.append({"url": page.url(cohort.pk), "label": page.label})
        trail += self.crumbs()
        trail[-1] = {"sublabel": self.current_sublabel(page), **trail[-1], "url": ""}
        return self.breadcrumbs_items + trail

    def current_sublabel(self, page):
        """What the current crumb says below its label."""
        if len(self.crumbs()) or (page and page.name != "dashboard"):
            return self.cohort.name
        return page.label if page else ""

    @cached_property
    def header_buttons(self):
        others = [
            HeaderButton(page.label, url=page.url(self.cohort.pk), icon_name=page.icon)
            for page in subpages.visible_to(self.request.user)
            if page.name != self.subpage_name
        ]
        return self.own_header_buttons() + others

    def own_header_buttons(self):
        """Buttons for this page's own actions, before the links to other sub-pages."""
        return []


class CohortReportView(CohortPageMixin, ReportView):
    """A cohort's table of rows: filtered, sorted, paginated and exported.

    Subclasses give `get_rows()`, the `filterset_for(rows)` (a RowsFilterSet
    or None), `export_name` for the file name, and `sort_ranks` for columns
    whose order is not their values' own.
    """

    paginate_by = 50
    export_name = "report"
    # CSV times as ISO 8601 to the second (Wagtail's default prints microseconds).
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime: {
            **ReportView.custom_value_preprocess[datetime],
            ReportView.FORMAT_CSV: lambda value: value.replace(
                microsecond=0
            ).isoformat(),
        },
    }
    sort_keys = None
    sort_ranks = {}

    def get_rows(self):
        raise NotImplementedError

    def filterset_for(self, rows):
        return None

    @cached_property
    def rows(self):
        return self.get_rows()

    @cached_property
    def row_filters(self):
        return self.filterset_for(self.rows)

    def get_queryset(self):
        rows = self.row_filters.qs if self.row_filters else self.rows
        return tables.sort_rows(
            rows, self.ordering, keys=self.sort_keys, ranks=self.sort_ranks
        )

    def get_filename(self):
        day = timezone.localdate()
        return f"{slugify(self.cohort.name)}-{self.export_name}-{day:%Y-%m-%d}"

    def get_index_url(self):
        return cohort_url(self.subpage_name, self.cohort.pk)

    def get_page_title(self):
        return self.cohort.name

    def get_page_subtitle(self):
        page = subpages.subpage(self.subpage_name)
        return page.label if page else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["cohort"] = self.cohort
            context["filter_form"] = self.row_filters.form if self.row_filters else None
        return context
