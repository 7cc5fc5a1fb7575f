"""The Cohorts listing, create and edit views, each scoped to the cohorts a user manages."""

from django.db.models import Count
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.cohorts import subpages
from lms.cohorts.admin.access import NAMESPACE, cohorts_for
from lms.cohorts.forms import CohortForm
from lms.models import Cohort


class CohortIndexView(generic.IndexView):
    """Only the user's own cohorts (all of them for superusers), with learner counts."""

    def get_base_queryset(self):
        return (
            cohorts_for(self.request.user)
            .select_related("programme")
            .annotate(learner_count=Count("enrolments"))
        )

    def get_list_more_buttons(self, instance):
        pages = subpages.visible_to(self.request.user)
        return [
            *(
                MenuItem(
                    page.label, page.url(instance.pk), icon_name=page.icon, priority=n
                )
                for n, page in enumerate(pages, start=1)
            ),
            *super().get_list_more_buttons(instance),
        ]


class CohortCreateView(generic.CreateView):
    """A manager who creates a cohort becomes one of its managers."""

    def save_instance(self):
        cohort = super().save_instance()
        if not self.request.user.is_superuser:
            cohort.managers.add(self.request.user)
        return cohort


class PolicyScopedMixin:
    """The object lookup sees only the cohorts the policy allows for the view's
    action: anyone else's is a 404, so its existence is not revealed."""

    policy_action = "view"

    def get_queryset(self):
        return cohorts_for(self.request.user, self.policy_action)

    def get_base_object_queryset(self):
        return self.get_queryset()


class CohortEditView(PolicyScopedMixin, generic.EditView):
    policy_action = "change"


class CohortDeleteView(PolicyScopedMixin, generic.DeleteView):
    policy_action = "delete"


class CohortHistoryView(PolicyScopedMixin, HistoryView):
    pass


class CohortUsageView(PolicyScopedMixin, UsageView):
    pass


class CohortViewSet(ModelViewSet):
    """Cohorts in the admin menu, plus each cohort's dashboard and enrolment pages."""

    model = Cohort
    name = "cohorts"
    url_namespace = NAMESPACE
    icon = "group"
    menu_label = "Cohorts"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    history_view_class = CohortHistoryView
    usage_view_class = CohortUsageView
    list_display = [
        "name",
        "programme",
        "start_date",
        "end_date",
        Column("learner_count", label="Learners", sort_key="learner_count"),
    ]
    search_fields = ["name"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CohortForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + subpages.urlpatterns()
