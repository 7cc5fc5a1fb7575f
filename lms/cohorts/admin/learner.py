"""A learner of a cohort: activity timeline, modules with scores, shared journal entries."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from courses.models import ModulePage
from lms.cohorts.admin.access import cohort_url
from lms.cohorts.admin.pages import CohortPageMixin
from lms.cohorts.panels import learner_panels
from lms.core.people import display_name
from lms.models import Enrolment, JournalEntry, ModuleProgress, ProgressEvent

TIMELINE_LENGTH = 50


class CohortLearnerMixin(CohortPageMixin):
    """Sets `self.enrolment`: the enrolment policy must allow `enrolment_action` on
    it, and it must belong to the cohort in the URL (else 404)."""

    enrolment_action = "view"

    def check_access(self, user):
        super().check_access(user)
        allowed = policy_registry.get_by_type(
            Enrolment
        ).instances_user_has_permission_for(user, self.enrolment_action)
        self.enrolment = get_object_or_404(
            allowed.select_related("user", "mentor"),
            pk=self.kwargs["enrolment_pk"],
            cohort=self.cohort,
        )

    @property
    def learner_name(self):
        return display_name(self.enrolment.user)

    def crumbs(self):
        url = cohort_url("learner", self.cohort.pk, self.enrolment.pk)
        return [{"url": url, "label": self.learner_name}]


class LearnerView(CohortLearnerMixin, WagtailAdminTemplateMixin, TemplateView):
    """What a manager may see of one learner; private journal entries stay private."""

    template_name = "lms/admin/learner.html"
    header_icon = "user"

    def get_page_title(self):
        return self.learner_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user_id = self.enrolment.user_id
        context.update(
            cohort=self.cohort,
            enrolment=self.enrolment,
            timeline=list(
                # Filtering on the user too lets the (user, -occurred_at) index serve it.
                ProgressEvent.objects.filter(user_id=user_id, enrolment=self.enrolment)
                .annotate(module_title=F("module__title"))
                .defer("payload")
                .order_by("-occurred_at")[:TIMELINE_LENGTH]
            ),
            modules=self.modules(),
            panels=learner_panels(self.enrolment),
            journal=list(
                # Shared with this programme's managers: entries on its modules only.
                JournalEntry.objects.filter(
                    user_id=user_id,
                    shared=True,
                    module__path__startswith=self.cohort.programme.path,
                )
                .annotate(module_title=F("module__title"))
                .order_by("-created_at")
            ),
            remove_url=cohort_url("remove_learner", self.cohort.pk, self.enrolment.pk),
            # An account that never set its password can be invited again.
            resend_url=(
                None
                if self.enrolment.user.has_usable_password()
                else cohort_url("resend_invitation", self.cohort.pk, self.enrolment.pk)
            ),
        )
        return context

    def modules(self):
        """Every live module of the programme, in order, with the learner's progress."""
        programme = self.cohort.programme
        progress = {
            row.module_id: row
            for row in ModuleProgress.objects.filter(
                user_id=self.enrolment.user_id,
                module__path__startswith=programme.path,
            )
        }
        modules = (
            ModulePage.objects.live()
            .filter(path__startswith=programme.path)
            .order_by("path")
            .values("pk", "title")
        )
        return [(module, progress.get(module["pk"])) for module in modules]
