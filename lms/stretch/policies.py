"""Who may do what on a stretch project: its learner, its mentor, the cohort's managers.

A move (lms.stretch.states.MOVES) is an action of its own: the move's
actors say whose part it is. Seeing a project is everyone's part; changing
its brief, dates and mentor is the managers'.
"""

from django.db.models import Q

from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages
from lms.stretch.states import LEARNER, MANAGER, MENTOR, MOVES

EVERYONE = (LEARNER, MENTOR, MANAGER)
# Managers oversee the projects of the cohorts they manage.
MANAGER_ROLE = "lms.view_stretchassignment"


class StretchAssignmentPolicy(ScopedPermissionPolicy):
    """Actions: "view", each key of MOVES, and the managers' "add" and "change"."""

    def scope(self, user, action):
        if action in ("add", "change", "delete"):
            return manages(user) if self.has_role(user, action) else NOTHING
        actors = EVERYONE if action == "view" else MOVES[action].actors
        found = NOTHING
        for part in actors:
            found |= self.part(user, part)
        return found

    def superuser_may(self, action):
        # A superuser oversees like a manager, but does not do a learner's or a
        # mentor's part of a move.
        return action not in MOVES or MANAGER in MOVES[action].actors

    def part(self, user, part):
        """Q: the projects on which `user` plays `part`."""
        if part == LEARNER:
            return Q(learner=user)
        if part == MENTOR:
            return Q(mentor=user)
        return manages(user) if user.has_perm(MANAGER_ROLE) else NOTHING
