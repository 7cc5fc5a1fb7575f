"""A learner's readiness profile in the admin, for their mentor and their cohort's
managers (superusers read it and judge no one), with the forms the viewer may
use: the traits and the verdict for both roles, moves for managers only."""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.readiness.forms import ClearMoveForm, MoveForm, TraitRatingsForm, VerdictForm
from lms.readiness.links import COHORTS, readiness_url
from lms.readiness.policies import (
    movable_enrolment_or_404,
    profile_enrolment_or_404,
    ratable_enrolment_or_404,
)
from lms.readiness.profile_page import profile_context

# Each form by the prefix its fields carry, so four forms share a page.
FORMS = {
    "traits": TraitRatingsForm,
    "verdict": VerdictForm,
    "move": MoveForm,
    "clear": ClearMoveForm,
}


def reaches(find, user, pk):
    """What `find` (a policies *_or_404 function) gives, or None for its 404."""
    try:
        return find(user, pk)
    except Http404:
        return None


class ProfileView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/readiness/profile.html"
    header_icon = "crosshairs"
    page_subtitle = "Readiness"

    def dispatch(self, request, *args, **kwargs):
        self.enrolment = self.find(request.user, self.kwargs["enrolment_pk"])
        if self.enrolment.cohort_id is None:
            # Readiness is judged within a cohort: its schedule and projects.
            raise Http404("This learner is in no cohort.")
        return super().dispatch(request, *args, **kwargs)

    def find(self, user, pk):
        """The enrolment the view acts on, by its policy, or a 404."""
        return profile_enrolment_or_404(user, pk)

    @cached_property
    def role(self):
        """The role the viewer rates in ("mentor" or "manager"), or None."""
        found = reaches(ratable_enrolment_or_404, self.request.user, self.enrolment.pk)
        return found[1] if found else None

    @cached_property
    def may_move(self):
        found = reaches(movable_enrolment_or_404, self.request.user, self.enrolment.pk)
        return found is not None

    def get_page_title(self):
        return self.context["learner_name"]

    @cached_property
    def context(self):
        return profile_context(self.request.user, self.enrolment)

    def get_breadcrumbs_items(self):
        enrolment, links = self.enrolment, self.context["links"]
        if links.cohort:
            cohort = enrolment.cohort
            trail = [
                {"url": _cohort_url("index"), "label": "Cohorts"},
                {"url": _cohort_url("dashboard", cohort.pk), "label": cohort.name},
                {"url": _cohort_url("readiness", cohort.pk), "label": "Readiness"},
            ]
        else:
            trail = [{"url": _mentoring_url("learners"), "label": "My learners"}]
        current = {"url": "", "label": self.get_page_title(), "sublabel": "Readiness"}
        return self.breadcrumbs_items + trail + [current]

    def forms(self, bound=None):
        """{prefix: form} of the forms the viewer may use; `bound` replaces its own."""
        allowed = []
        if self.role:
            allowed += ["traits", "verdict"]
        if self.may_move:
            allowed += ["move", "clear"]
        forms = {prefix: FORMS[prefix](prefix=prefix) for prefix in allowed}
        if bound is not None:
            forms[bound.prefix] = bound
        return forms

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.enrolment.pk
        context.update(
            self.context,
            role=self.role,
            role_label={"mentor": "their mentor", "manager": "a programme manager"}.get(
                self.role, ""
            ),
            forms=self.forms(bound),
            actions={
                "traits": readiness_url("rate_traits", pk),
                "verdict": readiness_url("verdict", pk),
                "move": readiness_url("move", pk),
                "clear": readiness_url("clear_move", pk),
            },
        )
        return context


def _cohort_url(name, *args):
    return reverse(f"{COHORTS}:{name}", args=args)


def _mentoring_url(name):
    return reverse(f"lms_mentoring:{name}")
