"""Enrol learners in a cohort: upload a file, add or remove one by hand, get a template."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.accounts.invitations import invite
from lms.cohorts.admin.access import CohortAccessMixin, cohort_url
from lms.cohorts.admin.learner import CohortLearnerMixin
from lms.cohorts.admin.pages import CohortPageMixin
from lms.enrolment import bulk as bulk_enrol
from lms.enrolment.forms import AddLearnerForm, UploadForm
from lms.models import Enrolment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EnrolView(CohortPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """The enrol page: the upload form, the add-one form and the templates."""

    cohort_permission = "lms.add_enrolment"
    template_name = "lms/admin/enrol.html"
    header_icon = "user"
    page_title = "Enrol learners"
    subpage_name = "enrol"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("upload_form", UploadForm())
        kwargs.setdefault("add_form", AddLearnerForm())
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            upload_url=cohort_url("upload", self.cohort.pk),
            add_url=cohort_url("add_learner", self.cohort.pk),
            csv_template_url=cohort_url("enrol_template_csv", self.cohort.pk),
            xlsx_template_url=cohort_url("enrol_template_xlsx", self.cohort.pk),
            dashboard_url=cohort_url("dashboard", self.cohort.pk),
        )
        return context

    def render_page(self, **context):
        return self.render_to_response(self.get_context_data(**context))


class UploadView(EnrolView):
    """Apply an uploaded file whole, or nothing; the page reports on every row."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(upload_form=form)
        try:
            rows = bulk_enrol.read_rows(form.cleaned_data["file"])
            plan = bulk_enrol.plan_enrolment(self.cohort, rows)
            report = bulk_enrol.apply_plan(self.cohort, plan, request.user)
        except bulk_enrol.UploadInvalid as error:
            form.add_error("file", str(error))
            return self.render_page(upload_form=form)
        except bulk_enrol.UploadRejected as rejected:
            return self.render_page(
                upload_form=form, report=rejected.plan, rejected=str(rejected)
            )
        messages.success(request, _summary(report))
        return self.render_page(report=report)


class AddLearnerView(EnrolView):
    """Enrol one learner by hand, checked exactly as an uploaded row is."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AddLearnerForm(request.POST)
        if not form.is_valid():
            return self.render_page(add_form=form)
        row = bulk_enrol.RowIn(row=1, **form.cleaned_data)
        try:
            plan = bulk_enrol.plan_enrolment(self.cohort, [row])
            report = bulk_enrol.apply_plan(self.cohort, plan, request.user)
        except bulk_enrol.UploadRejected as rejected:
            form.add_error(None, rejected.plan.rows[0].detail)
            return self.render_page(add_form=form)
        outcome = report.rows[0]
        message = f"{outcome.email}: {outcome.label}. {outcome.detail}"
        if outcome.outcome == bulk_enrol.Outcome.SKIP:
            messages.warning(request, message)
        else:
            messages.success(request, message)
        return redirect(cohort_url("enrol", self.cohort.pk))


class EnrolTemplateView(CohortAccessMixin, View):
    """The upload template, as CSV or XLSX."""

    cohort_permission = "lms.add_enrolment"
    file_format = "csv"

    def get(self, request, *args, **kwargs):
        if self.file_format == "xlsx":
            response = HttpResponse(bulk_enrol.template_xlsx(), content_type=XLSX_TYPE)
        else:
            response = HttpResponse(
                bulk_enrol.template_csv(), content_type="text/csv; charset=utf-8"
            )
        name = f"enrolment-template.{self.file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class RemoveLearnerView(CohortLearnerMixin, WagtailAdminTemplateMixin, TemplateView):
    """Take a learner out of the cohort after a confirmation; their progress is kept."""

    cohort_permission = "lms.change_enrolment"
    enrolment_action = "change"
    template_name = "lms/admin/remove_learner.html"
    header_icon = "user"
    page_title = "Remove from cohort"

    def get_page_subtitle(self):
        return self.learner_name

    def crumbs(self):
        return super().crumbs() + [{"url": "", "label": "Remove from cohort"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            enrolment=self.enrolment,
            learner_name=self.learner_name,
            learner_url=cohort_url("learner", self.cohort.pk, self.enrolment.pk),
        )
        return context

    def post(self, request, *args, **kwargs):
        # Detach rather than delete: deleting the enrolment would cascade to the
        # learner's progress events and roll-ups, which outlive a cohort change.
        Enrolment.objects.filter(pk=self.enrolment.pk).update(cohort=None)
        messages.success(
            request, f"{self.learner_name} was removed from {self.cohort}."
        )
        return redirect(cohort_url("dashboard", self.cohort.pk))


class ResendInvitationView(CohortLearnerMixin, View):
    """Email a learner who has not set a password yet their invitation again."""

    cohort_permission = "lms.add_enrolment"
    enrolment_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        user = self.enrolment.user
        if user.has_usable_password():
            messages.warning(
                request, f"{self.learner_name} has set a password: they can sign in."
            )
        elif invite(user, self.cohort.programme.title, request.user, again=True):
            messages.success(request, f"The invitation went again to {user.email}.")
        else:
            messages.error(request, "The invitation could not be sent: try again.")
        return redirect(cohort_url("learner", self.cohort.pk, self.enrolment.pk))


def _summary(report):
    counts = report.counts
    return (
        f"Upload applied: {counts[bulk_enrol.Outcome.CREATE]} new accounts, "
        f"{counts[bulk_enrol.Outcome.ENROL]} existing accounts enrolled, "
        f"{counts[bulk_enrol.Outcome.ATTACH]} added from self-enrolment, "
        f"{counts[bulk_enrol.Outcome.SKIP]} already enrolled; "
        f"{sum(row.invited for row in report.rows)} invitations to set a password "
        "are emailed."
    )
