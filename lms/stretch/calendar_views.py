"""The private calendar: the page that hands out its URL, and the feed behind it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from lms.stretch.calendar import active_feed, feed_for, feed_of


@login_required
@require_safe
def calendar(request):
    """Show the signed-in person their own feed URL and how to subscribe."""
    feed = feed_of(request.user)
    url = request.build_absolute_uri(reverse("lms:calendar_feed", args=[feed.token]))
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(request, "lms/calendar.html", {"feed_url": url, "webcal_url": webcal})


@login_required
@require_POST
def calendar_regenerate(request):
    """Give the person a new secret URL; the old one stops working at once."""
    feed_of(request.user).regenerate()
    messages.success(
        request, "Your calendar has a new address. Subscribe again with it."
    )
    return redirect("lms:calendar")


@require_safe
def calendar_feed(request, token):
    """The feed itself: no login, as calendar apps cannot sign in; the token is the key."""
    feed = active_feed(token)
    if feed is None:
        raise Http404("No calendar at this address.")
    response = HttpResponse(
        feed_for(feed.user, request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="stretch-projects.ics"'
    # Personal data behind a bearer URL: no proxy or disk cache may keep a copy,
    # which could outlive a regenerated token. The feed is cheap to rebuild.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
