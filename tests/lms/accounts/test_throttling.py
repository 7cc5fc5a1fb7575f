"""Sign-in is throttled: after the limit of failures a username and address pair
(or an address sending bad API tokens) gets a 429 with Retry-After, even with
the right password, until the cool-off ends."""

import pytest

from tests.builders.people import make_manager

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-2026"
LIMIT = 3


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def user():
    return make_manager("target", password=PASSWORD)


@pytest.mark.parametrize("login", ["/accounts/login/", "/admin/login/"])
def test_a_username_is_locked_out_after_the_limit(client, user, login):
    for _ in range(LIMIT - 1):
        assert (
            client.post(login, {"username": "target", "password": "wrong"}).status_code
            == 200
        )

    locked = client.post(login, {"username": "target", "password": "wrong"})
    right = client.post(login, {"username": "target", "password": PASSWORD})

    assert locked.status_code == 429
    assert right.status_code == 429  # the right password waits out the cool-off too
    assert int(right["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session
    assert "Too many attempts" in right.content.decode()


def test_another_address_is_not_locked_out(client, user):
    for _ in range(LIMIT):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"})

    response = client.post(
        "/accounts/login/",
        {"username": "target", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )

    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, user):
    for _ in range(LIMIT - 1):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"})
    client.post("/accounts/login/", {"username": "target", "password": PASSWORD})
    client.logout()

    for _ in range(LIMIT - 1):
        response = client.post(
            "/accounts/login/", {"username": "target", "password": "wrong"}
        )

    assert response.status_code == 200


def test_bad_api_tokens_are_locked_out_with_retry_after(client):
    url = "/api/events"
    bad = {"HTTP_AUTHORIZATION": "Bearer wagtail_not-a-real-token"}
    answers = [
        client.post(url, "{}", content_type="application/json", **bad).status_code
        for _ in range(LIMIT)
    ]

    last = client.post(url, "{}", content_type="application/json", **bad)

    assert answers[: LIMIT - 1] == [401] * (LIMIT - 1)
    assert last.status_code == 429
    assert int(last["Retry-After"]) > 0
    assert "Too many failed sign-in attempts" in last.json()["detail"]
