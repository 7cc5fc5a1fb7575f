"""The programme's readiness settings, reached from a cohort's Readiness page: the
form for whoever may change them (lms.readiness.settings_policy), the settings
read-only, with who may change them, for the cohort's other managers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.models import ProgrammePage
from lms.cohorts.admin.access import cohort_url
from lms.cohorts.admin.pages import CohortPageMixin
from lms.readiness.programme_settings import FIELDS, last_change, save_settings
from lms.readiness.settings_form import ReadinessSettingsForm
from lms.readiness.settings_policy import may_change_settings
from lms.readiness.thresholds import settings_for


class ReadinessSettingsView(CohortPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET shows the settings (a form when the user may change them); POST saves."""

    template_name = "lms/readiness/settings.html"
    header_icon = "cog"
    page_title = "Readiness settings"
    subpage_name = "readiness"

    def crumbs(self):
        return [{"url": "", "label": "Settings"}]

    def get_page_subtitle(self):
        return self.programme.title

    @cached_property
    def programme(self):
        return ProgrammePage.objects.select_related("readiness_settings").get(
            pk=self.cohort.programme_id
        )

    @cached_property
    def settings(self):
        return settings_for(self.programme)

    @cached_property
    def may_change(self):
        return may_change_settings(self.request.user, self.programme.pk)

    def get(self, request, *args, **kwargs):
        form = ReadinessSettingsForm.of(self.settings) if self.may_change else None
        return self.render_page(form)

    def post(self, request, *args, **kwargs):
        if not self.may_change:
            raise PermissionDenied
        form = ReadinessSettingsForm.of(self.settings, request.POST)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in FIELDS}
            try:
                save_settings(self.programme.pk, values, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"The readiness settings of {self.programme.title} were saved.",
                )
                return redirect(cohort_url("readiness", self.cohort.pk))
        messages.error(request, "The settings were not saved: see below.")
        return self.render_page(form)

    def render_page(self, form):
        context = self.get_context_data(
            form=form,
            cohort=self.cohort,
            programme=self.programme,
            settings=self.settings,
            may_change=self.may_change,
            changed=last_change(self.settings),
            readiness_url=cohort_url("readiness", self.cohort.pk),
        )
        return self.render_to_response(context)
