"""Who may act on a cohort: programme managers, on the cohorts they manage."""

from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages


class CohortPolicy(ScopedPermissionPolicy):
    """The role is the cohort permission for the action; the object, being a manager."""

    def scope(self, user, action):
        return manages(user, "pk") if self.has_role(user, action) else NOTHING
