"""Everything the audit page shows, from one learner's profile and weeks."""

from django.urls import reverse
from django.utils import timezone

from lms.time_audit import figures
from lms.time_audit.categories import week_label
from lms.time_audit.chart import chart


def audit_overview(profile, weeks, today=None):
    """The figures of the audit page: chart, gap, trend, streak, the weeks newest first.

    `weeks` are the weeks the viewer may see (all of them for the learner, the
    shared ones for a mentor), oldest first.
    """
    today = today or timezone.localdate()
    version = profile.categories
    ranking = profile.value_ranking()
    latest = weeks[-1] if weeks else None
    return {
        "profile": profile,
        "version": version,
        "ranking": [version.category(key) for key in ranking],
        "chart": chart(weeks),
        "gap": figures.value_gap(weeks, version, ranking),
        "gap_weeks": figures.GAP_WEEKS,
        "trend": figures.trend(weeks, version),
        "trend_weeks": figures.TREND_WEEKS,
        "streak": figures.streak(weeks, today),
        "latest": latest,
        "latest_totals": figures.totals(latest) if latest else None,
        "rows": [_row(week) for week in reversed(weeks)],
    }


def _row(week):
    return {
        "week": week,
        "label": week_label(week.week_start),
        "hours": week.hours(),
        "totals": figures.totals(week),
        "edit_url": reverse("lms:time_audit_week", args=[week_label(week.week_start)]),
    }
