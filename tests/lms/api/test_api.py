"""The JSON API at /api/: progress events one at a time or in batches, and its docs."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from lms.enrolment.services import enrol
from lms.models import ProgressEvent
from tests.builders.cohorts import enrolled_learner
from tests.builders.events import (
    answered,
    event,
    in_the_future,
    reflected,
    right_answers,
    scenario_step,
)
from tests.builders.pages import (
    make_course,
    make_mixed_quiz_module,
    make_module,
    make_programme,
    programme_of,
)
from tests.builders.people import make_learner
from tests.builders.web import post_json

pytestmark = pytest.mark.django_db

EVENTS = "/api/events"
BATCH = "/api/events/batch"


@pytest.fixture
def browser(learner):
    """A logged-in browser session (the test client skips CSRF checks)."""
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def api_client():
    """A non-browser client: no session, and no shortcut past CSRF checks."""
    return Client(enforce_csrf_checks=True)


def bearer(user, name="sync"):
    _token, plaintext = APIToken.create_token(user=user, name=name)
    return f"Bearer {plaintext}"


def csrf_browser(user):
    """A logged-in browser that enforces CSRF and holds the csrftoken cookie."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/accounts/login/")
    return client, client.cookies["csrftoken"].value


# Authentication


def test_a_session_post_without_a_csrf_token_is_forbidden(learner, module):
    client, _token = csrf_browser(learner)

    response = post_json(client, EVENTS, event(module))

    assert response.status_code == 403
    assert response.json()["detail"] == "CSRF check Failed"
    assert not ProgressEvent.objects.exists()


def test_a_session_post_with_the_csrf_cookie_and_header_is_accepted(learner, module):
    client, token = csrf_browser(learner)

    response = post_json(client, EVENTS, event(module), X_CSRFToken=token)

    assert response.status_code == 201
    assert ProgressEvent.objects.get().user == learner


def test_a_bearer_token_is_accepted_without_csrf(api_client, learner, module):
    response = post_json(
        api_client, EVENTS, event(module), Authorization=bearer(learner)
    )

    assert response.status_code == 201
    assert ProgressEvent.objects.get().user == learner


def test_using_a_token_records_when_it_was_last_used(api_client, learner, module):
    authorization = bearer(learner)

    post_json(api_client, EVENTS, event(module), Authorization=authorization)

    assert APIToken.objects.get(user=learner).last_used_at is not None


def revoked(user):
    token, plaintext = APIToken.create_token(user=user, name="old")
    token.revoke()
    return f"Bearer {plaintext}"


def malformed(user):
    return f"Bearer {APIToken.generate_token()[:-1]}x"


def unknown(user):
    return f"Bearer {APIToken.generate_token()}"


def inactive(user):
    authorization = bearer(user)
    user.is_active = False
    user.save()
    return authorization


@pytest.mark.parametrize("authorization", [revoked, malformed, unknown, inactive])
def test_a_bad_token_is_unauthorised(authorization, learner, module):
    header = authorization(learner)

    response = post_json(Client(), EVENTS, event(module), Authorization=header)

    assert response.status_code == 401
    assert not ProgressEvent.objects.exists()


def test_no_credentials_at_all_is_unauthorised(module):
    response = post_json(Client(), EVENTS, event(module))

    assert response.status_code == 401


@pytest.mark.parametrize("authorization", [revoked, malformed])
def test_a_bad_token_from_a_non_browser_client_is_unauthorised(
    authorization, api_client, learner, module
):
    header = authorization(learner)

    response = post_json(api_client, EVENTS, event(module), Authorization=header)

    assert response.status_code == 401


def test_no_credentials_from_a_non_browser_client_is_unauthorised(api_client, module):
    response = post_json(api_client, EVENTS, event(module))

    assert response.status_code == 401


# One event


def test_a_new_event_is_accepted_and_stored(browser, module):
    started = event(module)

    response = post_json(browser, EVENTS, started)

    assert response.status_code == 201
    assert response.json()["status"] == "accepted"
    assert response.json()["id"] == started["id"]
    assert str(ProgressEvent.objects.get().id) == started["id"]


def test_the_same_event_again_is_a_duplicate_and_stores_nothing_more(browser, module):
    started = event(module)
    post_json(browser, EVENTS, started)

    response = post_json(browser, EVENTS, started)

    assert response.status_code == 200
    assert response.json()["status"] == "duplicate"
    assert ProgressEvent.objects.count() == 1


def test_the_same_id_with_a_different_body_is_a_conflict(browser, module):
    first = answered(module, options=(1,))
    post_json(browser, EVENTS, first)

    response = post_json(
        browser, EVENTS, answered(module, id=first["id"], options=(0,))
    )

    assert response.status_code == 409
    assert "different body" in response.json()["detail"]
    assert ProgressEvent.objects.get().payload == {"chosen": first["chosen"]}


def test_another_learner_reusing_an_event_id_is_a_conflict(browser, module):
    started = event(module)
    post_json(browser, EVENTS, started)
    someone = Client()
    someone.force_login(enrolled_learner(module))

    response = post_json(someone, EVENTS, started)

    assert response.status_code == 409
    assert ProgressEvent.objects.count() == 1


def test_an_answer_is_graded_with_the_chosen_options_feedback(browser, module):
    answer = answered(module, question=0, options=(0,))

    response = post_json(browser, EVENTS, answer)

    grading = response.json()["result"]
    assert grading["correct"] is False
    assert grading["feedback"] == [
        {
            "option_id": answer["chosen"][0],
            "text": "Option 0",
            "correct": False,
            "feedback": "Feedback 0",
        }
    ]


def test_a_right_answer_is_graded_correct(browser, module):
    response = post_json(browser, EVENTS, answered(module, question=0, options=(1,)))

    assert response.json()["result"]["correct"] is True


def test_completing_before_every_question_is_answered_is_refused(browser, module):
    post_json(browser, EVENTS, answered(module, question=0))

    response = post_json(browser, EVENTS, event(module, "completed"))

    assert response.status_code == 422
    assert "answer all 2 questions" in response.json()["detail"]


def test_completing_after_answering_every_question_is_accepted(browser, module):
    for answer in right_answers(module):
        post_json(browser, EVENTS, answer)

    response = post_json(browser, EVENTS, event(module, "completed"))

    assert response.status_code == 201


def test_a_scenario_step_returns_the_next_step_without_destinations(browser, module):
    response = post_json(browser, EVENTS, scenario_step(module, 0, 0))

    after = response.json()["result"]["next"]
    assert after["text"] == "Caller: Well, at least someone listens."
    assert [set(choice) for choice in after["choices"]] == [{"choice_id", "text"}] * 2
    assert "outcome" not in response.content.decode()


def test_a_scenario_ending_returns_its_outcome_and_feedback(browser, module):
    response = post_json(browser, EVENTS, scenario_step(module, 1, 0))

    assert response.json()["result"] == {
        "ending": {"outcome": "good", "feedback": "Trust won."}
    }


# Refused single events: a clear status, a message, nothing stored


def wrong_option(module):
    return answered(module, chosen=["not-an-option"])


def unknown_question(module):
    return answered(module, question_id="no-such-question", chosen=["x"])


def unknown_step(module):
    return scenario_step(module, step_id="no-such-step")


def unknown_choice(module):
    return scenario_step(module, choice_id="no-such-choice")


def far_future(module):
    return event(module, occurred_at=in_the_future(minutes=6))


def naive_timestamp(module):
    return event(module, occurred_at="2026-01-31T09:00:00")


def answer_without_choice(module):
    event_ = answered(module)
    del event_["chosen"]
    return event_


def extra_field(module):
    return event(module, colour="blue")


def not_a_uuid(module):
    return event(module, id="42")


@pytest.mark.parametrize(
    "build, message",
    [
        (wrong_option, "unknown option 'not-an-option'"),
        (unknown_question, "no question 'no-such-question'"),
        (unknown_step, "unknown scenario step 'no-such-step'"),
        (unknown_choice, "unknown choice 'no-such-choice'"),
        (far_future, "occurred_at is in the future"),
        (naive_timestamp, "occurred_at needs a time zone"),
        (answer_without_choice, "needs chosen"),
        (extra_field, "colour"),
        (not_a_uuid, "id"),
    ],
)
def test_an_invalid_event_is_unprocessable_and_stores_nothing(
    build, message, browser, module
):
    response = post_json(browser, EVENTS, build(module))

    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert not ProgressEvent.objects.exists()


def test_an_unknown_module_is_named(browser, module):
    response = post_json(browser, EVENTS, event(module, module_id=999))

    assert response.status_code == 422
    assert response.json()["detail"] == "unknown module 999"
    assert not ProgressEvent.objects.exists()


def test_a_module_of_a_programme_the_learner_is_not_in_is_forbidden(browser):
    elsewhere = make_module(
        parent=make_course(parent=make_programme(slug="other"), slug="other-course")
    )

    response = post_json(browser, EVENTS, event(elsewhere))

    assert response.status_code == 403
    assert not ProgressEvent.objects.exists()


@pytest.mark.parametrize(
    "body, message",
    [
        ('{"id": ', "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        ("[]", "one JSON object"),
        ('"started"', "one JSON object"),
    ],
    ids=["truncated", "not-utf8", "a-list", "a-string"],
)
def test_a_body_that_is_not_one_json_object_is_a_bad_request(body, message, browser):
    response = post_json(browser, EVENTS, body)

    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not ProgressEvent.objects.exists()


def test_a_body_over_256_kb_is_too_large(browser, module):
    oversize = {**event(module), "padding": "x" * (256 * 1024)}

    response = post_json(browser, EVENTS, oversize)

    assert response.status_code == 413
    assert not ProgressEvent.objects.exists()


# Batches


def test_a_batch_of_good_events_is_stored_whole(browser, module):
    events = [event(module), *right_answers(module), event(module, "completed")]

    response = post_json(browser, BATCH, {"events": events})

    assert response.status_code == 201
    assert [r["status"] for r in response.json()["results"]] == ["accepted"] * 4
    assert ProgressEvent.objects.count() == 4


def test_one_bad_event_in_a_batch_stores_nothing_and_is_named(browser, module):
    bad = answered(module, question_id="no-such-question", chosen=["x"])
    events = [event(module), answered(module), bad, reflected(module, prompt_id="p")]

    response = post_json(browser, BATCH, {"events": events})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["index"], e["id"], e["status"]) for e in errors] == [
        (2, bad["id"], 422),
        (3, events[3]["id"], 422),
    ]
    assert "no-such-question" in errors[0]["detail"]
    assert not ProgressEvent.objects.exists()


def test_a_batch_for_a_module_the_learner_is_not_in_is_forbidden(browser, module):
    elsewhere = make_module(
        parent=make_course(parent=make_programme(slug="other"), slug="other-course")
    )

    response = post_json(browser, BATCH, {"events": [event(module), event(elsewhere)]})

    assert response.status_code == 403
    assert response.json()["errors"][0]["index"] == 1
    assert not ProgressEvent.objects.exists()


def test_a_batch_of_a_hundred_events_is_accepted(browser, module):
    response = post_json(
        browser, BATCH, {"events": [event(module) for _n in range(100)]}
    )

    assert response.status_code == 201
    assert ProgressEvent.objects.count() == 100


def test_a_batch_of_more_than_a_hundred_events_is_too_large(browser, module):
    response = post_json(
        browser, BATCH, {"events": [event(module) for _n in range(101)]}
    )

    assert response.status_code == 413
    assert "at most 100" in response.json()["detail"]
    assert not ProgressEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"events": []}, {}, {"events": {}}, []],
    ids=["empty-list", "no-events", "not-a-list", "bare-list"],
)
def test_a_batch_without_a_list_of_events_is_a_bad_request(body, browser):
    response = post_json(browser, BATCH, body)

    assert response.status_code == 400


def test_a_batch_reports_stored_events_as_duplicates_and_new_ones_accepted(
    browser, module
):
    stored = event(module)
    post_json(browser, EVENTS, stored)
    fresh = answered(module)

    response = post_json(browser, BATCH, {"events": [stored, fresh]})

    assert response.status_code == 201
    assert [(r["id"], r["status"]) for r in response.json()["results"]] == [
        (stored["id"], "duplicate"),
        (fresh["id"], "accepted"),
    ]
    assert ProgressEvent.objects.count() == 2


def test_the_same_id_twice_in_a_batch_with_different_bodies_is_a_conflict(
    browser, module
):
    first = answered(module, options=(1,))
    second = answered(module, id=first["id"], options=(0,))

    response = post_json(browser, BATCH, {"events": [first, second]})

    assert response.status_code == 409
    assert response.json()["errors"][0]["index"] == 1
    assert not ProgressEvent.objects.exists()


def test_a_batch_can_be_sent_with_a_bearer_token(api_client, learner, module):
    response = post_json(
        api_client,
        BATCH,
        {"events": [event(module), answered(module)]},
        Authorization=bearer(learner),
    )

    assert response.status_code == 201
    assert ProgressEvent.objects.filter(user=learner).count() == 2


# OpenAPI schema and docs


def test_the_site_serves_the_openapi_schema(client):
    assert client.get("/api/openapi.json").status_code == 200


def test_the_site_serves_the_api_docs(client):
    assert client.get("/api/docs").status_code == 200


def test_the_openapi_schema_describes_both_event_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    single = paths[EVENTS]["post"]["requestBody"]["content"]["application/json"]
    batch = paths[BATCH]["post"]["requestBody"]["content"]["application/json"]
    assert {"id", "type", "module_id", "occurred_at"} <= set(
        single["schema"]["required"]
    )
    assert batch["schema"]["properties"]["events"]["maxItems"] == 100


def test_the_docs_page_uses_local_static_files_only(client):
    response = client.get("/api/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r"<script[^>]+src=\"/static/", html)
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)


# Query counts: constant whatever the course or batch size


def course_of(size, slug):
    """A course of `size` modules whose first is the quiz module; returns that one."""
    course = make_course(parent=make_programme(slug=slug), slug=f"{slug}-course")
    first = make_mixed_quiz_module(parent=course, slug=f"{slug}-quiz")
    for n in range(size - 1):
        make_module(parent=course, slug=f"{slug}-m{n}")
    return first


def queries_to_post(client, path, body):
    with CaptureQueriesContext(connection) as queries:
        response = post_json(client, path, body)
    assert response.status_code == 201, response.content
    return len(queries)


def test_recording_an_answer_costs_the_same_queries_for_5_or_80_modules():
    small, large = course_of(5, "small"), course_of(80, "large")
    learner = make_learner()
    enrol(learner, programme_of(small))
    enrol(learner, programme_of(large))
    browser = Client()
    browser.force_login(learner)

    on_small = queries_to_post(browser, EVENTS, answered(small))
    on_large = queries_to_post(browser, EVENTS, answered(large))

    assert on_small == on_large


def test_recording_an_answer_over_a_session_costs_at_most_6_queries(browser, module):
    assert queries_to_post(browser, EVENTS, answered(module)) <= 6


def test_a_batch_of_50_events_costs_as_many_queries_as_a_batch_of_5(browser, module):
    def batch(size):
        return {"events": [answered(module, question=n % 2) for n in range(size)]}

    assert queries_to_post(browser, BATCH, batch(5)) == queries_to_post(
        browser, BATCH, batch(50)
    )


def test_a_batch_over_many_modules_costs_as_many_queries_as_over_few(learner):
    first = course_of(60, "wide")
    enrol(learner, programme_of(first))
    modules = list(first.get_parent().get_children().specific())
    browser = Client()
    browser.force_login(learner)

    def batch(size):
        return {"events": [event(page) for page in modules[:size]]}

    assert queries_to_post(browser, BATCH, batch(5)) == queries_to_post(
        browser, BATCH, batch(50)
    )


def test_a_batch_of_completions_costs_as_many_queries_over_many_modules(learner):
    first = course_of(60, "wide")
    enrol(learner, programme_of(first))
    plain = list(first.get_parent().get_children().specific())[1:]
    browser = Client()
    browser.force_login(learner)

    def batch(size):
        return {"events": [event(page, "completed") for page in plain[:size]]}

    assert queries_to_post(browser, BATCH, batch(5)) == queries_to_post(
        browser, BATCH, batch(50)
    )
