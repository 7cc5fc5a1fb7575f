"""What a cohort's manager sees of spaced review: recall on the heat-map, recall
per competency on a learner's page, and the week's review participation.

All from roll-ups (CompetencyRecall, ReviewDay), and the cohort-wide figures
join the dashboard's one query of sums: no manager's page reads cards or their
logs, so a cohort of thousands costs what a small one does.
"""

from datetime import timedelta

from django.db.models import Count, F, Min, Sum, Value
from django.utils import timezone

from lms.cohorts.dashboard import shaped, timestamp
from lms.cohorts.heat_layers import HeatLayer
from lms.cohorts.panels import CohortPanel
from lms.cohorts.statuses import ACTIVE_WITHIN
from lms.core.expressions import InSubquery, UtcText
from lms.models import CompetencyRecall, ReviewDay

RECALL, WEEK = "recall", "review_week"


def week_start(now):
    """The first of the last seven days, as the dashboard's "this week" counts."""
    return timezone.localdate(now) - (ACTIVE_WITHIN - timedelta(days=1))


def cohort_sums(cohort, enrolments, now):
    """The dashboard's sums of review roll-ups: recall per competency over the
    cohort's cards, with its oldest time, and the last seven days' reviews."""
    learners = InSubquery(F("user_id"), enrolments.values("user_id"))
    recall = shaped(
        CompetencyRecall.objects.filter(learners, cards__gt=0),
        "competency_id",
        RECALL,
        Sum("cards"),
        correct=Sum("recall_total"),
        learners=Count("id"),
        name=UtcText(Min("as_of")),
    )
    week = shaped(
        # Grouped by a constant: one row for the whole cohort.
        ReviewDay.objects.filter(learners, day__gte=week_start(now)).annotate(
            all=Value(0)
        ),
        "all",
        WEEK,
        Sum("answers"),
        correct=Sum("correct"),
        learners=Count("user_id", distinct=True),
    )
    return recall.union(week, all=True)


def recall_cells(cohort, user_ids):
    """Predicted recall per learner and competency, for the learners on one page."""
    rows = CompetencyRecall.objects.filter(user_id__in=user_ids, cards__gt=0)
    return {
        (user, competency): total / cards
        for user, competency, cards, total in rows.values_list(
            "user_id", "competency_id", "cards", "recall_total"
        )
    }


def recall_averages(cohort, dashboard):
    """The cohort's recall per competency (over all its learners' cards) and the
    time of the oldest figure in it, from the dashboard's sums."""
    rows = dashboard.sums.get(RECALL, [])
    shares = {row.key: row.correct / row.total for row in rows}
    times = [timestamp(row.name) for row in rows]
    return shares, min(times, default=None)


RECALL_LAYER = HeatLayer(
    "recall",
    "Predicted recall today",
    recall_cells,
    recall_averages,
    help_text="The chance, by the spaced-review model, that each learner answers "
    "a competency's questions right today: the average over their review cards.",
    order=10,
)


def participation(dashboard):
    """Who reviewed in the last seven days, and how the answers went."""
    if not dashboard.learners:
        return None
    [week] = dashboard.sums.get(WEEK) or [None]
    reviewers = week.learners if week else 0
    answers = int(week.total or 0) if week else 0
    return {
        "since": week_start(dashboard.as_of),
        "learners": dashboard.learners,
        "reviewers": reviewers,
        "percent": round(100 * reviewers / dashboard.learners),
        "answers": answers,
        "percent_right": round(100 * week.correct / answers) if answers else None,
    }


def learner_recall(enrolment):
    """Each competency's recall and cards due for one learner, weakest first."""
    rows = sorted(
        CompetencyRecall.objects.filter(user_id=enrolment.user_id, cards__gt=0)
        .select_related("competency")
        .only("cards", "recall_total", "due", "overdue", "as_of", "competency__name"),
        key=lambda row: (row.recall, row.competency.name),
    )
    return {
        "rows": rows,
        "as_of": min((row.as_of for row in rows), default=None),
    }


PARTICIPATION_PANEL = CohortPanel(
    "review", "lms/review/admin/participation.html", participation, order=10
)
RECALL_PANEL = CohortPanel(
    "recall", "lms/review/admin/learner_recall.html", learner_recall, order=10
)
