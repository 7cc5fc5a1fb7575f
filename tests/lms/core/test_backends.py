"""The sign-in backend: same answers as Django's, in fewer queries."""

import pytest
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from lms.backends import ModelBackend
from lms.roles import PROGRAMME_MANAGERS
from tests.builders.people import make_manager, make_user

pytestmark = pytest.mark.django_db

backend = ModelBackend()


def fresh(user):
    """The user as a new request sees it: no permission caches."""
    return type(user).objects.get(pk=user.pk)


def test_permissions_are_own_and_through_groups_in_one_query(
    django_assert_num_queries,
):
    user = make_manager("pat")
    user.user_permissions.add(Permission.objects.get(codename="add_group"))
    expected = DjangoModelBackend().get_all_permissions(fresh(user))
    user = fresh(user)

    with django_assert_num_queries(1):
        found = backend.get_all_permissions(user)

    assert found == expected
    assert "auth.add_group" in found
    assert "lms.view_cohort" in found


def test_a_permission_held_twice_is_listed_once_and_groups_add_up():
    user = make_user("sam")
    extra = Group.objects.create(name="Extra")
    permission = Permission.objects.get(codename="add_group")
    extra.permissions.add(permission)
    user.groups.add(extra, Group.objects.get(name=PROGRAMME_MANAGERS))
    user.user_permissions.add(permission)

    found = backend.get_all_permissions(fresh(user))

    assert found == DjangoModelBackend().get_all_permissions(fresh(user))
    assert found >= {"auth.add_group", "lms.view_cohort"}


def test_inactive_anonymous_and_object_checks_get_no_permissions():
    user = make_manager("gone")
    assert backend.get_all_permissions(user, obj=object()) == set()
    user.is_active = False
    user.save()

    assert backend.get_all_permissions(fresh(user)) == set()
    assert not backend.has_perm(fresh(user), "lms.view_cohort")


def test_a_superuser_has_every_permission():
    root = make_user("root", is_superuser=True)

    assert len(backend.get_all_permissions(fresh(root))) == Permission.objects.count()


def test_the_user_comes_with_their_wagtail_profile(django_assert_num_queries):
    user = make_user("with-profile")
    UserProfile.objects.create(user=user, preferred_language="fr")
    bare = make_user("no-profile")

    with django_assert_num_queries(2):
        loaded = backend.get_user(user.pk)
        assert loaded.wagtail_userprofile.preferred_language == "fr"
        assert not hasattr(backend.get_user(bare.pk), "wagtail_userprofile")


def test_unknown_and_inactive_users_are_not_signed_in():
    user = make_user("left", is_active=False)

    assert backend.get_user(user.pk) is None
    assert backend.get_user(10**9) is None


def test_the_site_signs_in_through_this_backend(client):
    user = make_manager("signed-in", password="a-long-password-2026")

    assert client.login(username="signed-in", password="a-long-password-2026")
    assert client.session["_auth_user_backend"] == "lms.backends.ModelBackend"
    assert user.pk == int(client.session["_auth_user_id"])
