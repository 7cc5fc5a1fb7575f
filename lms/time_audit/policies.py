"""Who may read an audit week: its learner; their mentor, only what they shared.

Nobody else reads one person's week, superusers and cohort managers included:
managers see the cohort's averages (lms.time_audit.cohort), never a row.
"""

from django.db.models import Exists, OuterRef, Q

from lms.core.policies import NOTHING, ScopedPermissionPolicy


class AuditWeekPolicy(ScopedPermissionPolicy):
    """Actions: "view" (the learner, or their mentor for shared weeks) and "change"
    (the learner alone)."""

    def scope(self, user, action):
        own = Q(user=user)
        if action == "view":
            return own | self.shared_with(user)
        if action in ("add", "change", "delete"):
            return own
        return NOTHING

    def superuser_may(self, action):
        # A time audit is personal: a superuser has the same scope as anyone.
        return False

    def shared_with(self, mentor):
        """Q: weeks whose learner has `mentor` as a mentor and shared them."""
        from lms.models import AuditProfile, Enrolment

        mentored = Enrolment.objects.filter(user_id=OuterRef("user_id"), mentor=mentor)
        always = AuditProfile.objects.filter(
            user_id=OuterRef("user_id"), share_always=True
        )
        return Q(Exists(mentored)) & (Q(shared=True) | Q(Exists(always)))
