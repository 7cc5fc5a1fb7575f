"""The base of every lms permission policy: a role (Django permission) and an object.

Each object kind (cohort, enrolment, stretch assignment, coaching note, audit week,
journal entry) has one policy, registered with Wagtail's policy registry
(`lms.permissions`). A policy answers "which of these may this user act on"
as a queryset filter, so a view finds an object and checks it in one query,
and a list is scoped by the same rule as a single object. Host sites narrow
any policy with the `lms_filter_objects_for_user` hook, as
`wagtail.contrib.forms` does with `filter_form_submissions_for_user`:

    @hooks.register("lms_filter_objects_for_user")
    def only_my_region(user, action, queryset):
        return queryset  # narrowed: never widened
"""

from django.db.models import Exists, OuterRef, Q
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy

NARROWING_HOOK = "lms_filter_objects_for_user"
NOTHING = Q(pk__in=[])


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model-level answers from Django permissions; instance answers from `scope`.

    Subclasses define `scope(user, action)`: a Q over the model selecting the
    rows the (active, non-superuser) user may perform `action` on, or NOTHING.
    Superusers may act on every row; inactive and anonymous users on none.
    """

    def scope(self, user, action):
        raise NotImplementedError

    def superuser_may(self, action):
        """Whether being a superuser is enough for `action` (else `scope` decides)."""
        return True

    def has_role(self, user, action):
        """The role half: the Django permission for `action` on this model."""
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        objects = self.model._default_manager.all()
        if not (user.is_authenticated and user.is_active):
            return objects.none()
        if not (user.is_superuser and self.superuser_may(action)):
            objects = objects.filter(self.scope(user, action))
        for narrow in hooks.get_hooks(NARROWING_HOOK):
            objects = narrow(user, action, objects)
        return objects

    def instances_user_has_any_permission_for(self, user, actions):
        found = self.model._default_manager.none()
        for action in actions:
            found = found | self.instances_user_has_permission_for(user, action)
        return found

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.instances_user_has_permission_for(user, action)
            .filter(pk=instance.pk)
            .exists()
        )

    def users_with_permission_for_instance(self, action, instance):
        # Nothing asks this of lms objects; answering it from model permissions
        # alone would ignore the object, so refuse rather than mislead.
        raise NotImplementedError("ask about a user and an instance instead")


def manages(user, cohort_field="cohort"):
    """Q: the row's cohort (through `cohort_field`) has `user` among its managers."""
    from lms.models import Cohort

    through = Cohort.managers.through
    cohort = "pk" if cohort_field == "pk" else f"{cohort_field}_id"
    return Q(
        Exists(through.objects.filter(cohort_id=OuterRef(cohort), user_id=user.pk))
    )
