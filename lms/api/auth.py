"""API authentication: Wagtail's bearer API tokens for other clients."""

import functools

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from wagtail.models import APIToken

from lms.core.throttling import check_token_allowed, token_failed

# Tokens are used a lot; recording the last use at most once a minute is enough.
LAST_USED_PRECISION = timezone.timedelta(minutes=1)


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer wagtail_…` — a token a user created in the Wagtail admin."""

    def authenticate(self, request, token):
        if not APIToken.validate_token_format(token):
            return _failed(request)
        now = timezone.now()
        found = _live_token(APIToken.candidate_key_hashes(token), now)
        if found is None:
            return _failed(request)
        token_id, user_id, stale = found
        if stale:
            APIToken.objects.filter(pk=token_id).update(last_used_at=now)
        request.user = _user_with_only_its_id(user_id)
        return request.user


def _failed(request):
    """Count the failure; past the limit the address gets 429s, not 401s, until
    the cool-off ends. Only failures are checked, so a valid token costs no
    query here: the lockout stops guessing, and a valid token is no guess."""
    token_failed(request)
    check_token_allowed(request)
    return None


def _live_token(key_hashes, now):
    """(id, user id, last use stale?) of the unrevoked token of an active user, or None.

    Every API request runs this, so it is one fixed statement: building it
    through the ORM cost several times what the database takes to answer.
    """
    last_used = APIToken._meta.get_field("last_used_at")
    cutoff = last_used.get_db_prep_value(now - LAST_USED_PRECISION, connection)
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(len(key_hashes)), [cutoff, *key_hashes, True])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1], bool(row[2]))


@functools.cache
def _token_sql(hashes):
    quote, user = connection.ops.quote_name, get_user_model()._meta
    return (
        "SELECT t.id, t.user_id,"  # noqa: S608 - table names only
        " t.last_used_at IS NULL OR t.last_used_at < %s"
        f" FROM {quote(APIToken._meta.db_table)} t"
        f" JOIN {quote(user.db_table)} u ON u.{quote(user.pk.column)} = t.user_id"
        f" WHERE t.key_hash IN ({', '.join(['%s'] * hashes)})"
        " AND t.revoked_at IS NULL AND u.is_active = %s"
    )


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
