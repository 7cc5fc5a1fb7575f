"""What the admin's xAPI page shows: how many statements wait, went and failed."""

from django.db.models import Count, Min

from lms.contrib.xapi.conf import xapi_setting
from lms.contrib.xapi.models import OutboxStatement

Status = OutboxStatement.Status


def summary():
    counts = dict(OutboxStatement.objects.values_list("status").annotate(n=Count("pk")))
    oldest = OutboxStatement.objects.filter(status=Status.PENDING).aggregate(
        at=Min("created_at")
    )["at"]
    last_error = (
        OutboxStatement.objects.filter(status=Status.PENDING)
        .exclude(last_error="")
        .order_by("seq")
        .values_list("last_error", flat=True)
        .first()
    )
    return {
        "endpoint": xapi_setting("ENDPOINT"),
        "pending": counts.get(Status.PENDING, 0),
        "sent": counts.get(Status.SENT, 0),
        "failed": counts.get(Status.FAILED, 0),
        "oldest_pending": oldest,
        "last_error": last_error,
    }


def failures(limit=50):
    return OutboxStatement.objects.filter(status=Status.FAILED).order_by("-seq")[:limit]
