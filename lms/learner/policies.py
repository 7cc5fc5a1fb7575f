"""Who may read a journal entry: its writer; a shared one, the learner's cohort managers."""

from django.db.models import Exists, OuterRef, Q

from lms.core.policies import ScopedPermissionPolicy

# Managers read shared entries through the cohort they manage.
MANAGER_ROLE = "lms.view_cohort"


class JournalEntryPolicy(ScopedPermissionPolicy):
    """Private by default: only the writer changes an entry or reads an unshared one."""

    def scope(self, user, action):
        from lms.models import Enrolment

        own = Q(user=user)
        if action != "view" or not user.has_perm(MANAGER_ROLE):
            return own
        managed = Enrolment.objects.filter(
            user_id=OuterRef("user_id"), cohort__managers=user
        )
        return own | (Q(shared=True) & Q(Exists(managed)))
