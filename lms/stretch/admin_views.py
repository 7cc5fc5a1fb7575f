"""A cohort's stretch projects: the report and its export, assigning, one project's page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from courses.markdown import render_markdown
from lms.cohorts.admin.access import cohort_url
from lms.cohorts.admin.pages import CohortPageMixin, CohortReportView
from lms.core.people import display_name
from lms.core.row_filters import RowChoiceFilter, RowsFilterSet
from lms.models import StretchAssignment
from lms.stretch import states as stretch
from lms.stretch.forms import AssignmentEditor, AssignProjectForm
from lms.stretch.report import SORT_KEYS, STATUS_ORDER, project_report
from lms.stretch.states import project_contents

Status = StretchAssignment.Status
DAY = "%d %b %Y"


def _day(value):
    return value.strftime(DAY)


class ProjectFilterSet(RowsFilterSet):
    """Filters of the project report; read from the query string."""

    status = RowChoiceFilter(
        label="Status",
        choices=Status.choices,
        empty_label="Any status",
        value=lambda row: row.assignment.status,
    )
    overdue = RowChoiceFilter(
        label="Overdue",
        choices=[("yes", "Overdue"), ("no", "Not overdue")],
        empty_label="Overdue or not",
        value=lambda row: "yes" if row.overdue else "no",
    )


class ProjectsReportView(CohortReportView):
    """Every assignment of the cohort, filtered and sorted, exportable as CSV or XLSX."""

    cohort_permission = "lms.view_stretchassignment"
    template_name = "lms/admin/stretch_report.html"
    header_icon = "tasks"
    subpage_name = "projects"
    export_name = "projects"
    default_ordering = None
    sort_keys = SORT_KEYS
    sort_ranks = {"status": lambda row: STATUS_ORDER[row.assignment.status]}
    list_export = [
        "learner",
        "email",
        "title",
        "mentor",
        "start",
        "due",
        "status",
        "overdue_text",
        "milestones_done",
        "milestones_total",
        "review",
        "review_score",
    ]
    export_headings = {
        "learner": "Learner",
        "email": "Email",
        "title": "Project",
        "mentor": "Mentor",
        "start": "Start",
        "due": "Due",
        "status": "Status",
        "overdue_text": "Overdue",
        "milestones_done": "Milestones done",
        "milestones_total": "Milestones",
        "review": "Latest review",
        "review_score": "Latest review average (1-4)",
    }

    @cached_property
    def report(self):
        return project_report(self.cohort)

    def get_rows(self):
        return self.report.rows

    def filterset_for(self, rows):
        return ProjectFilterSet(self.request.GET, rows, request=self.request)

    @cached_property
    def columns(self):
        cohort = self.cohort
        return [
            TitleColumn(
                "learner",
                label="Learner",
                sort_key="learner",
                get_url=lambda row: cohort_url("project", cohort.pk, row.assignment.pk),
            ),
            Column("title", label="Project", sort_key="title"),
            Column("mentor", sort_key="mentor"),
            Column("start", sort_key="start", accessor=lambda row: _day(row.start)),
            Column("due", sort_key="due", accessor=lambda row: _day(row.due)),
            StatusTagColumn(
                "status",
                label="Status",
                sort_key="status",
                primary=lambda row: row.assignment.status == Status.COMPLETED,
            ),
            Column(
                "overdue",
                label="Overdue",
                accessor=lambda row: "Overdue" if row.overdue else "",
            ),
            Column("milestones", label="Milestones"),
            Column(
                "review",
                label="Latest review",
                sort_key="review_score",
                accessor=lambda row: (
                    f"{row.review} ({row.review_score})"
                    if row.review_score is not None
                    else row.review
                ),
            ),
        ]

    def own_header_buttons(self):
        if not self.request.user.has_perm("lms.add_stretchassignment"):
            return []
        return [
            HeaderButton(
                "Assign a project",
                url=cohort_url("assign_project", self.cohort.pk),
                icon_name="plus",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context.update(
                competencies=self.report.competencies,
                total=len(self.report.rows),
            )
        return context


class AssignProjectView(CohortPageMixin, WagtailAdminTemplateMixin, FormView):
    """Assign a template or a custom project to one learner or the whole cohort."""

    cohort_permission = "lms.add_stretchassignment"
    template_name = "lms/admin/stretch_assign.html"
    header_icon = "tasks"
    page_title = "Assign a stretch project"
    subpage_name = "projects"

    def crumbs(self):
        return [{"url": "", "label": "Assign"}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cohort": self.cohort}

    def get_form_class(self):
        return AssignProjectForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort, projects_url=cohort_url("projects", self.cohort.pk)
        )
        return context

    def form_valid(self, form):
        created = form.save(assigned_by=self.request.user)
        if created is None:
            return self.form_invalid(form)
        title = created[0].title
        if len(created) == 1:
            messages.success(
                self.request, f"“{title}” was assigned to {created[0].learner}."
            )
        else:
            messages.success(
                self.request, f"“{title}” was assigned to {len(created)} learners."
            )
        return redirect(cohort_url("projects", self.cohort.pk))


class CohortAssignmentMixin(CohortPageMixin):
    """Sets `self.assignment`, which must belong to the cohort in the URL (else 404)."""

    def check_access(self, user):
        super().check_access(user)
        self.assignment = get_object_or_404(
            StretchAssignment.objects.select_related(
                "learner", "mentor", "template", "cohort"
            ),
            pk=self.kwargs["assignment_pk"],
            cohort=self.cohort,
        )


class ProjectView(CohortAssignmentMixin, WagtailAdminTemplateMixin, TemplateView):
    """One assignment: milestones, evidence, reviews, the edit form and the sign-off."""

    cohort_permission = "lms.view_stretchassignment"
    template_name = "lms/admin/stretch_project.html"
    header_icon = "tasks"
    subpage_name = "projects"

    def get_page_title(self):
        return self.assignment.title

    def get_page_subtitle(self):
        return display_name(self.assignment.learner)

    def crumbs(self):
        return [
            {
                "url": "",
                "label": self.assignment.title,
                "sublabel": self.get_page_subtitle(),
            }
        ]

    def get_context_data(self, editor=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        user = self.request.user
        context.update(
            cohort=self.cohort,
            assignment=assignment,
            description=render_markdown(assignment.description),
            overdue=assignment.is_overdue(),
            **project_contents(assignment),
            can_edit=user.has_perm("lms.change_stretchassignment"),
            can_complete=(
                assignment.status == Status.REVIEWED
                and user.has_perm("lms.change_stretchassignment")
            ),
            editor=editor or AssignmentEditor(assignment),
            complete_url=cohort_url("complete_project", self.cohort.pk, assignment.pk),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("lms.change_stretchassignment"):
            raise PermissionDenied
        editor = AssignmentEditor(self.assignment, request.POST)
        if not editor.is_valid():
            messages.error(request, "The project could not be saved: see below.")
            return self.render_to_response(self.get_context_data(editor=editor))
        editor.save()
        messages.success(request, f"“{self.assignment.title}” was saved.")
        return redirect(cohort_url("project", self.cohort.pk, self.assignment.pk))


class CompleteProjectView(CohortAssignmentMixin, View):
    """Sign off a reviewed project as completed, as one of the cohort's managers."""

    cohort_permission = "lms.change_stretchassignment"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Tick the box to confirm the learner has finished.")
            return redirect(cohort_url("project", self.cohort.pk, self.assignment.pk))
        try:
            stretch.transition(self.assignment, "complete", request.user)
        except stretch.IllegalTransition as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(
                request, f"“{self.assignment.title}” was signed off as completed."
            )
        return redirect(cohort_url("project", self.cohort.pk, self.assignment.pk))
