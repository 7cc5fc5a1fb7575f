"""One event that cannot be applied does not hold back the others: it is
isolated, tried alone, and after LMS_APPLY_MAX_FAILURES set aside for an
administrator, who sees why and can try it again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import ModuleProgress, ProgressEvent
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events, unapplied_event_ids
from tests.builders.people import make_manager
from tests.builders.progress import make_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_scene()


def record(user, *events):
    record_events(user, list(events))
    return [str(event["id"]) for event in events]


def spoil(event_id):
    """A row that breaks the roll-up, as one written by an older release or by
    hand could: its stored result is not the mapping the roll-up reads."""
    ProgressEvent.objects.filter(pk=event_id).update(result=["not", "a", "mapping"])


def event(pk):
    return ProgressEvent.objects.get(pk=pk)


def test_a_bad_event_in_a_batch_is_isolated_and_the_rest_applied(scene):
    quiz = scene.quiz
    ids = record(
        scene.learner,
        quiz.started(),
        quiz.answered(),
        quiz.reflected(),
        quiz.started(),
    )
    spoil(ids[1])

    applied = apply_events(ids)

    assert applied == 3
    bad = event(ids[1])
    assert bad.applied_at is None and bad.failures == 1 and bad.failed_at is None
    assert bad.error.startswith("AttributeError")
    assert ModuleProgress.objects.get(user=scene.learner).attempts == 2
    assert ProgressEvent.objects.filter(applied_at__isnull=False).count() == 3


def test_a_bad_event_drained_into_another_batch_is_found_too(scene):
    quiz = scene.quiz
    bad, *others = record(
        scene.learner, quiz.answered(), quiz.started(), quiz.started()
    )
    spoil(bad)

    applied = apply_events(others[:1], drain=500)

    assert applied == 2
    assert event(bad).failures == 1


def test_an_event_that_failed_is_no_longer_drained_with_others(scene):
    quiz = scene.quiz
    bad, good = record(scene.learner, quiz.answered(), quiz.started())
    spoil(bad)
    apply_events([bad])

    # Were it drained, the batch would fail and its failure be counted again.
    assert apply_events([good], drain=500) == 1
    assert event(bad).failures == 1


def test_after_the_last_try_the_event_is_set_aside_and_not_swept(scene, settings):
    settings.LMS_APPLY_MAX_FAILURES = 2
    (bad,) = record(scene.learner, scene.quiz.answered())
    spoil(bad)
    ProgressEvent.objects.filter(pk=bad).update(
        received_at=timezone.now() - timedelta(minutes=10)
    )

    apply_events([bad])
    assert unapplied_event_ids() == [bad]
    apply_events([bad])

    assert event(bad).failed_at is not None and event(bad).failures == 2
    assert unapplied_event_ids() == []
    # Asked again, a set-aside event is left alone.
    assert apply_events([bad]) == 0 and event(bad).failures == 2


def test_an_administrator_sees_set_aside_events_and_can_try_them_again(
    scene, admin_client, settings
):
    settings.LMS_APPLY_MAX_FAILURES = 1
    (bad,) = record(scene.learner, scene.quiz.answered())
    good_result = event(bad).result
    spoil(bad)
    apply_events([bad])
    url = reverse("lms_progress:set_aside")

    page = admin_client.get(url).content.decode()
    assert bad in page and "AttributeError" in page

    # The cause mended, the administrator tries it again.
    ProgressEvent.objects.filter(pk=bad).update(result=good_result)
    admin_client.post(url)
    assert event(bad).failed_at is None and event(bad).failures == 0
    assert apply_events([bad]) == 1
    assert "No progress event is set aside" in admin_client.get(url).content.decode()


def test_the_set_aside_page_is_for_administrators(scene, client, settings):
    settings.LMS_APPLY_MAX_FAILURES = 1
    (bad,) = record(scene.learner, scene.quiz.answered())
    spoil(bad)
    apply_events([bad])
    client.force_login(make_manager())

    page = client.get(reverse("lms_progress:set_aside"))
    client.post(reverse("lms_progress:set_aside"))

    assert page.status_code == 302 and page["Location"] == "/admin/"
    assert event(bad).failed_at is not None
