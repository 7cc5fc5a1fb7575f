"""Input that once gave a 500 gets a clear 4xx naming what is wrong, and writes nothing."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import ActionItem, Enrolment, ProgressEvent
from tests.builders.cohorts import enrol_in
from tests.builders.pages import make_learning_module
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db
HUGE = str(2**63)


@pytest.fixture
def learner(client):
    user = make_learner()
    client.force_login(user)
    return user


@pytest.fixture
def module(learner):
    page = make_learning_module()
    enrol_in(learner, page)
    return page


def event(module_id, **fields):
    return {
        "id": str(uuid.uuid4()),
        "type": "started",
        "module_id": module_id,
        "occurred_at": timezone.now().isoformat(),
        **fields,
    }


def post(client, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/events", data, content_type="application/json")


def test_a_huge_module_id_is_a_422_naming_the_field(client, module):
    response = post(client, event(2**63))

    assert response.status_code == 422
    assert "module_id" in response.content.decode()
    assert not ProgressEvent.objects.exists()


def test_json_nested_too_deeply_is_a_400(client, module):
    response = post(client, "[" * 100_000 + "]" * 100_000)

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize(
    "fields",
    [
        {"type": "reflected", "prompt_id": "p", "text": "bad\x00text"},
        {"type": "answered", "question_id": "q\x00", "chosen": ["a"]},
        {"type": "answered", "question_id": "q", "chosen": ["a\x00"]},
    ],
)
def test_nul_characters_are_refused(client, module, fields):
    response = post(client, event(module.pk, **fields))

    assert response.status_code == 422
    assert "NUL" in response.content.decode()
    assert not ProgressEvent.objects.exists()


def test_a_time_before_2000_is_refused(client, module):
    response = post(client, event(module.pk, occurred_at="1999-12-31T23:59:59+00:00"))

    assert response.status_code == 422
    assert "2000-01-01" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        f"/learn/enrol/{HUGE}/",
        f"/learn/actions/{HUGE}/",
        f"/learn/journal/{HUGE}/",
        f"/learn/projects/{HUGE}/",
        f"/learn/practice/{HUGE}/",
    ],
)
def test_huge_ids_in_addresses_are_404(client, learner, url):
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404


def test_the_form_twins_refuse_huge_ids(client, module):
    action = client.post(reverse("lms:add_action"), {"module_id": HUGE})
    twin = client.post(reverse("lms:event"), {"type": "started", "module_id": HUGE})

    assert action.status_code == 404
    assert twin.status_code in (302, 422)
    assert not ActionItem.objects.exists() and not ProgressEvent.objects.exists()
    assert Enrolment.objects.count() == 1


def test_admin_addresses_with_huge_ids_are_404(admin_client):
    url = reverse("lms_cohorts:dashboard", args=[7]).replace("/7/", f"/{HUGE}/")

    response = admin_client.get(url)

    assert response.status_code == 404


def test_the_schema_documents_every_refusal_and_the_batch_minimum(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    for path in ("/api/events", "/api/events/batch"):
        responses = paths[path]["post"]["responses"]
        assert {"400", "401", "403", "409", "413", "422", "429"} <= set(responses)
    batch = paths["/api/events/batch"]["post"]["requestBody"]["content"]
    assert batch["application/json"]["schema"]["properties"]["events"]["minItems"] == 1
