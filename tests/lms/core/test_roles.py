"""The four roles exist after migrating, and trainers can author the curriculum."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import GroupPagePermission

from lms.demo import DEMO_USERS, demo_password
from lms.roles import (
    LEARNERS,
    MENTORS,
    PROGRAMME_MANAGERS,
    ROLES,
    TRAINERS,
    ensure_roles,
)

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_after_migrate():
    assert set(
        Group.objects.filter(name__in=ROLES).values_list("name", flat=True)
    ) == set(ROLES)


def test_trainers_can_add_and_publish_pages_from_the_root():
    codenames = set(
        GroupPagePermission.objects.filter(
            group__name=TRAINERS, page__depth=1
        ).values_list("permission__codename", flat=True)
    )

    assert {"add_page", "change_page", "publish_page"} <= codenames


def test_trainers_manage_curriculum_snippets():
    trainer = get_user_model().objects.create_user("t")
    trainer.groups.add(Group.objects.get(name=TRAINERS))

    assert trainer.has_perm("courses.add_glossaryterm")
    assert trainer.has_perm("courses.change_stretchtemplate")
    assert trainer.has_perm("wagtailadmin.access_admin")


def test_learners_have_no_admin_access():
    learner = get_user_model().objects.create_user("l")
    learner.groups.add(Group.objects.get(name=LEARNERS))

    assert not learner.has_perm("wagtailadmin.access_admin")


def test_ensure_roles_twice_adds_nothing_new():
    before = GroupPagePermission.objects.count()

    ensure_roles()

    assert GroupPagePermission.objects.count() == before


@override_settings(DEBUG=True)
def test_load_demo_creates_users_and_prints_passwords():
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    user_model = get_user_model()
    assert (
        user_model.objects.filter(username__in=[u[0] for u in DEMO_USERS]).count() == 7
    )
    assert demo_password("learner1") in out.getvalue()
    assert (
        user_model.objects.get(username="manager")
        .groups.filter(name=PROGRAMME_MANAGERS)
        .exists()
    )
    assert (
        user_model.objects.get(username="mentor").groups.filter(name=MENTORS).exists()
    )
    assert user_model.objects.get(username="admin").is_superuser


@override_settings(DEBUG=True)
def test_load_demo_again_keeps_changed_passwords():
    call_command("load_demo", stdout=io.StringIO())
    user = get_user_model().objects.get(username="trainer")
    user.set_password("a-new-secret-2026")
    user.save()
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    user.refresh_from_db()
    assert user.check_password("a-new-secret-2026")
    assert demo_password("trainer") not in out.getvalue()


@override_settings(DEBUG=False)
def test_load_demo_refuses_outside_debug():
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=io.StringIO())
