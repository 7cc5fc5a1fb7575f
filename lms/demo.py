"""Demo accounts for trying the site locally."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.models import ProgrammePage, StretchTemplate
from lms.enrolment.services import enrol
from lms.models import Cohort, Enrolment, StretchAssignment
from lms.roles import LEARNERS, MENTORS, PROGRAMME_MANAGERS, TRAINERS, ensure_roles
from lms.stretch.states import ProjectBrief, assign, transition

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


DEMO_COHORT = "Demo leaders"
DEMO_TEMPLATE = "present-a-kpi-story-to-a-client"


def create_demo_project():
    """Put the demo learners in a cohort run by the demo manager and mentor, and give
    learner1 a stretch project with its first milestone done.

    Returns the assignment, or None before the curriculum is imported; a second
    run finds and returns the same assignment.
    """
    programme = ProgrammePage.objects.live().order_by("path").first()
    template = (
        StretchTemplate.objects.filter(slug=DEMO_TEMPLATE).first()
        or StretchTemplate.objects.order_by("pk").first()
    )
    if programme is None or template is None:
        return None
    users = get_user_model().objects.in_bulk(
        ["manager", "mentor", "learner1"], field_name="username"
    )
    mentor, learner = users["mentor"], users["learner1"]
    with transaction.atomic():
        cohort = _demo_cohort(programme, users["manager"], mentor)
        found = StretchAssignment.objects.filter(cohort=cohort, learner=learner).first()
        if found or not cohort.enrolments.filter(user=learner).exists():
            return found  # already there, or learner1 was moved to another cohort
        today = timezone.localdate()
        assignment = assign(
            ProjectBrief.from_template(template),
            cohort,
            [learner],
            mentor,
            today,
            today + timedelta(weeks=template.suggested_weeks),
            users["manager"],
        )[0]
        assignment = transition(assignment, "start", learner)
        first = assignment.milestones.first()
        first.done_at = timezone.now()
        first.save(update_fields=["done_at"])
    return assignment


def _demo_cohort(programme, manager, mentor):
    today = timezone.localdate()
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name=DEMO_COHORT,
        defaults={"start_date": today, "end_date": today + timedelta(weeks=12)},
    )
    cohort.managers.add(manager)
    cohort.mentors.add(mentor)
    learners = [
        username for username, _f, _l, role, _s in DEMO_USERS if role == LEARNERS
    ]
    Enrolment.objects.filter(
        programme=programme, user__username__in=learners, cohort__isnull=True
    ).update(cohort=cohort, mentor=mentor)
    return cohort
