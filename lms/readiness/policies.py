"""Who sees and judges a learner's readiness.

The staff side (profile, grid, ratings, moves, snapshots) is the learner's
mentor's, while they hold the mentor role, and their cohort's managers', while
they hold the manager role. Both rate: a mentor as "mentor", a manager as
"manager". Only managers move someone on the grid. The learner sees their
own evidence, never anyone's ratings of them, and their verdict only where the
programme shows it. Superusers see everything and judge no one: a rating is
by someone who knows the learner. Whatever is out of reach is a 404, so its
existence is not given away.
"""

from functools import cache

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from courses.models import ProgrammePage
from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages
from lms.mentoring.base import MANAGING_PERMISSION, MENTORING_PERMISSION
from lms.models import Cohort, Enrolment, ReadinessRating
from lms.readiness.models import RaterRole
from lms.readiness.thresholds import settings_for


def as_mentor(user, enrolment=""):
    """Q: enrolments (through the `enrolment` field) the user mentors, in the role."""
    if not user.has_perm(MENTORING_PERMISSION):
        return NOTHING
    return Q(**{f"{enrolment}mentor": user})


def as_manager(user, enrolment=""):
    """Q: enrolments (through the `enrolment` field) in cohorts the user manages."""
    if not user.has_perm(MANAGING_PERMISSION):
        return NOTHING
    return manages(user, f"{enrolment}cohort")


def staff(user, enrolment=""):
    """Q: enrolments the user mentors or whose cohort they manage."""
    return as_mentor(user, enrolment) | as_manager(user, enrolment)


class ReadinessPolicy(ScopedPermissionPolicy):
    """Over enrolments. "view" (the profile and grid) and "rate" are the mentor's
    and the managers'; "move" the managers'; "view_own" the learner's."""

    def scope(self, user, action):
        if action in ("view", "rate"):
            return staff(user)
        if action == "move":
            return as_manager(user)
        if action == "view_own":
            return Q(user=user)
        return NOTHING

    def superuser_may(self, action):
        return action == "view"


class JudgementPolicy(ScopedPermissionPolicy):
    """Over trait ratings, verdicts and snapshots: seen by the enrolment's staff,
    added by them, never changed or deleted (they are history)."""

    def judges(self, user):
        return staff(user, "enrolment__")

    def scope(self, user, action):
        if action == "view":
            return staff(user, "enrolment__")
        if action == "add":
            return self.judges(user)
        return NOTHING

    def superuser_may(self, action):
        return action == "view"


class PlacementPolicy(JudgementPolicy):
    """A move is a manager's calibration: only managers add one."""

    def judges(self, user):
        return as_manager(user, "enrolment__")


class SnapshotPolicy(JudgementPolicy):
    """Snapshots are the nightly job's to write: seen by staff, added by no one."""

    def judges(self, user):
        return NOTHING


@cache
def _policy():
    return ReadinessPolicy(Enrolment)


def viewable_enrolments(user, action="view"):
    """The enrolments whose readiness `user` may act on (host sites may narrow it)."""
    return _policy().instances_user_has_permission_for(user, action)


def _one(user, pk, action, message="No such learner."):
    enrolment = (
        viewable_enrolments(user, action)
        .select_related("user", "programme", "cohort")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None:
        raise Http404(message)
    return enrolment


def profile_enrolment_or_404(user, pk):
    """The enrolment whose profile the staff member opens, or a 404: one query."""
    return _one(user, pk, "view")


def ratable_enrolment_or_404(user, pk):
    """(enrolment, the role the user rates in), or a 404: one query. Someone who
    both mentors the learner and manages the cohort rates as their mentor."""
    enrolment = _one(user, pk, "rate")
    mentors = enrolment.mentor_id == user.pk and user.has_perm(MENTORING_PERMISSION)
    return enrolment, RaterRole.MENTOR if mentors else RaterRole.MANAGER


def movable_enrolment_or_404(user, pk):
    """The enrolment a manager may move on the grid, or a 404."""
    return _one(user, pk, "move")


def own_enrolment_or_404(user, pk):
    """The learner's own enrolment, for their own evidence, or a 404."""
    return _one(user, pk, "view_own")


def readiness_cohorts(user):
    """The cohorts whose grid the user opens: managed ones, and those in which they
    mentor someone (their grid then shows only their mentees)."""
    cohorts = Cohort.objects.all()
    if not (user.is_authenticated and user.is_active):
        return cohorts.none()
    if user.is_superuser:
        return cohorts
    found = NOTHING
    if user.has_perm(MANAGING_PERMISSION):
        found |= manages(user, "pk")
    if user.has_perm(MENTORING_PERMISSION):
        mentees = Enrolment.objects.filter(cohort_id=OuterRef("pk"), mentor=user)
        found |= Q(Exists(mentees))
    return cohorts.filter(found)


def readiness_cohort_or_404(user, pk):
    cohort = readiness_cohorts(user).select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


def verdict_for_learner(enrolment):
    """The verdict label the learner may see, or None: only where the programme
    shows it, and only the verdict, never the ratings or their comments."""
    programme = ProgrammePage.objects.select_related("readiness_settings").get(
        pk=enrolment.programme_id
    )
    if not settings_for(programme).show_readiness_to_learner:
        return None
    latest = (
        ReadinessRating.objects.filter(enrolment=enrolment)
        .order_by("-created_at", "-pk")
        .first()
    )
    return latest.get_verdict_display() if latest else None
