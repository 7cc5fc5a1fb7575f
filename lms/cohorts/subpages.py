"""The registry of a cohort's sub-pages: the dashboard, enrolment, stretch projects...

Each concept registers its page with the `register_cohort_subpage` hook in its
own `wagtail_hooks` module; the Cohorts viewset adds the pages' URLs, and the
cohort's header, list menu and breadcrumbs read the registry, so the cohort
concept imports nothing of the concepts that hang pages off it:

    @hooks.register("register_cohort_subpage")
    def readiness_page():
        return CohortSubpage("readiness", "Readiness", urls=[...], order=40)
"""

from dataclasses import dataclass, field

from django.urls import reverse
from wagtail import hooks

HOOK = "register_cohort_subpage"
NAMESPACE = "lms_cohorts"


@dataclass(frozen=True)
class CohortSubpage:
    """One page of a cohort. `name` is its main URL's name in the `lms_cohorts`
    namespace; `urls` are the URL patterns (each taking the cohort as `pk`)
    it adds; `permission` is the role that may open it."""

    name: str
    label: str
    urls: list = field(default_factory=list, compare=False)
    icon: str = "doc-empty"
    order: int = 100
    permission: str = "lms.view_cohort"

    def url(self, cohort_pk):
        return reverse(f"{NAMESPACE}:{self.name}", args=[cohort_pk])


def registered():
    """Every registered sub-page, in menu order."""
    return sorted((hook() for hook in hooks.get_hooks(HOOK)), key=lambda s: s.order)


def subpage(name):
    """The registered sub-page called `name`, or None."""
    return next((s for s in registered() if s.name == name), None)


def visible_to(user):
    """The sub-pages the user's role may open, in menu order."""
    return [s for s in registered() if user.has_perm(s.permission)]


def urlpatterns():
    return [pattern for page in registered() for pattern in page.urls]
