"""Sign-in throttling, through django-axes: after AXES_FAILURE_LIMIT failures
from one address for one username (or, for API tokens, from one address), that
pair is locked out for AXES_COOLOFF_TIME and gets a 429 with Retry-After.

Axes watches Django's sign-in views (the learner's and the admin's) by itself;
Bearer tokens do not go through `authenticate`, so the API reports its failed
tokens here under one pseudo-username.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.template.response import TemplateResponse

TOKEN_USERNAME = "(API token)"  # noqa: S105 - a name for the counter, no secret
TOKEN_CREDENTIALS = {"username": TOKEN_USERNAME}


class Throttled(Exception):
    """Too many failed attempts from this address: try again after a while."""


def retry_after(request):
    """Seconds until a lockout ends, for the Retry-After header."""
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 60


def lockout_response(request, credentials=None, *args, **kwargs):
    """The 429 a locked-out sign-in gets: JSON for the API, a page for people."""
    seconds = retry_after(request)
    minutes = max(1, round(seconds / 60))
    detail = f"Too many failed sign-in attempts: try again in {minutes} minutes."
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": detail}, status=429)
    else:
        # Rendered now: axes returns it from its middleware, past the render step.
        response = TemplateResponse(
            request, "lms/accounts/locked_out.html", {"minutes": minutes}, status=429
        ).render()
    response["Retry-After"] = str(seconds)
    return response


def check_token_allowed(request):
    if not AxesProxyHandler.is_allowed(request, TOKEN_CREDENTIALS):
        raise Throttled


def token_failed(request):
    """Count a failed Bearer token against the address it came from."""
    user_login_failed.send(
        sender=__name__, credentials=TOKEN_CREDENTIALS, request=request
    )
