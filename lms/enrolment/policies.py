"""Who may see or change an enrolment: the learner, their mentor, the cohort's managers."""

from django.db.models import Q

from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages


class EnrolmentPolicy(ScopedPermissionPolicy):
    """Learners and mentors see; the cohort's managers (with the permission) also change."""

    def scope(self, user, action):
        found = manages(user) if self.has_role(user, action) else NOTHING
        if action == "view":
            found |= Q(user=user) | Q(mentor=user)
        return found
