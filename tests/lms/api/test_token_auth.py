"""Bearer tokens follow Wagtail's BearerTokenAuth: revoked tokens and inactive
users are refused, and the last use is recorded at WAGTAILAPI_TOKEN_LAST_USED_INTERVAL."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from lms.api.auth import ApiTokenAuth
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    api_token, plaintext = APIToken.create_token(user=make_learner(), name="phone")
    return api_token, plaintext


def call(client, plaintext):
    return client.post(
        "/api/events",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )


def test_it_is_wagtails_bearer_auth():
    assert issubclass(ApiTokenAuth, BearerTokenAuth)


def test_a_good_token_is_let_in_and_its_use_recorded(client, token):
    api_token, plaintext = token

    response = call(client, plaintext)

    assert response.status_code == 422  # past authentication: "{}" is no event
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


def test_a_revoked_token_or_an_inactive_user_is_refused(client, token):
    api_token, plaintext = token
    api_token.user.is_active = False
    api_token.user.save()
    assert call(client, plaintext).status_code == 401

    api_token.user.is_active = True
    api_token.user.save()
    APIToken.objects.filter(pk=api_token.pk).update(revoked_at=timezone.now())
    assert call(client, plaintext).status_code == 401


def test_the_last_use_interval_is_wagtails_setting(client, token, settings):
    api_token, plaintext = token
    recent = timezone.now() - timedelta(minutes=10)
    APIToken.objects.filter(pk=api_token.pk).update(last_used_at=recent)

    settings.WAGTAILAPI_TOKEN_LAST_USED_INTERVAL = 3600
    call(client, plaintext)
    api_token.refresh_from_db()
    assert api_token.last_used_at == recent

    settings.WAGTAILAPI_TOKEN_LAST_USED_INTERVAL = 60
    call(client, plaintext)
    api_token.refresh_from_db()
    assert api_token.last_used_at > recent


def test_no_interval_means_the_last_use_is_never_recorded(client, token, settings):
    api_token, plaintext = token
    settings.WAGTAILAPI_TOKEN_LAST_USED_INTERVAL = None

    call(client, plaintext)

    api_token.refresh_from_db()
    assert api_token.last_used_at is None
