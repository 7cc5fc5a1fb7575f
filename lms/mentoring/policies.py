"""Who may read a coaching note: its mentor and the cohort's managers; never the learner."""

from django.db.models import Q

from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages

# Managers read their cohorts' notes through the cohort they manage.
MANAGER_ROLE = "lms.view_cohort"


class CoachingNotePolicy(ScopedPermissionPolicy):
    """A note is its mentor's to change; the cohort's managers may read it."""

    def scope(self, user, action):
        own = Q(mentor=user)
        if action == "view" and user.has_perm(MANAGER_ROLE):
            return own | manages(user)
        if action == "change" and self.has_role(user, action):
            return own
        return own if action == "view" else NOTHING

    def may_open_notes_about(self, user, learner):
        """Whether a user may open a learner's notes page: coaching them, managing one
        of their cohorts, or having written or been shown notes about them."""
        from lms.mentoring.notes import coaching_cohorts
        from lms.models import Enrolment

        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser or coaching_cohorts(user, learner):
            return True
        managed = user.has_perm(MANAGER_ROLE) and (
            Enrolment.objects.filter(user=learner, cohort__managers=user).exists()
        )
        visible = self.instances_user_has_permission_for(user, "view")
        return managed or visible.filter(learner=learner).exists()
