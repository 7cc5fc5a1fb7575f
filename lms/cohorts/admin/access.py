"""One check for every cohort view: the role's permission, then the cohort itself."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.permissions import policy_registry

from lms.models import Cohort

NAMESPACE = "lms_cohorts"


def cohort_url(name, *args):
    """The URL of one of the cohort views, by its name in the viewset."""
    return reverse(f"{NAMESPACE}:{name}", args=args)


def cohort_urls(name, *args):
    """A function giving `cohort_url(name, *args, last)` for any `last`, reversing once.

    A table of a thousand rows links each row; resolving the route per row cost
    more than the rest of the row.
    """
    marker = "2147483647"
    head, tail = cohort_url(name, *args, marker).split(marker)
    return lambda last: f"{head}{last}{tail}"


def cohorts_for(user, action="view"):
    """The cohorts the cohort policy lets the user act on."""
    return policy_registry.get_by_type(Cohort).instances_user_has_permission_for(
        user, action
    )


def managed_cohort(user, pk, related=("programme",)):
    """The cohort if the user may see it; a 404 hides other managers' cohorts."""
    return get_object_or_404(cohorts_for(user).select_related(*related), pk=pk)


class CohortAccessMixin:
    """Sets `self.cohort` for a user holding `cohort_permission` who manages it."""

    cohort_permission = "lms.view_cohort"
    # What the page reads with the cohort, in the same query.
    cohort_related = ("programme",)

    def dispatch(self, request, *args, **kwargs):
        self.check_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, user):
        """403 without the role's permission, then 404 for a cohort not theirs."""
        if not user.has_perm(self.cohort_permission):
            raise PermissionDenied
        self.cohort = managed_cohort(user, self.kwargs["pk"], self.cohort_related)
