"""The mentor's panel on the admin home: learners who share their time audit with them."""

from django.db.models import Count, Max
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from lms.core.people import display_name
from lms.models import AuditWeek

SHOWN = 20


def sharing_learners(mentor):
    """[(learner, shared weeks, latest week)] of the learners sharing with the mentor."""
    from django.contrib.auth import get_user_model

    shared = (
        policy_registry.get_by_type(AuditWeek)
        .instances_user_has_permission_for(mentor, "view")
        .exclude(user=mentor)
        .values("user_id")
        .annotate(weeks=Count("pk"), latest=Max("week_start"))
        .order_by("-latest", "user_id")[:SHOWN]
    )
    rows = list(shared)
    users = get_user_model().objects.in_bulk([row["user_id"] for row in rows])
    return [(users[row["user_id"]], row["weeks"], row["latest"]) for row in rows]


class SharedAuditsPanel(Component):
    name = "time_audits"
    template_name = "lms/time_audit/mentor_panel.html"
    order = 70

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "learners": [
                {
                    "name": display_name(user),
                    "weeks": weeks,
                    "latest": latest,
                    "url": reverse("lms:time_audit_mentee", args=[user.pk]),
                }
                for user, weeks, latest in sharing_learners(self.user)
            ]
        }
