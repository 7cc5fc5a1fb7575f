"""People: users with an email address, in a role group when asked."""

from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms.roles import MENTORS, PROGRAMME_MANAGERS

PASSWORD = "a-long-test-password"

_serial = count(1)


def make_user(username=None, group=None, **kwargs):
    """A user named `username` (a fresh name if None), with an email as recipients need."""
    username = username or f"user{next(_serial)}"
    kwargs.setdefault("email", f"{username}@example.com")
    user = get_user_model().objects.create_user(username=username, **kwargs)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def make_learner(username=None, **kwargs):
    """A user who can sign in with PASSWORD; a fresh name unless one is given."""
    kwargs.setdefault("password", PASSWORD)
    return make_user(username or f"learner{next(_serial)}", **kwargs)


def make_manager(username="manager", cohorts=(), **kwargs):
    """A programme manager, managing the given cohorts."""
    manager = make_user(username, PROGRAMME_MANAGERS, **kwargs)
    for cohort in cohorts:
        cohort.managers.add(manager)
    return manager


def make_mentor(username="mentor", **kwargs):
    return make_user(username, MENTORS, **kwargs)
