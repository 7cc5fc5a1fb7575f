"""The sign-in backend: Django's, reading what Wagtail's admin needs in fewer
queries, and refusing a locked-out sign-in first (django-axes)."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Permission


class ModelBackend(DjangoModelBackend, AxesStandaloneBackend):
    """Django's ModelBackend with the per-request reads folded together.

    Every admin page reads the signed-in user, their Wagtail profile (language
    and time zone) and their permissions, own and through groups: four queries
    with Django's backend, two with this one. What a user may do is unchanged.

    It is also django-axes' backend, so one entry in AUTHENTICATION_BACKENDS
    both throttles and signs in (and `force_login` still picks this class).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            # Raises PermissionDenied for a locked-out username and address;
            # sign-ins without a request (scripts, tests) are not throttled.
            AxesStandaloneBackend.authenticate(
                self, request, username=username, password=password, **kwargs
            )
        return DjangoModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("wagtail_userprofile")
            .filter(pk=user_id)
            .first()
        )
        return user if user and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _permission_names(user_obj)
        return user_obj._perm_cache


def _permission_names(user):
    """'app_label.codename' for each permission the user has: one query."""
    if user.is_superuser:
        found = _names(Permission.objects.all())
    else:
        found = _names(Permission.objects.filter(user=user)).union(
            _names(Permission.objects.filter(group__user=user))
        )
    return {f"{app_label}.{codename}" for app_label, codename in found}


def _names(permissions):
    return permissions.values_list("content_type__app_label", "codename").order_by()
