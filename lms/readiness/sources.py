"""Where a cohort's readiness evidence comes from: one query per source, for every
learner of the cohort at once, so a profile costs nothing more per learner.

Each reads a roll-up or a judgement, never a raw log: mastery and recall roll-ups,
rubric ratings of approved reviews, shared time-audit weeks, the newest ratings
(a window picks each group's newest row, so history never comes back), and
the latest completed self-assessment. `members` is the queryset of the
cohort's enrolments a reader may see.
"""

from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import RowNumber

from courses.models import Competency
from lms.core.expressions import InSubquery
from lms.models import (
    Assessment,
    AuditProfile,
    AuditWeek,
    CompetencyMastery,
    CompetencyRecall,
    CriterionRating,
    Placement,
    ReadinessRating,
    Review,
    TraitRating,
)
from lms.readiness.scores import SACRED_WEEKS
from lms.time_audit.categories import VERSIONS, week_start
from lms.time_audit.figures import streak

ENROLMENT_COLUMNS = (
    "pk",
    "user_id",
    "user__first_name",
    "user__last_name",
    "user__username",
    "team",
    "site",
    "mentor_id",
    "mentor__first_name",
    "mentor__last_name",
    "mentor__username",
    "modules_completed",
    "last_activity_at",
    "questions_answered",
    "questions_correct",
)
HOURS = [f"hours_{n}" for n in range(1, 6)]


class SharedWeek(NamedTuple):
    """What a sacred-time streak reads of a week (as AuditWeek.sacred_met)."""

    week_start: date
    sacred_met: bool


def full_name(first, last, username):
    return f"{first or ''} {last or ''}".strip() or username or ""


def enrolment_rows(members):
    """The enrolments' columns, by learner's name."""
    return members.order_by(
        "user__last_name", "user__first_name", "user__username"
    ).values_list(*ENROLMENT_COLUMNS)


def taught_competencies(programme):
    """The programme's competencies (tagged on its live modules), as a subquery."""
    return Competency.objects.filter(
        tagged_modules__content_object__path__startswith=programme.path,
        tagged_modules__content_object__live=True,
    ).values("pk")


def _of_learners(members, column="user_id"):
    return InSubquery(F(column), members.values("user_id"))


def _of_enrolments(members, column="enrolment_id"):
    return InSubquery(F(column), members.values("pk"))


def mastery(members, programme):
    """[(user, competency, name, answered, correct)] of first answers."""
    return CompetencyMastery.objects.filter(
        _of_learners(members),
        competency_id__in=taught_competencies(programme),
        answered__gt=0,
    ).values_list("user_id", "competency_id", "competency__name", "answered", "correct")


def recall(members, programme):
    """[(user, competency, name, cards, recall total)] of review cards."""
    return CompetencyRecall.objects.filter(
        _of_learners(members),
        competency_id__in=taught_competencies(programme),
        cards__gt=0,
    ).values_list(
        "user_id", "competency_id", "competency__name", "cards", "recall_total"
    )


MASTERY, RECALL = "mastery", "recall"
# A text label needs no converter per row, as a number would.
LABEL = CharField()


def mastery_and_recall(members, programme):
    """Both roll-ups in one query: rows of (MASTERY or RECALL, user, competency,
    name, answered or cards, correct or recall total)."""
    columns = ("source", "user_id", "competency_id", "competency__name")
    first = mastery(members, programme).annotate(source=Value(MASTERY, LABEL))
    then = recall(members, programme).annotate(source=Value(RECALL, LABEL))
    return first.values_list(*columns, "answered", "correct").union(
        then.values_list(*columns, "cards", "recall_total"), all=True
    )


def approved_ratings(members, cohort, *columns):
    """The criterion ratings of approved reviews of the cohort's projects, oldest
    review first: rows of (learner, assignment, review, score, *columns)."""
    return (
        CriterionRating.objects.filter(
            _of_learners(members, "review__assignment__learner_id"),
            review__assignment__cohort=cohort,
            review__outcome=Review.Outcome.APPROVED,
        )
        .order_by("review__created_at", "review_id", "pk")
        .values_list(
            "review__assignment__learner_id",
            "review__assignment_id",
            "review_id",
            "score",
            *columns,
        )
    )


def latest_approvals(rows):
    """{assignment: (learner, [row])}: each project's rows of its latest approving
    review only, for rows of `approved_ratings` (oldest review first)."""
    latest = {}  # assignment -> (learner, review, [rows])
    for row in rows:
        learner, assignment, review = row[:3]
        if assignment not in latest or latest[assignment][1] != review:
            latest[assignment] = (learner, review, [])
        latest[assignment][2].append(row)
    return {a: (learner, found) for a, (learner, _r, found) in latest.items()}


def rubric_means(members, cohort):
    """{user: mean criterion score} of approved projects in the cohort, each
    project through its latest approving review's ratings."""
    pooled = {}
    for learner, found in latest_approvals(approved_ratings(members, cohort)).values():
        pooled.setdefault(learner, []).extend(row[3] for row in found)
    return {learner: sum(s) / len(s) for learner, s in pooled.items()}


def sacred_streaks(members, today):
    """{user: sacred-time streak} over the weeks shared with their mentor.

    Only the weeks that can make up a full-marks streak are read, and only
    learners with a mentor and a shared week with a goal among them appear."""
    monday = week_start(today)
    always = AuditProfile.objects.filter(user_id=OuterRef("user_id"), share_always=True)
    weeks = (
        AuditWeek.objects.filter(
            _of_learners(members.filter(mentor__isnull=False)),
            week_start__gte=monday - timedelta(weeks=SACRED_WEEKS),
            week_start__lte=monday,
            sacred_goal__gt=0,
        )
        .filter(Q(shared=True) | Q(Exists(always)))
        .values_list("user_id", "week_start", "version", "sacred_goal", *HOURS)
    )
    # Plain rows, not model instances: building 2,000 learners' weeks as
    # AuditWeek objects cost several times the query.
    by_learner = {}
    for user, monday, version, goal, *hours in weeks:
        met = (
            goal > 0
            and hours[VERSIONS[version].slot(VERSIONS[version].sacred) - 1] >= goal
        )
        by_learner.setdefault(user, []).append(SharedWeek(monday, met))
    return {user: streak(found, today) for user, found in by_learner.items()}


def newest(queryset, *groups):
    """The newest row of each group of `groups` columns, by a window in SQL."""
    return queryset.annotate(
        nth=Window(
            RowNumber(),
            partition_by=[F(name) for name in groups],
            order_by=[F("created_at").desc(), F("pk").desc()],
        )
    ).filter(nth=1)


def trait_levels(members):
    """[(enrolment, role, trait, level)]: each role's newest rating of each trait."""
    ratings = TraitRating.objects.filter(_of_enrolments(members))
    return newest(ratings, "enrolment_id", "trait", "rater_role").values_list(
        "enrolment_id", "rater_role", "trait", "level"
    )


def verdicts(members):
    """{enrolment: the newest verdict}, whoever gave it."""
    ratings = ReadinessRating.objects.filter(_of_enrolments(members))
    return dict(newest(ratings, "enrolment_id").values_list("enrolment_id", "verdict"))


def moves_in_force(members):
    """{enrolment: Placement} of the newest moves that are not clearings."""
    # Clearings are dropped after the window, not before it: a clearing newer
    # than a move must hide it.
    moves = newest(Placement.objects.filter(_of_enrolments(members)), "enrolment_id")
    return {move.enrolment_id: move for move in moves if not move.cleared}


def self_assessments(members):
    """{enrolment: (desire to lead, {competency: self level})} of the latest
    completed round: one row per rating, joined to its round."""
    latest = (
        Assessment.objects.filter(
            enrolment_id=OuterRef("enrolment_id"), completed_at__isnull=False
        )
        .order_by("-round")
        .values("pk")[:1]
    )
    rows = Assessment.objects.filter(
        _of_enrolments(members), pk=Subquery(latest)
    ).values_list(
        "enrolment_id", "desire_to_lead", "ratings__competency_id", "ratings__level"
    )
    found = {}
    for enrolment, desire, competency, level in rows:
        _desire, levels = found.setdefault(enrolment, (desire, {}))
        if competency is not None:
            levels[competency] = level
    return found
