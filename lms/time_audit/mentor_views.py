"""What a mentor sees of a learner's audit: the weeks the learner shared, nothing else."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from wagtail.permissions import policy_registry

from lms.core.people import display_name
from lms.models import AuditWeek
from lms.time_audit import services
from lms.time_audit.overview import audit_overview

# Mentors hold this permission (lms.roles); the object check is the enrolment's mentor.
MENTOR_ROLE = "lms.add_review"


def shared_weeks(viewer, learner_pk):
    """The learner's weeks the viewer may read, oldest first: for a mentor, the shared ones."""
    policy = policy_registry.get_by_type(AuditWeek)
    return list(
        policy.instances_user_has_permission_for(viewer, "view")
        .filter(user_id=learner_pk)
        .order_by("week_start")
    )


@login_required
def mentee(request, user_pk):
    """403 without the mentor role; 404 for a learner the viewer does not mentor."""
    if not request.user.has_perm(MENTOR_ROLE):
        raise PermissionDenied
    if user_pk == request.user.pk or not services.mentors_learner(
        request.user, user_pk
    ):
        raise Http404("No such learner.")
    learner = get_user_model().objects.get(pk=user_pk)
    profile = services.profile_for(learner)
    weeks = shared_weeks(request.user, user_pk)
    context = {"learner_name": display_name(learner), "own": False, "weeks": weeks}
    if profile is not None and weeks:
        context.update(audit_overview(profile, weeks))
    return render(request, "lms/time_audit/mentee.html", context)
