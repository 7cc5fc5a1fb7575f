"""What every mentoring page shares: its URLs' namespace, the roles, the menu item and the base view."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

NAMESPACE = "lms_mentoring"

# The roles, as the permissions their groups hold (lms.roles): mentors review,
# programme managers view their cohorts. Superusers hold both.
MENTORING_PERMISSION = "lms.add_review"

MANAGING_PERMISSION = "lms.view_cohort"


def mentoring_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class MentoringMenuItem(MenuItem):
    """Shown to mentors (and superusers) only."""

    def is_shown(self, request):
        return request.user.has_perm(MENTORING_PERMISSION)


class MentoringView(WagtailAdminTemplateMixin, TemplateView):
    """Checks the role, then loads the view's object (a 404 when out of reach)."""

    roles = (MENTORING_PERMISSION,)
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not any(request.user.has_perm(role) for role in self.roles):
            raise PermissionDenied
        self.load_object(request.user)
        return super().dispatch(request, *args, **kwargs)

    def load_object(self, user):
        """Set the view's object from the URL; raise Http404 when it is out of reach."""

    @cached_property
    def is_mentor(self):
        return self.request.user.has_perm(MENTORING_PERMISSION)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.is_mentor:
            items.append({"url": mentoring_url("queue"), "label": "Mentoring"})
        return items + self.extra_breadcrumbs()

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]

    def render_page(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)
