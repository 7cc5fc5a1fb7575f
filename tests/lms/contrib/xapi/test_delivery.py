"""The outbox reaches the LRS in order and once, waits out an outage, and reports
what the LRS refuses without holding back the rest."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.contrib.xapi import delivery
from lms.contrib.xapi.models import OutboxStatement
from lms.progress.recording import record_events
from tests.builders.people import make_manager
from tests.builders.progress import make_scene
from tests.lms.contrib.xapi.lrs import RecordStore

pytestmark = pytest.mark.django_db
Status = OutboxStatement.Status


@pytest.fixture
def scene():
    return make_scene(questions=2)


def learn(scene, capture):
    quiz = scene.quiz
    with capture(execute=True):
        record_events(
            scene.learner,
            [
                quiz.started(),
                *quiz.every_answer(),
                quiz.scenario_step(),
                quiz.completed(),
            ],
        )


def made_ids():
    return [
        str(i)
        for i in OutboxStatement.objects.order_by("seq").values_list(
            "statement_id", flat=True
        )
    ]


def test_a_journey_arrives_once_and_in_order(
    lrs, scene, django_capture_on_commit_callbacks
):
    learn(scene, django_capture_on_commit_callbacks)

    assert list(lrs.statements) == made_ids()
    assert len(made_ids()) == 7  # 5 events, the course and the programme
    assert not OutboxStatement.objects.exclude(status=Status.SENT).exists()
    assert all(auth and auth.startswith("Basic ") for auth in lrs.auth)


def test_nothing_is_made_while_no_lrs_is_set(scene, django_capture_on_commit_callbacks):
    learn(scene, django_capture_on_commit_callbacks)

    assert not OutboxStatement.objects.exists()


def test_an_outage_delays_delivery_and_loses_nothing(
    lrs, scene, django_capture_on_commit_callbacks
):
    lrs.next_statuses = [503] * 50
    learn(scene, django_capture_on_commit_callbacks)
    assert lrs.statements == {}
    waiting = OutboxStatement.objects.filter(status=Status.PENDING)
    assert waiting.count() == 7
    assert "503" in waiting.order_by("seq").first().last_error

    lrs.next_statuses = []
    run = delivery.deliver()

    assert run.sent == 7 and run.retry_in is None
    assert list(lrs.statements) == made_ids()


def test_the_lrs_being_down_gives_a_growing_back_off(
    lrs, scene, django_capture_on_commit_callbacks, settings
):
    settings.LMS_XAPI_ENDPOINT = "http://127.0.0.1:9/xAPI/"  # nothing listens
    learn(scene, django_capture_on_commit_callbacks)

    waits = [delivery.deliver().retry_in for _ in range(3)]

    assert waits[0] < waits[1] < waits[2]
    first = OutboxStatement.objects.order_by("seq").first()
    assert "ConnectionError" in first.last_error


def test_a_refused_statement_is_reported_and_the_rest_go_on(
    lrs, scene, django_capture_on_commit_callbacks, admin_client
):
    lrs.next_statuses = [503]  # the first run waits, so the refusal is set up in time
    learn(scene, django_capture_on_commit_callbacks)
    bad = made_ids()[1]
    lrs.refuse_ids = {bad}

    run = delivery.deliver()

    assert run.failed == 1 and run.sent == 6
    assert bad not in lrs.statements and len(lrs.statements) == 6
    refused = OutboxStatement.objects.get(statement_id=bad)
    assert refused.status == Status.FAILED and "400" in refused.last_error
    page = admin_client.get(reverse("lms_xapi:status")).content.decode()
    assert bad in page and "invalid statement" in page

    lrs.refuse_ids = set()
    admin_client.post(reverse("lms_xapi:status"))
    assert delivery.deliver().sent == 1
    assert bad in lrs.statements


def test_a_resend_of_the_same_events_makes_no_new_statements(
    lrs, scene, django_capture_on_commit_callbacks
):
    learn(scene, django_capture_on_commit_callbacks)
    before = made_ids()

    call_command("xapi_backfill", stdout=io.StringIO())

    assert made_ids() == before


def test_backfill_queues_history_made_before_xapi_was_on(
    scene, django_capture_on_commit_callbacks, settings, capsys
):
    learn(scene, django_capture_on_commit_callbacks)
    assert not OutboxStatement.objects.exists()
    store = RecordStore().start()
    settings.LMS_XAPI_ENDPOINT = store.endpoint
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("xapi_backfill", batch=2)
    finally:
        store.stop()

    out = capsys.readouterr().out
    assert "5/5 events (100%)" in out
    assert len(store.statements) == 7


def test_the_status_page_is_for_administrators(client):
    manager = make_manager()  # may use the admin, is not an administrator
    client.force_login(manager)

    OutboxStatement.objects.create(verb="answered", statement={}, status=Status.FAILED)

    page = client.get(reverse("lms_xapi:status"))
    client.post(reverse("lms_xapi:status"))

    # Wagtail turns the refusal into a redirect to the admin's home.
    assert page.status_code == 302 and page["Location"] == "/admin/"
    assert OutboxStatement.objects.get().status == Status.FAILED
