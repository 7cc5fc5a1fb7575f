"""The learner's own audits as CSV: every week, a column per category of both versions."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.permissions import policy_registry

from lms.core.spreadsheets import safe_row
from lms.models import AuditWeek
from lms.time_audit.categories import VERSIONS, week_label
from lms.time_audit.figures import totals

CATEGORY_COLUMNS = [
    (version, category)
    for version in VERSIONS.values()
    for category in version.categories
]
HEADINGS = [
    "Week",
    "Week starts",
    "Categories",
    *(f"{c.label} ({v.label})" for v, c in CATEGORY_COLUMNS),
    "Total hours",
    "Contracted hours",
    "In the work",
    "Leading the work",
    "Sacred time goal",
    "Sacred time met",
    "Shared with mentor",
    "Note",
]


class Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value):
        return value


def week_row(week):
    by_column = {
        (week.version, category.key): hours for category, hours in week.hours()
    }
    return [
        week_label(week.week_start),
        week.week_start.isoformat(),
        week.categories.label,
        *(by_column.get((v.key, c.key), "") for v, c in CATEGORY_COLUMNS),
        totals(week).total,
        week.contracted_hours,
        week.in_work,
        week.leading,
        week.sacred_goal,
        "yes" if week.sacred_met else "no",
        "yes" if week.shared else "no",
        week.note,
    ]


def own_weeks(user):
    """The learner's own weeks, through the policy's "change" scope: theirs alone."""
    policy = policy_registry.get_by_type(AuditWeek)
    return policy.instances_user_has_permission_for(user, "change").order_by(
        "week_start"
    )


@login_required
@require_GET
def export_csv(request):
    writer = csv.writer(Echo())
    rows = (safe_row(week_row(week)) for week in own_weeks(request.user))
    lines = (writer.writerow(row) for row in _with_heading(rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    name = f"time-audit-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _with_heading(rows):
    yield HEADINGS
    yield from rows
