"""Whose self-assessment pages a user may open: their own enrolments', nobody else's.

A self-assessment is private like a time audit: cohort managers and superusers
open no one's ratings through these pages (a mentor's view has its own page and
rule), and an enrolment that is not the viewer's is a 404, so its existence is
not given away either.
"""

from functools import cache

from django.db.models import Q
from django.http import Http404

from lms.core.policies import NOTHING, ScopedPermissionPolicy


class SelfAssessmentPolicy(ScopedPermissionPolicy):
    """Over enrolments: "view" (the pages) and "change" (rating, focus) are the
    learner's own; nothing else, whatever the role."""

    def scope(self, user, action):
        return Q(user=user) if action in ("view", "change") else NOTHING

    def superuser_may(self, action):
        return False


@cache
def _policy():
    from lms.models import Enrolment

    return SelfAssessmentPolicy(Enrolment)


def own_enrolments(user, action="view"):
    """The enrolments whose self-assessment `user` may open (host sites may narrow it)."""
    return _policy().instances_user_has_permission_for(user, action)


def enrolment_or_404(user, pk, action="view"):
    """The learner's own enrolment with its programme, or a 404: one query."""
    found = own_enrolments(user, action).select_related("programme").filter(pk=pk)
    enrolment = found.first()
    if enrolment is None:
        raise Http404("No such self-assessment.")
    return enrolment
