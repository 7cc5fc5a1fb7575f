"""The cohort's stretch-project report: one row per assignment, and rubric averages
per competency, in three queries whatever the size of the cohort."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from lms.core.people import display_name
from lms.models import Review, StretchAssignment

Status = StretchAssignment.Status
STATUS_ORDER = {status: rank for rank, status in enumerate(Status.values)}


@dataclass(frozen=True)
class ReviewSummary:
    """A review's outcome and the total and count of its criterion ratings."""

    outcome: str
    score_total: int
    rated: int

    @property
    def average(self):
        return self.score_total / self.rated if self.rated else None

    @property
    def outcome_label(self):
        return Review.Outcome(self.outcome).label


@dataclass
class ProjectRow:
    """One line of the report (and of its export)."""

    assignment: object
    latest_review: ReviewSummary | None
    today: object

    title = property(lambda self: self.assignment.title)
    start = property(lambda self: self.assignment.start_date)
    due = property(lambda self: self.assignment.due_date)
    status = property(lambda self: self.assignment.get_status_display())
    milestones_done = property(lambda self: self.assignment.milestones_done)
    milestones_total = property(lambda self: self.assignment.milestones_total)
    email = property(lambda self: self.assignment.learner.email)

    @property
    def learner(self):
        return display_name(self.assignment.learner)

    @property
    def mentor(self):
        return display_name(self.assignment.mentor) if self.assignment.mentor else ""

    @property
    def overdue(self):
        return self.assignment.is_overdue(self.today)

    @property
    def overdue_text(self):
        return "Yes" if self.overdue else "No"

    @property
    def milestones(self):
        return f"{self.milestones_done}/{self.milestones_total}"

    @property
    def review(self):
        return self.latest_review.outcome_label if self.latest_review else ""

    @property
    def review_score(self):
        """The mean rating (1-4) of the latest review, to one decimal place."""
        average = self.latest_review and self.latest_review.average
        return None if average is None else round(average, 1)


@dataclass(frozen=True)
class CompetencyAverage:
    competency: object
    average: float
    projects: int


@dataclass
class ProjectReport:
    rows: list
    competencies: list  # [CompetencyAverage], by competency name


def project_report(cohort, today=None):
    """Every assignment of the cohort with its progress and reviews: three queries."""
    today = today or timezone.localdate()
    assignments = list(
        StretchAssignment.objects.filter(cohort=cohort)
        .select_related("learner", "mentor")
        .annotate(
            milestones_total=Count("milestones"),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_at__isnull=False)
            ),
        )
        .order_by(
            "learner__last_name",
            "learner__first_name",
            "learner__username",
            "due_date",
            "pk",
        )
    )
    latest, approving = _latest_reviews(cohort)
    rows = [ProjectRow(a, latest.get(a.pk), today) for a in assignments]
    return ProjectReport(rows=rows, competencies=rubric_averages(cohort, approving))


def rubric_averages(cohort, approving):
    """For each competency the cohort's projects are tagged with: the mean of every
    criterion rating given in the latest approving review of each project tagged
    with it, and how many projects those ratings come from.

    Ratings are pooled, so a project with more criteria weighs more. Projects not
    yet approved (or approved without ratings) do not count; a competency none of
    whose projects counts is left out rather than shown as zero.
    `approving` maps assignment ids to their latest approving ReviewSummary.
    """
    tags = StretchAssignment.competencies.through.objects.filter(
        stretchassignment__cohort=cohort
    ).select_related("competency")
    totals = defaultdict(lambda: [0, 0, 0])  # competency -> [sum, ratings, projects]
    for tag in tags:
        review = approving.get(tag.stretchassignment_id)
        if review is None or not review.rated:
            continue
        total = totals[tag.competency]
        total[0] += review.score_total
        total[1] += review.rated
        total[2] += 1
    averages = [
        CompetencyAverage(competency, score / rated, projects)
        for competency, (score, rated, projects) in totals.items()
    ]
    return sorted(averages, key=lambda item: item.competency.name.casefold())


def _latest_reviews(cohort):
    """({assignment id: latest review}, {assignment id: latest approving review})."""
    reviews = (
        Review.objects.filter(assignment__cohort=cohort)
        .annotate(score_total=Sum("ratings__score"), rated=Count("ratings"))
        .order_by("created_at", "pk")
        .values_list("assignment_id", "outcome", "score_total", "rated")
    )
    latest, approving = {}, {}
    for assignment_id, outcome, score_total, rated in reviews:
        summary = ReviewSummary(outcome, score_total or 0, rated)
        latest[assignment_id] = summary
        if outcome == Review.Outcome.APPROVED:
            approving[assignment_id] = summary
    return latest, approving


SORT_KEYS = {"learner", "title", "mentor", "start", "due", "status", "review_score"}
