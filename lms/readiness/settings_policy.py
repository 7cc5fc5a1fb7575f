"""Who sees and who changes a programme's readiness settings (its cut points and
whether its learners see their readiness label).

The settings belong to the programme, so they apply to every cohort on it. A
programme manager sees them for any programme one of their cohorts is on, and
changes them only while they manage every cohort on it: once another
manager's cohort shares the programme (or a cohort no one manages), a change
would move that manager's learners on their grid and decide what their
learners see, so only a superuser changes them then. Superusers see and change
every programme's settings. Nobody deletes them: a programme goes back to the
defaults by saving the defaults.
"""

from django.db.models import Exists, OuterRef, Q

from courses.models import ProgrammePage
from lms.core.policies import NOTHING, ScopedPermissionPolicy
from lms.mentoring.base import MANAGING_PERMISSION
from lms.models import Cohort


def _manager(user):
    return (
        user.is_authenticated and user.is_active and user.has_perm(MANAGING_PERMISSION)
    )


def viewing(user, programme="pk"):
    """Q over rows whose `programme` field is a programme the user sees the settings of."""
    if not _manager(user):
        return NOTHING
    on_it = Cohort.objects.filter(programme_id=OuterRef(programme))
    return Q(Exists(on_it.filter(managers=user)))


def changing(user, programme="pk"):
    """Q over rows whose `programme` field is one the user manages every cohort of."""
    if not _manager(user):
        return NOTHING
    on_it = Cohort.objects.filter(programme_id=OuterRef(programme))
    return viewing(user, programme) & ~Q(Exists(on_it.exclude(managers=user)))


class ReadinessSettingsPolicy(ScopedPermissionPolicy):
    """Over saved ReadinessSettings rows: "view" by the programme's managers,
    "add" and "change" by a manager who runs every cohort on it; superusers both."""

    def scope(self, user, action):
        if action == "view":
            return viewing(user, "programme_id")
        if action in ("add", "change"):
            return changing(user, "programme_id")
        return NOTHING

    def superuser_may(self, action):
        return action in ("view", "add", "change")


def may_change_settings(user, programme_id):
    """Whether the user may change the programme's settings: no query for a
    superuser, one for a manager."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return ProgrammePage.objects.filter(changing(user), pk=programme_id).exists()
