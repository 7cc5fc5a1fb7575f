"""The cohort's "Readiness" sub-page: the pipeline grid with its cut points and
counts, and the learners' table with each one's suggested next step and their
movement since the snapshot a week ago (lms.readiness.movement), exported to CSV
and XLSX by the cohort report base (formula-safe); the "ready now" trend."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import cached_property

from lms.cohorts.admin.access import cohort_url
from lms.cohorts.admin.pages import CohortReportView
from lms.core.columns import LinkColumn, RowsTable, TextColumn
from lms.core.row_filters import RowChoiceFilter, RowsFilterSet, RowTextFilter
from lms.readiness.grid import BOX_NAMES, grid_for
from lms.readiness.links import profile_urls
from lms.readiness.models import PlacedBy, Verdict
from lms.readiness.movement import NO_ARROW, baseline_for, ready_now_trend
from lms.readiness.movement import rank as movement_rank
from lms.readiness.movement_column import MovementColumn
from lms.readiness.settings_policy import may_change_settings
from lms.readiness.triage import next_step

BOX_LISTED = 25  # learners named under the grid per box


@dataclass
class ReadinessRow:
    """One learner's line of the table, as shown and exported."""

    profile: object
    step: object
    change: object = NO_ARROW  # lms.readiness.movement.Movement since the baseline

    name = property(lambda self: self.profile.name)
    team = property(lambda self: self.profile.team)
    site = property(lambda self: self.profile.site)
    mentor = property(lambda self: self.profile.mentor)
    performance = property(lambda self: self.profile.performance_score)
    potential = property(lambda self: self.profile.potential_score)

    @property
    def box(self):
        boxes = self.profile.boxes
        return BOX_NAMES[boxes] if boxes else "Not placed yet"

    @property
    def placed_by(self):
        placed = self.profile.placed_by
        return PlacedBy(placed).label if placed else ""

    @property
    def verdict(self):
        verdict = self.profile.verdict
        return Verdict(verdict).label if verdict else ""

    @property
    def next_step(self):
        return self.step.label

    @property
    def movement(self):
        return self.change.label


class ReadinessFilterSet(RowsFilterSet):
    """Filters of the readiness table: team, site and mentor, and a name."""

    team = RowChoiceFilter(label="Team", empty_label="Any team")
    site = RowChoiceFilter(label="Site", empty_label="Any site")
    mentor = RowChoiceFilter(label="Mentor", empty_label="Any mentor")
    q = RowTextFilter(label="Name", fields=("name",), max_length=100)

    def __init__(self, data=None, rows=(), **kwargs):
        super().__init__(data, rows, **kwargs)
        for name in ("team", "site", "mentor"):
            values = sorted({getattr(row, name) for row in rows if getattr(row, name)})
            self.filters[name].extra["choices"] = [(v, v) for v in values]


class CohortReadinessView(CohortReportView):
    """Who is ready, who is close, who needs what: from roll-ups and ratings."""

    template_name = "lms/readiness/cohort.html"
    table_class = RowsTable
    header_icon = "crosshairs"
    subpage_name = "readiness"
    export_name = "readiness"
    list_export = [
        "name",
        "team",
        "site",
        "mentor",
        "performance",
        "potential",
        "movement",
        "box",
        "placed_by",
        "verdict",
        "next_step",
    ]
    export_headings = {
        "name": "Name",
        "team": "Team",
        "site": "Site",
        "mentor": "Mentor",
        "performance": "Performance (0-100)",
        "potential": "Potential (0-100)",
        "box": "Box",
        "placed_by": "Placed",
        "verdict": "Readiness",
        "next_step": "Next step",
        "movement": "Since the snapshot a week ago",
    }
    sort_ranks = {"movement": movement_rank}
    # The grid's cut points come with the cohort: one query fewer.
    cohort_related = ("programme__readiness_settings",)

    @cached_property
    def grid(self):
        return grid_for(self.cohort, viewer=self.request.user)

    @cached_property
    def baseline(self):
        return baseline_for(self.cohort, timezone.localdate())

    def get_rows(self):
        since = self.baseline.of
        return [ReadinessRow(p, next_step(p), since(p)) for p in self.grid.profiles]

    def filterset_for(self, rows):
        return ReadinessFilterSet(self.request.GET, rows, request=self.request)

    def get_page_subtitle(self):
        return "Readiness"

    @cached_property
    def columns(self):
        profile_url = profile_urls()

        def score(name):
            return lambda row: "–" if getattr(row, name) is None else getattr(row, name)

        return [
            LinkColumn(
                "name",
                label="Name",
                sort_key="name",
                get_url=lambda row: profile_url(row.profile.enrolment_id),
            ),
            TextColumn("team", sort_key="team"),
            TextColumn("mentor", sort_key="mentor"),
            TextColumn(
                "performance", sort_key="performance", accessor=score("performance")
            ),
            TextColumn("potential", sort_key="potential", accessor=score("potential")),
            TextColumn("box", label="Box", sort_key="box"),
            MovementColumn("movement", label="Since last week", sort_key="movement"),
            TextColumn("verdict", label="Readiness", sort_key="verdict"),
            TextColumn("next_step", label="Next step", sort_key="next_step"),
        ]

    def box_learners(self):
        """[(box name, key, [(learner, profile URL)], how many more)] of the boxes
        holding anyone; a big cohort's box lists its first few, the table the rest."""
        url, cells = profile_urls(), self.grid.cells
        return [
            (
                BOX_NAMES[key],
                key,
                [(p.name, url(p.enrolment_id)) for p in cells[key][:BOX_LISTED]],
                max(0, len(cells[key]) - BOX_LISTED),
            )
            for row in self.grid.rows  # as drawn: high potential first
            for key in row
            if cells[key]
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            performance, potential = self.grid.thresholds
            context.update(
                grid=self.grid,
                box_learners=self.box_learners(),
                boxes=[
                    [(key, BOX_NAMES[key], self.grid.count(*key)) for key in row]
                    for row in self.grid.rows
                ],
                performance_cuts=performance,
                potential_cuts=potential,
                **self.movement_context(),
            )
        return context

    def movement_context(self):
        """The baseline's date, the "ready now" trend and the settings' link."""
        grid = self.grid
        trend = ready_now_trend(
            self.cohort, timezone.localdate(), grid.ready_now, len(grid.profiles)
        )
        return {
            "baseline": self.baseline,
            "trend": trend,
            "settings": grid.evidence.settings,
            "settings_url": cohort_url("readiness_settings", self.cohort.pk),
            "may_change_settings": may_change_settings(
                self.request.user, self.cohort.programme_id
            ),
        }
