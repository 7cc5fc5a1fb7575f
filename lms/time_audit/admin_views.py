"""The cohort's "Time audit" sub-page: aggregates only, for the cohort's managers."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.cohorts.admin.pages import CohortPageMixin
from lms.conf import lms_settings
from lms.time_audit.cohort import cohort_weeks
from lms.time_audit.services import this_week


class CohortTimeAuditView(CohortPageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/time_audit/cohort.html"
    header_icon = "time"
    subpage_name = "time_audit"
    page_title = "Time audit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            weeks=cohort_weeks(self.cohort, this_week()),
            min_group=lms_settings.TIME_AUDIT_MIN_GROUP,
        )
        return context
