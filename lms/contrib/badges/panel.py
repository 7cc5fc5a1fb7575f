"""The badges panel on My learning: how many badges and the latest ones.

It is read from the cache, kept for LMS_BADGES_PANEL_SECONDS and forgotten
when the learner is awarded a badge or one is revoked, so My learning asks
the database at most once per learner in that time, however often it is
opened, and not at all for a learner whose answer (none) is cached.
"""

from django.core.cache import cache
from django.urls import reverse

from lms.contrib.badges.awards import panel_key
from lms.contrib.badges.conf import badges_setting
from lms.contrib.badges.models import BadgeAward

LATEST = 3


def summary(user_id):
    """{"count", "latest": [(name, url)]} of the learner's badges in force."""
    key = panel_key(user_id)
    found = cache.get(key)
    if found is None:
        rows = list(
            BadgeAward.objects.filter(learner_id=user_id, revoked_at__isnull=True)
            .order_by("-awarded_at", "-pk")
            .values_list("badge_class__name", "credential_id")
        )
        found = {
            "count": len(rows),
            "latest": [
                (name, reverse("lms_badges:mine_one", args=[credential_id]))
                for name, credential_id in rows[:LATEST]
            ],
        }
        cache.set(key, found, badges_setting("PANEL_SECONDS"))
    return found


def panel_context(user):
    """The panel's context, or None for a learner without badges."""
    found = summary(user.pk)
    if not found["count"]:
        return None
    return {**found, "all_url": reverse("lms_badges:mine")}
