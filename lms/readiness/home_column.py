"""The "Ready now" column of the admin home's cohorts panel: how many learners of
each cohort the viewer manages have "ready now" as their verdict in force (the
newest, whoever gave it, as the grid counts it), linked to the cohort's
Readiness page. One query for all the listed cohorts, counted in SQL."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.html import format_html

from lms.cohorts.admin.access import cohort_urls
from lms.models import ReadinessRating
from lms.readiness.models import Verdict


def _newer():
    """Ratings of the same learner newer than the outer one (the grid's order)."""
    return ReadinessRating.objects.filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk")),
        enrolment_id=OuterRef("enrolment_id"),
    )


def ready_now_counts(cohort_ids):
    """{cohort id: learners whose verdict in force is "ready now"}."""
    rows = (
        ReadinessRating.objects.filter(
            enrolment__cohort_id__in=cohort_ids, verdict=Verdict.READY_NOW
        )
        .filter(~Exists(_newer()))
        .values("enrolment__cohort_id")
        .annotate(learners=Count("enrolment_id", distinct=True))
        .order_by()
    )
    return {row["enrolment__cohort_id"]: row["learners"] for row in rows}


def ready_now_cells(user, cohorts):
    """{cohort pk: the count, linked to the cohort's Readiness page}."""
    counts = ready_now_counts([cohort.pk for cohort in cohorts])
    url = cohort_urls("readiness")
    return {
        cohort.pk: format_html(
            '<a href="{}">{}<span class="w-sr-only"> ready now in {}</span></a>',
            url(cohort.pk),
            counts.get(cohort.pk, 0),
            cohort.name,
        )
        for cohort in cohorts
    }
