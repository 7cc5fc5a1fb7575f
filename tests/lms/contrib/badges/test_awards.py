"""Badges are awarded when a course or programme is finished or a stretch project
approved, once per learner and badge, also when the same news comes twice at once."""

import threading

import pytest
from django.db import connection

from lms.contrib.badges.awards import award
from lms.contrib.badges.badge_classes import ensure_defaults, for_page
from lms.contrib.badges.models import BadgeAward, BadgeClass
from lms.contrib.badges.receivers import award_milestones
from lms.models import ProgressEvent
from lms.progress.applied import AppliedEvent
from tests.builders.badges import Kind, approve, finish, make_badge_scene
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_badge_scene()


def kinds_of(learner):
    return sorted(
        BadgeAward.objects.filter(learner=learner).values_list(
            "badge_class__kind", flat=True
        )
    )


def applied_completions():
    return [
        AppliedEvent.of(e)
        for e in ProgressEvent.objects.filter(kind="completed").order_by("occurred_at")
    ]


def test_finishing_one_module_of_two_awards_nothing(
    scene, django_capture_on_commit_callbacks
):
    finish(scene.learner, scene.quizzes[0], django_capture_on_commit_callbacks)

    assert kinds_of(scene.learner) == []


def test_finishing_the_course_awards_its_badge_and_the_programmes(
    scene, django_capture_on_commit_callbacks
):
    scene.finish_all(django_capture_on_commit_callbacks)

    assert kinds_of(scene.learner) == [Kind.COURSE, Kind.PROGRAMME]
    course_award = scene.award_of(Kind.COURSE)
    assert course_award.badge_class.page_id == scene.course.pk
    assert course_award.enrolment_id == scene.enrolment.pk
    assert course_award.credential_jwt.count(".") == 2
    completed_at = ProgressEvent.objects.filter(kind="completed").latest("occurred_at")
    assert course_award.awarded_at == completed_at.occurred_at


def test_the_same_events_announced_again_award_nothing_more(
    scene, django_capture_on_commit_callbacks
):
    scene.finish_all(django_capture_on_commit_callbacks)
    before = list(BadgeAward.objects.values_list("pk", "credential_jwt"))

    made = award_milestones(applied_completions())

    assert made and not any(created for _award, created in made)
    assert list(BadgeAward.objects.values_list("pk", "credential_jwt")) == before


def test_a_revoked_badge_is_not_awarded_again(
    scene, django_capture_on_commit_callbacks
):
    scene.finish_all(django_capture_on_commit_callbacks)
    BadgeAward.objects.update(revoke_reason="Test", revoked_at="2026-01-01T00:00Z")

    award_milestones(applied_completions())

    assert BadgeAward.objects.count() == 2
    assert not BadgeAward.objects.filter(revoked_at__isnull=True).exists()


def test_an_approved_project_of_a_template_earns_its_badge(
    django_capture_on_commit_callbacks,
):
    scene = make_stretch_scene()
    with django_capture_on_commit_callbacks(execute=True):
        approve(scene.assignment, scene.mentor)

    (found,) = BadgeAward.objects.filter(learner=scene.learner)
    assert found.badge_class.kind == Kind.PROJECT
    assert found.badge_class.template_id == scene.template.pk
    assert found.assignment_id == scene.assignment.pk
    assert found.share_evidence is False


def test_a_project_sent_back_earns_nothing(django_capture_on_commit_callbacks):
    from lms.models import Review
    from lms.stretch.reviews import review
    from lms.stretch.states import transition

    scene = make_stretch_scene()
    transition(scene.assignment, "start", scene.learner)
    from lms.models import Evidence

    Evidence.objects.create(assignment=scene.assignment, text="Draft")
    transition(scene.assignment, "submit", scene.learner)
    with django_capture_on_commit_callbacks(execute=True):
        review(
            scene.assignment, scene.mentor, Review.Outcome.CHANGES_REQUESTED, {}, "More"
        )

    assert not BadgeAward.objects.exists()


def test_the_default_classes_are_made_once(scene):
    first = ensure_defaults()
    again = ensure_defaults()

    assert first == {"course": 1, "programme": 1, "project": 0}
    assert again == {"course": 0, "programme": 0, "project": 0}
    course_class = BadgeClass.objects.get(kind=Kind.COURSE)
    assert [c.slug for c in course_class.competencies.all()] == ["de-escalation"]
    assert scene.course.title in course_class.criteria


def test_a_trainers_edit_survives_the_defaults(scene):
    ensure_defaults()
    BadgeClass.objects.filter(kind=Kind.COURSE).update(name="Calm under fire")

    ensure_defaults()

    assert BadgeClass.objects.get(kind=Kind.COURSE).name == "Calm under fire"


@pytest.mark.django_db(transaction=True)
def test_two_awards_at_the_same_moment_make_one():
    scene = make_badge_scene()
    badge_class, _created = for_page(scene.course)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def award_it():
        try:
            barrier.wait(timeout=10)
            results.append(
                award(badge_class, scene.learner.pk, scene.enrolment.enrolled_at)
            )
        except Exception as error:  # reported below, never swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=award_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(created for _award, created in results) == [False, True]
    assert BadgeAward.objects.count() == 1
    assert len({found.pk for found, _created in results}) == 1
    assert BadgeAward.objects.get().credential_jwt


@pytest.mark.django_db(transaction=True)
def test_two_workers_announcing_the_same_completion_award_once(
    django_capture_on_commit_callbacks,
):
    scene = make_badge_scene(modules=1)
    finish(scene.learner, scene.quizzes[0], django_capture_on_commit_callbacks)
    BadgeAward.objects.all().delete()
    events = applied_completions()
    barrier = threading.Barrier(2)
    errors = []

    def announce():
        try:
            barrier.wait(timeout=10)
            award_milestones(events)
        except Exception as error:  # reported below, never swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=announce) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert kinds_of(scene.learner) == [Kind.COURSE, Kind.PROGRAMME]
