"""Who may do what with badges: one policy per object kind.

An award is its learner's own: only they download it, change its evidence
consent or make a certificate of it (a superuser gets no wider scope there:
the files carry the learner's name). Its enrolment's cohort managers, while
they hold the manager role, see it and revoke it with a reason; the
enrolment's mentor sees it. The credential's public page needs no policy: it
shows only what the learner shares by the link. Badge classes follow Django's
model permissions, except that nobody adds one by hand: they are made for the
curriculum (`badge_classes`).
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.core.policies import NOTHING, ScopedPermissionPolicy, manages
from lms.mentoring.base import MANAGING_PERMISSION, MENTORING_PERMISSION

OWN = "own"  # download, share, set evidence consent, get the certificate
REVOKE = "revoke"


class BadgeAwardPolicy(ScopedPermissionPolicy):
    """Actions: "own" (the learner's), "view" (learner, mentor, managers) and
    "revoke" (the managers of the cohort the badge was earned in)."""

    def scope(self, user, action):
        if action == OWN:
            return Q(learner=user)
        managed = (
            manages(user, "enrolment__cohort")
            if user.has_perm(MANAGING_PERMISSION)
            else NOTHING
        )
        if action == REVOKE:
            return managed
        if action == "view":
            mentored = (
                Q(enrolment__mentor=user)
                if user.has_perm(MENTORING_PERMISSION)
                else NOTHING
            )
            return Q(learner=user) | managed | mentored
        return NOTHING

    def superuser_may(self, action):
        return action != OWN


class BadgeClassPolicy(ModelPermissionPolicy):
    """Django's model permissions, without "add"."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "add"]
        )


def register_policies():
    from lms.contrib.badges.models import BadgeAward, BadgeClass

    register_permission_policy(BadgeAward, BadgeAwardPolicy(BadgeAward))
    register_permission_policy(BadgeClass, BadgeClassPolicy(BadgeClass))


def awards_for(user, action):
    """The awards `user` may perform `action` on."""
    from wagtail.permissions import policy_registry

    from lms.contrib.badges.models import BadgeAward

    policy = policy_registry.get_by_type(BadgeAward)
    return policy.instances_user_has_permission_for(user, action)
