"""Demo accounts for trying the site locally."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.models import ProgrammePage

from .enrolment import enrol
from .models import Enrolment
from .roles import LEARNERS, MENTORS, PROGRAMME_MANAGERS, TRAINERS, ensure_roles

# (username, first name, last name, role, superuser); passwords are printed.
DEMO_USERS = (
    ("admin", "Ada", "Admin", None, True),
    ("trainer", "Tariq", "Trainer", TRAINERS, False),
    ("manager", "Maya", "Manager", PROGRAMME_MANAGERS, False),
    ("mentor", "Mo", "Mentor", MENTORS, False),
    ("learner1", "Lena", "Learner", LEARNERS, False),
    ("learner2", "Liam", "Learner", LEARNERS, False),
    ("learner3", "Lucy", "Learner", LEARNERS, False),
)


def demo_password(username):
    return f"{username}-demo-2026"


def create_demo_users():
    """Create missing demo users; existing ones keep their passwords. Returns (user, created)."""
    ensure_roles()
    User = get_user_model()
    results = []
    for username, first, last, role, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.com",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
        if role:
            user.groups.add(Group.objects.get(name=role))
        if role == LEARNERS:
            for programme in ProgrammePage.objects.live():
                enrol(user, programme, source=Enrolment.Source.MANAGER)
        results.append((user, created))
    return results
