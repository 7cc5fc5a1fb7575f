"""The time audit's panel on My learning: this week logged or not, and the links."""

from django.urls import reverse

from lms.core.sql.instances import select
from lms.models import AuditWeek
from lms.time_audit.categories import week_label
from lms.time_audit.services import this_week


def panel_context(user):
    """One query: this week's entry, if the learner logged it."""
    monday = this_week()
    label = week_label(monday)
    found = select(AuditWeek, "{user} = %s AND {week_start} = %s", [user.pk, monday])
    logged = found[0] if found else None
    return {
        "label": label,
        "logged": logged,
        "week_url": reverse("lms:time_audit_week", args=[label]),
        "audit_url": reverse("lms:time_audit"),
    }
