"""API authentication: Wagtail's bearer API tokens for other clients."""

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from wagtail.models import APIToken


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer wagtail_…` — a token a user created in the Wagtail admin."""

    def authenticate(self, request, token):
        if not APIToken.validate_token_format(token):
            return None
        found = (
            APIToken.objects.select_related("user")
            .filter(
                key_hash__in=APIToken.candidate_key_hashes(token),
                revoked_at__isnull=True,
            )
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        # Tokens are used a lot; recording the last use at most once a minute is enough.
        if (
            not found.last_used_at
            or timezone.now() - found.last_used_at > LAST_USED_PRECISION
        ):
            APIToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.user


LAST_USED_PRECISION = timezone.timedelta(minutes=1)


class SessionAuth(NinjaSessionAuth):
    """The browser's session, CSRF-checked; skipped for token clients and visitors.

    Without the skip, a client with a bad token or none would get a CSRF 403
    from the session check instead of the 401 that tells it to authenticate.
    """

    def __call__(self, request):
        if request.META.get("HTTP_AUTHORIZATION") or not request.user.is_authenticated:
            return None
        return super().__call__(request)
