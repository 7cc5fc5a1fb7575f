"""The cohort's "Badges" sub-page, for its managers: every badge its learners
earned in it, and revoking one with a required reason.

The role (the manager's permission) and the cohort are checked by the cohort
pages' mixin; the award by the award policy's "revoke" action, so a badge of
another manager's cohort is a 404 here too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.cohorts.admin.access import cohort_url
from lms.cohorts.admin.pages import CohortPageMixin
from lms.contrib.badges import awards
from lms.contrib.badges.credentials import credential_url
from lms.contrib.badges.forms import RevokeForm
from lms.contrib.badges.policies import REVOKE, awards_for


class CohortBadgesView(CohortPageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms_badges/cohort.html"
    header_icon = "pick"
    subpage_name = "badges"
    page_title = "Badges"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = (
            awards_for(self.request.user, REVOKE)
            .filter(enrolment__cohort=self.cohort)
            .select_related("badge_class", "learner", "revoked_by")
            .order_by("-awarded_at", "-pk")
        )
        context.update(
            cohort=self.cohort,
            rows=[(award, credential_url(award)) for award in found],
        )
        return context


class RevokeBadgeView(CohortPageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms_badges/revoke.html"
    header_icon = "pick"
    subpage_name = "badges"
    page_title = "Revoke a badge"

    def check_access(self, user):
        super().check_access(user)
        self.award = get_object_or_404(
            awards_for(user, REVOKE)
            .filter(enrolment__cohort=self.cohort)
            .select_related("badge_class", "learner"),
            credential_id=self.kwargs["credential_id"],
        )

    def crumbs(self):
        return [{"url": "", "label": "Revoke a badge"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RevokeForm())
        context.update(award=self.award, cohort=self.cohort)
        return context

    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                awards.revoke(self.award, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{self.award.badge_class} revoked for {self.award.learner}.",
                )
                return redirect(cohort_url("badges", self.cohort.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)
