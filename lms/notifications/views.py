"""The opt-out page a nudge email links to."""

from django.core.signing import BadSignature
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from lms.notifications.delivery import (
    has_opted_out,
    opt_out_of_nudges,
    user_for_opt_out,
)


@require_http_methods(["GET", "POST"])
def nudges_off(request, token):
    """The opt-out link of a nudge email: confirm with a POST, then no more nudges."""
    try:
        user = user_for_opt_out(token)
    except BadSignature:
        message = "This opt-out link is not valid. Copy the whole link from the email."
        return render(request, "lms/error.html", {"message": message}, status=400)
    if user is None:
        message = "This opt-out link belongs to an account that no longer exists."
        return render(request, "lms/error.html", {"message": message}, status=404)
    if request.method == "POST":
        opt_out_of_nudges(user)
    return render(request, "lms/nudges_off.html", {"done": has_opted_out(user)})
