"""API authentication: Wagtail's bearer API tokens for other clients."""

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from ninja.security import SessionAuth as NinjaSessionAuth
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from lms.core import sql
from lms.core.throttling import check_token_allowed, token_failed


def last_used_interval():
    """Seconds between recordings of a token's last use, as Wagtail's API reads
    it (WAGTAILAPI_TOKEN_LAST_USED_INTERVAL, default 60; None: never)."""
    return getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)


class ApiTokenAuth(BearerTokenAuth):
    """`Authorization: Bearer wagtail_…` — a token a user created in the Wagtail admin.

    Wagtail's BearerTokenAuth, answered in one fixed statement instead of its
    ORM query: the same tokens, revocation, inactive users and last-use
    interval, within the recording's query budget.
    """

    def authenticate(self, request, token):
        if not APIToken.validate_token_format(token):
            return _failed(request)
        now = timezone.now()
        found = _live_token(APIToken.candidate_key_hashes(token), now)
        if found is None or not _active(found[1]):
            return _failed(request)
        token_id, user_id, stale = found
        if stale:
            APIToken.objects.filter(pk=token_id).update(last_used_at=now)
        request.user = _user_with_only_its_id(user_id)
        return request.user


def _active(user_id):
    """Whether the token's user is active. With `is_active` a column the token
    query has checked it; a custom user model may make it a plain attribute."""
    if _is_active_column():
        return True
    return bool(get_user_model().objects.get(pk=user_id).is_active)


@functools.cache
def _is_active_column():
    try:
        return get_user_model()._meta.get_field("is_active").concrete
    except FieldDoesNotExist:
        return False


def _failed(request):
    """Count the failure; past the limit the address gets 429s, not 401s, until
    the cool-off ends. Only failures are checked, so a valid token costs no
    query here: the lockout stops guessing, and a valid token is no guess."""
    token_failed(request)
    check_token_allowed(request)
    return None


def _live_token(key_hashes, now):
    """(id, user id, last use stale?) of the unrevoked token of an active user, or None.

    Every API request runs this, so it is one fixed statement (lms.core.sql).
    """
    interval = last_used_interval()
    # With no interval the last use is never recorded: no time is "stale".
    since = now - timezone.timedelta(seconds=interval or 0)
    row = sql.live_token(key_hashes, since, check_active=_is_active_column())
    if row is None:
        return None
    return row[0], row[1], interval is not None and bool(row[2])


def _user_with_only_its_id(user_id):
    """The user as if loaded with `.only("id")`: the API needs nothing else.

    Any other field is read from the database on first use, like any deferred field.
    """
    user = get_user_model()
    return user.from_db(None, [user._meta.pk.attname], [user_id])


class SessionAuth(NinjaSessionAuth):
    """The browser's session, CSRF-checked; skipped for token clients and visitors.

    Without the skip, a client with a bad token or none would get a CSRF 403
    from the session check instead of the 401 that tells it to authenticate.
    """

    def __call__(self, request):
        if request.META.get("HTTP_AUTHORIZATION") or not request.user.is_authenticated:
            return None
        return super().__call__(request)
