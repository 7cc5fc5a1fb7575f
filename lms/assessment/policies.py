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
from lms.mentoring.base import MENTORING_PERMISSION


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


class MentorViewPolicy(ScopedPermissionPolicy):
    """Over enrolments: "view" and "rate" are the enrolment's mentor's, while
    they hold the mentor role; nobody else's, whatever the role."""

    def scope(self, user, action):
        if action in ("view", "rate") and user.has_perm(MENTORING_PERMISSION):
            return Q(mentor=user)
        return NOTHING

    def superuser_may(self, action):
        return False


@cache
def _mentor_policy():
    from lms.models import Enrolment

    return MentorViewPolicy(Enrolment)


def mentored_enrolments(user, action="view"):
    """The enrolments whose self-assessment `user` may open as their mentor."""
    return _mentor_policy().instances_user_has_permission_for(user, action)


def mentored_enrolment_or_404(user, pk, action="view"):
    """The mentee's enrolment with its learner and programme, or a 404: one query."""
    enrolment = (
        mentored_enrolments(user, action)
        .select_related("user", "programme")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404("No such learner.")
    return enrolment
