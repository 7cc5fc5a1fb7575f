"""Reports → Forgetting rate: per question, how often its first daily review fails.

A card's first review comes days after the module answer, so the share of
cards whose first review was wrong says how quickly a question is forgotten.
Read from the cards alone (`first_review_correct`, kept by their replay),
grouped by question: three queries, however long the review logs grow.
"""

from dataclasses import dataclass

import swapper
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from courses.models import ModulePage
from lms.core import tables
from lms.core.columns import RowsTable, TextColumn
from lms.core.row_filters import RowChoiceFilter, RowsFilterSet
from lms.models import ReviewCard

# Trainers hold it on the whole curriculum; managers, mentors and learners do not.
PERMISSION = "change"
GONE = "(question no longer in the module)"
SORT_KEYS = ("module", "prompt", "reviewed", "failed", "share_failed")


def curriculum_policy():
    """Wagtail's page policy, which its own page reports ask too."""
    return policy_registry.get_by_type(swapper.load_model("wagtailcore", "Page"))


def may_see(user):
    return curriculum_policy().user_has_permission(user, PERMISSION)


@dataclass
class QuestionForgetting:
    """One question: its cards reviewed at least once, and those whose first review failed."""

    module_id: int
    question_id: str
    reviewed: int
    failed: int
    module: str = ""
    prompt: str = GONE
    course: str = ""
    course_id: int | None = None
    programme: str = ""
    programme_id: int | None = None

    @property
    def share_failed(self):
        return self.failed / self.reviewed if self.reviewed else 0.0

    @property
    def percent_failed(self):
        return round(100 * self.share_failed)


def forgetting_rows():
    """Every question with a reviewed, unretired card; worst first."""
    rows = [
        QuestionForgetting(**row)
        for row in ReviewCard.objects.filter(
            retired_at__isnull=True, first_review_correct__isnull=False
        )
        .values("module_id", "question_id")
        .annotate(
            reviewed=Count("pk"),
            failed=Count("pk", filter=Q(first_review_correct=False)),
        )
    ]
    _name_questions(rows)
    return sorted(rows, key=_worst_first)


def _worst_first(row):
    return (-row.share_failed, -row.failed, row.module.casefold(), row.prompt)


def _name_questions(rows):
    """Prompts from the live module bodies, and each module's course and programme."""
    modules = ModulePage.objects.filter(pk__in={row.module_id for row in rows})
    modules = {module.pk: module for module in modules}
    places = _places(modules.values())
    step = ModulePage.steplen
    for row in rows:
        module = modules.get(row.module_id)
        if module is None:
            continue
        row.module, row.prompt = (
            module.title,
            _prompts(module).get(row.question_id, GONE),
        )
        row.course_id, row.course = places.get(module.path[:-step], (None, ""))
        row.programme_id, row.programme = places.get(
            module.path[: -2 * step], (None, "")
        )


def _places(modules):
    """path -> (pk, title) of the modules' courses and programmes, in one query."""
    Page = swapper.load_model("wagtailcore", "Page")
    step = Page.steplen
    paths = {m.path[:-step] for m in modules} | {m.path[: -2 * step] for m in modules}
    found = Page.objects.filter(path__in=paths).values_list("path", "pk", "title")
    return {path: (pk, title) for path, pk, title in found}


def _prompts(module):
    return {
        block.id: block.value["prompt"]
        for block in module.body
        if block.block_type == "question"
    }


class ForgettingFilterSet(RowsFilterSet):
    """By programme or course; the choices are those with reviewed questions."""

    programme = RowChoiceFilter(
        label="Programme",
        empty_label="Any programme",
        value=lambda row: row.programme_id,
    )
    course = RowChoiceFilter(
        label="Course", empty_label="Any course", value=lambda row: row.course_id
    )

    def __init__(self, data=None, rows=(), **kwargs):
        super().__init__(data, rows, **kwargs)
        programmes = {(r.programme_id, r.programme) for r in rows if r.programme_id}
        courses = {(r.course_id, r.course, r.programme) for r in rows if r.course_id}
        self.filters["programme"].extra["choices"] = [
            (str(pk), title) for pk, title in sorted(programmes, key=_by_title)
        ]
        self.filters["course"].extra["choices"] = [
            (str(pk), f"{title} ({programme})")
            for pk, title, programme in sorted(courses, key=_by_title)
        ]


def _by_title(item):
    return item[1].casefold()


class ForgettingReportView(ReportView):
    """The questions whose first review fails most often, for trainers to rework."""

    template_name = "lms/review/forgetting.html"
    table_class = RowsTable
    page_title = "Forgetting rate"
    header_icon = "history"
    index_url_name = "lms_review:forgetting"
    permission_required = PERMISSION
    paginate_by = 50
    list_export = [
        "programme",
        "course",
        "module",
        "prompt",
        "reviewed",
        "failed",
        "percent_failed",
    ]
    export_headings = {
        "programme": "Programme",
        "course": "Course",
        "module": "Module",
        "prompt": "Question",
        "reviewed": "Cards reviewed",
        "failed": "First review failed",
        "percent_failed": "First review failed (%)",
    }

    @cached_property
    def permission_policy(self):
        return curriculum_policy()

    @cached_property
    def row_filters(self):
        return ForgettingFilterSet(
            self.request.GET, forgetting_rows(), request=self.request
        )

    def get_queryset(self):
        rows = self.row_filters.qs
        return tables.sort_rows(rows, self.ordering, keys=SORT_KEYS)

    def get_filename(self):
        return f"forgetting-rate-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def columns(self):
        return [
            TextColumn("module", label="Module", sort_key="module"),
            TextColumn("prompt", label="Question", sort_key="prompt"),
            TextColumn("reviewed", label="Cards reviewed", sort_key="reviewed"),
            TextColumn("failed", label="First review failed", sort_key="failed"),
            TextColumn(
                "percent_failed",
                label="Failed",
                sort_key="share_failed",
                accessor=lambda row: f"{row.percent_failed}%",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["filter_form"] = self.row_filters.form
            context["total"] = len(self.row_filters.qs)
        return context


class ForgettingMenuItem(MenuItem):
    """Shown to those the report lets in, by the same check."""

    def is_shown(self, request):
        return may_see(request.user)
