"""Who sees and judges a learner's readiness, for each part a person plays:
anonymous, the learner, another learner, their mentor, another mentor, the
cohort's manager and another cohort's manager."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from wagtail.permissions import policy_registry

from lms.models import Placement, ReadinessSettings, ReadinessSnapshot, TraitRating
from lms.readiness import policies, ratings
from lms.readiness.grid import grid_for
from lms.readiness.snapshots import snapshot_readiness
from tests.builders.readiness import COMMENT, make_readiness_scene, rate_all

pytestmark = pytest.mark.django_db

EVERYONE = [
    "anonymous",
    "learner",
    "other_learner",
    "mentor",
    "other_mentor",
    "manager",
    "other_manager",
]


@pytest.fixture
def scene():
    return make_readiness_scene()


def person(scene, who):
    return AnonymousUser() if who == "anonymous" else scene.people()[who]


def reaches(find, user, pk):
    try:
        find(user, pk)
    except Http404:
        return False
    return True


@pytest.mark.parametrize("who", EVERYONE)
def test_the_profile_is_the_mentors_and_the_managers(scene, who):
    user = person(scene, who)

    found = reaches(policies.profile_enrolment_or_404, user, scene.enrolment.pk)

    assert found == (who in ("mentor", "manager"))


@pytest.mark.parametrize("who", EVERYONE)
def test_the_mentor_rates_as_mentor_and_the_manager_as_manager(scene, who):
    user = person(scene, who)

    try:
        _enrolment, role = policies.ratable_enrolment_or_404(user, scene.enrolment.pk)
    except Http404:
        role = None

    assert role == {"mentor": "mentor", "manager": "manager"}.get(who)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_cohorts_manager_moves_someone(scene, who):
    user = person(scene, who)

    found = reaches(policies.movable_enrolment_or_404, user, scene.enrolment.pk)

    assert found == (who == "manager")


@pytest.mark.parametrize("who", EVERYONE)
def test_the_learner_alone_opens_their_own_evidence(scene, who):
    user = person(scene, who)

    found = reaches(policies.own_enrolment_or_404, user, scene.enrolment.pk)

    assert found == (who == "learner")


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("anonymous", set()),
        ("learner", set()),
        ("other_learner", set()),
        ("mentor", {"ada"}),
        ("other_mentor", {"bo"}),
        ("manager", {"ada", "bo"}),
        ("other_manager", set()),
    ],
)
def test_the_grid_shows_each_reader_only_whom_they_may_see(scene, who, shown):
    grid = grid_for(scene.cohort, viewer=person(scene, who))

    assert {p.name.lower() for p in grid.profiles} == shown


@pytest.mark.parametrize(
    ("who", "cohorts"),
    [
        ("anonymous", set()),
        ("learner", set()),
        ("other_learner", set()),
        ("mentor", {"cohort"}),
        ("other_mentor", {"cohort", "other_cohort"}),
        ("manager", {"cohort"}),
        ("other_manager", {"other_cohort"}),
    ],
)
def test_the_cohorts_whose_grid_each_reader_opens(scene, who, cohorts):
    found = set(policies.readiness_cohorts(person(scene, who)))

    assert found == {getattr(scene, name) for name in cohorts}


@pytest.mark.parametrize("who", EVERYONE)
def test_trait_ratings_are_never_the_learners_to_see(scene, who):
    rate_all(scene.enrolment, scene.mentor, "mentor", 3)
    policy = policy_registry.get_by_type(TraitRating)

    visible = policy.instances_user_has_permission_for(person(scene, who), "view")

    assert visible.count() == (4 if who in ("mentor", "manager") else 0)


@pytest.mark.parametrize("who", EVERYONE)
def test_adding_a_move_is_the_managers_and_nothing_is_changed(scene, who):
    ratings.move(scene.enrolment, 2, 2, "Calibrated.", scene.manager)
    policy = policy_registry.get_by_type(Placement)
    user = person(scene, who)

    adds = policy.instances_user_has_permission_for(user, "add").exists()
    changes = policy.instances_user_has_permission_for(user, "change").exists()

    assert adds == (who == "manager")
    assert not changes


def test_a_superuser_sees_every_profile_and_judges_no_one(scene, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com")

    assert reaches(policies.profile_enrolment_or_404, root, scene.enrolment.pk)
    assert not reaches(policies.ratable_enrolment_or_404, root, scene.enrolment.pk)
    assert not reaches(policies.movable_enrolment_or_404, root, scene.enrolment.pk)


def test_a_mentor_without_the_mentor_role_sees_nothing(scene):
    scene.mentor.groups.clear()
    mentor = type(scene.mentor).objects.get(pk=scene.mentor.pk)  # no cached perms

    assert not reaches(policies.profile_enrolment_or_404, mentor, scene.enrolment.pk)


def test_the_learner_sees_their_verdict_only_where_the_programme_shows_it(scene):
    ratings.rate_readiness(
        scene.enrolment, scene.manager, "manager", "ready_now", COMMENT
    )

    hidden = policies.verdict_for_learner(scene.enrolment)
    ReadinessSettings.objects.create(
        programme=scene.cohort.programme, show_readiness_to_learner=True
    )

    assert hidden is None
    assert policies.verdict_for_learner(scene.enrolment) == "Ready now"


@pytest.mark.parametrize("who", EVERYONE)
def test_snapshots_are_seen_by_staff_and_written_by_the_job_alone(scene, who):
    snapshot_readiness(scene.cohort, timezone.localdate())
    policy = policy_registry.get_by_type(ReadinessSnapshot)
    user = person(scene, who)

    seen = policy.instances_user_has_permission_for(user, "view").count()

    assert seen == {"mentor": 1, "other_mentor": 1, "manager": 2}.get(who, 0)
    assert not policy.instances_user_has_permission_for(user, "add").exists()
