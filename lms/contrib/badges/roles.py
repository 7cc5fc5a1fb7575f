"""Trainers edit the badge classes' words, images and competencies (they
author the curriculum the badges are for); revoking needs no permission of
its own: it is the programme manager's role over their cohorts."""

from django.contrib.auth.models import Group, Permission

from lms.roles import TRAINERS

TRAINER_PERMISSIONS = ("change_badgeclass", "view_badgeclass")


def grant_roles():
    """Give the Trainers group its badge permissions; safe to run again."""
    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    trainers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lms_badges", codename__in=TRAINER_PERMISSIONS
        )
    )
