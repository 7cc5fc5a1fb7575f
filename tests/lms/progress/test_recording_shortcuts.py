"""What recording skips to stay cheap, and the rules it must keep all the same.

A module's answer key is kept per version of its body, an API token's last
use is stamped at most once a minute, and the token's user is loaded with its
id only; none of this may change what is graded, stored or allowed.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import APIToken

from courses.models import ModulePage
from lms.models import ProgressEvent
from lms.progress.recording import EventsRejected, record_events
from tests.builders.events import answered, event
from tests.builders.pages import blocks, make_module, question
from tests.builders.web import post_json

pytestmark = pytest.mark.django_db


def token_for(user):
    token, plaintext = APIToken.create_token(user=user, name="sync")
    return token, f"Bearer {plaintext}"


# Answer keys


def test_an_edited_module_is_graded_against_its_new_body(learner, module):
    [before] = record_events(learner, [answered(module, 0, (1,))])
    question_id = blocks(module, "question")[0].id
    module.body = [("question", question(correct=(2,)))]
    module.body[0].id = question_id  # the same question, a new right answer
    module.save()  # no revision: the stored body itself changed
    module = ModulePage.objects.get(pk=module.pk)

    [after] = record_events(learner, [answered(module, 0, (1,))])

    assert before["result"]["correct"] is True
    assert after["result"]["correct"] is False
    assert after["result"]["question_count"] == 1


def test_a_question_removed_from_the_body_is_unknown(learner, module):
    record_events(learner, [answered(module)])
    removed = answered(module)
    module.body = [("markdown", "Nothing to answer now.")]
    module.save()

    with pytest.raises(EventsRejected, match="has no question"):
        record_events(learner, [removed])


def test_modules_with_the_same_body_are_named_by_their_own_ids(learner, module):
    twin = make_module(
        parent=module.get_parent(), slug="twin", body=module.body.raw_data
    )
    record_events(learner, [answered(module)])

    with pytest.raises(EventsRejected, match=f"module {twin.pk} has no question"):
        record_events(learner, [answered(twin, question_id="nope")])


# Retries


def test_a_retry_after_its_module_was_unpublished_is_still_a_duplicate(learner, module):
    answer = answered(module)
    [first] = record_events(learner, [answer])
    module.unpublish()

    [again] = record_events(learner, [answer])

    assert again == {**first, "status": "duplicate"}


def test_a_batch_mixing_a_retry_and_a_new_event_stores_only_the_new_one(
    learner, module
):
    retried = event(module)
    record_events(learner, [retried])

    results = record_events(learner, [retried, event(module)])

    assert [r["status"] for r in results] == ["duplicate", "accepted"]
    assert ProgressEvent.objects.count() == 2


def test_the_time_an_event_happened_is_stored_to_the_microsecond(learner, module):
    when = timezone.now().replace(microsecond=123456) - timedelta(minutes=1)

    record_events(learner, [event(module, occurred_at=when.isoformat())])

    assert ProgressEvent.objects.get().occurred_at == when


# API tokens


def test_a_token_is_stamped_as_used_at_most_once_a_minute(learner, module):
    token, authorization = token_for(learner)
    client = Client()
    post_json(client, "/api/events", event(module), Authorization=authorization)
    first_use = APIToken.objects.get(pk=token.pk).last_used_at

    post_json(client, "/api/events", event(module), Authorization=authorization)

    assert APIToken.objects.get(pk=token.pk).last_used_at == first_use


def test_a_token_last_used_over_a_minute_ago_is_stamped_again(learner, module):
    token, authorization = token_for(learner)
    long_ago = timezone.now() - timedelta(minutes=2)
    APIToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)

    post_json(Client(), "/api/events", event(module), Authorization=authorization)

    assert APIToken.objects.get(pk=token.pk).last_used_at > long_ago


def test_a_token_revoked_after_use_is_refused_at_once(learner, module):
    token, authorization = token_for(learner)
    client = Client()
    post_json(client, "/api/events", event(module), Authorization=authorization)

    token.revoke()
    response = post_json(
        client, "/api/events", event(module), Authorization=authorization
    )

    assert response.status_code == 401


def test_recording_an_event_with_a_token_costs_at_most_4_queries(learner, module):
    _token, authorization = token_for(learner)
    client = Client()
    post_json(client, "/api/events", event(module), Authorization=authorization)

    with CaptureQueriesContext(connection) as queries:
        response = post_json(
            client, "/api/events", answered(module), Authorization=authorization
        )

    assert response.status_code == 201
    assert len(queries) <= 4  # token, modules, enrolment, insert
    assert ProgressEvent.objects.filter(user=learner).count() == 2
