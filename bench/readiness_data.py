"""Readiness data for bench.readiness, on top of the cohort benchmark's database
(bench/cohort_data.py): every kind of evidence and judgement for the learners
of one 2,000-learner cohort, from a fixed seed.

Each learner gets a "promise" (0-1) that their ratings follow, so the grid is a
mix. Of the cohort's learners:

* 85% rated on the four pipeline traits by their mentor and 70% by the
  manager, each in one to three rounds (history the page never reads back);
* 60% given one or two readiness verdicts, by mentor or manager;
* 4% moved on the grid by the manager, a quarter of those moves cleared again;
* 50% with a stretch project whose latest review approved it against three
  rubric criteria, a fifth of them after a first review asking for changes;
* 70% with a completed self-assessment (desire to lead, every competency of
  the programme rated 1-4);
* 30% with four weeks of the time audit shared with their mentor;
* nightly ReadinessSnapshot rows for SNAPSHOT_DAYS nights (a box that drifts,
  "ready now" growing over time), loaded with COPY.

Rows go in with bulk_create (snapshots with COPY), then ANALYZE. The cohort's
mentors join the Mentors group, so the mentor's page can be measured.
"""

import random
import time
from datetime import timedelta
from decimal import Decimal

SEED = 20261204
SNAPSHOT_DAYS = 84
BATCH = 5_000
COMMENT = "Seen on the floor this month: handled it well and told the team why."
MET, MISSED = (6, 8, 16, 2, 8), (1, 8, 16, 2, 8)  # hours_1 is developing staff


def build(conninfo, cohort, now):
    """Add everything to `cohort`; returns ({table: rows}, seconds)."""
    from django.contrib.auth.models import Group

    from lms.models import Enrolment
    from lms.roles import MENTORS

    started = time.perf_counter()
    rnd = random.Random(SEED)
    members = list(
        Enrolment.objects.filter(cohort=cohort).values_list(
            "pk", "user_id", "mentor_id"
        )
    )
    promise = {pk: rnd.random() for pk, _user, _mentor in members}
    manager_id = cohort.managers.values_list("pk", flat=True).first()
    Group.objects.get(name=MENTORS).user_set.add(*cohort.mentors.all())
    counts = {}
    counts.update(_judgements(members, promise, manager_id, rnd))
    counts.update(_projects(cohort, members, promise, manager_id, now, rnd))
    counts.update(_self_assessments(cohort, members, promise, now, rnd))
    counts.update(_audits(members, now, rnd))
    counts["readiness snapshots"] = _snapshots(
        conninfo, cohort, members, promise, now, rnd
    )
    _analyze()
    return counts, time.perf_counter() - started


def _level(promise, rnd):
    return max(1, min(4, round(1 + 3 * promise + rnd.gauss(0, 0.6))))


def _judgements(members, promise, manager_id, rnd):
    from lms.assessment.traits import TRAITS
    from lms.models import Placement, ReadinessRating, TraitRating

    traits, verdicts, moves = [], [], []
    for pk, _user, mentor_id in members:
        p = promise[pk]
        for role, rater, share in (
            ("mentor", mentor_id, 0.85),
            ("manager", manager_id, 0.7),
        ):
            if rnd.random() < share:
                for _round in range(rnd.randint(1, 3)):
                    traits += [
                        TraitRating(
                            enrolment_id=pk,
                            rater_id=rater,
                            rater_role=role,
                            trait=trait.slug,
                            level=_level(p, rnd),
                            comment=COMMENT,
                        )
                        for trait in TRAITS
                    ]
        if rnd.random() < 0.6:
            for _n in range(rnd.randint(1, 2)):
                verdict = _verdict(p + rnd.gauss(0, 0.1))
                role, rater = rnd.choice(
                    [("mentor", mentor_id), ("manager", manager_id)]
                )
                verdicts.append(
                    ReadinessRating(
                        enrolment_id=pk,
                        rater_id=rater,
                        rater_role=role,
                        verdict=verdict,
                        comment=COMMENT,
                    )
                )
        if rnd.random() < 0.04:
            moves.append(_move(pk, manager_id, rnd))
            if rnd.random() < 0.25:
                moves.append(
                    Placement(
                        enrolment_id=pk,
                        cleared=True,
                        reason="Back to the evidence.",
                        moved_by_id=manager_id,
                    )
                )
    TraitRating.objects.bulk_create(traits, batch_size=BATCH)
    ReadinessRating.objects.bulk_create(verdicts, batch_size=BATCH)
    Placement.objects.bulk_create(moves, batch_size=BATCH)
    return {
        "trait ratings": len(traits),
        "readiness verdicts": len(verdicts),
        "moves and clearings": len(moves),
    }


def _verdict(promise):
    if promise > 0.8:
        return "ready_now"
    return "ready_6_12" if promise > 0.5 else "not_yet"


def _move(pk, manager_id, rnd):
    from lms.models import Placement

    return Placement(
        enrolment_id=pk,
        performance=rnd.randint(1, 3),
        potential=rnd.randint(1, 3),
        reason="Calibrated at the talent review.",
        moved_by_id=manager_id,
    )


def _projects(cohort, members, promise, manager_id, now, rnd):
    from lms.models import AssignmentCriterion, CriterionRating, Review
    from lms.models import StretchAssignment as Project

    chosen = [(pk, user, mentor) for pk, user, mentor in members if rnd.random() < 0.5]
    today = now.date()
    projects = Project.objects.bulk_create(
        [
            Project(
                learner_id=user,
                cohort=cohort,
                mentor_id=mentor,
                title="Run the quarterly huddle",
                purpose="Present the team's figures.",
                start_date=today - timedelta(weeks=6),
                due_date=today - timedelta(weeks=1),
                status=Project.Status.REVIEWED,
                assigned_by_id=manager_id,
            )
            for _pk, user, mentor in chosen
        ],
        batch_size=BATCH,
    )
    criteria = AssignmentCriterion.objects.bulk_create(
        [
            AssignmentCriterion(assignment=project, criterion=name, sort_order=n)
            for project in projects
            for n, name in enumerate(("Preparation", "Clarity", "Follow-up"))
        ],
        batch_size=BATCH,
    )
    by_project = {}
    for criterion in criteria:
        by_project.setdefault(criterion.assignment_id, []).append(criterion)
    reviews, plans = [], []
    for project, (pk, _user, mentor) in zip(projects, chosen, strict=True):
        outcomes = ["approved"]
        if rnd.random() < 0.2:
            outcomes.insert(0, "changes")
        for outcome in outcomes:
            reviews.append(
                Review(assignment=project, mentor_id=mentor, outcome=outcome)
            )
            plans.append((project.pk, promise[pk], outcome))
    reviews = Review.objects.bulk_create(reviews, batch_size=BATCH)
    ratings = [
        CriterionRating(
            review=review,
            criterion=criterion,
            score=_level(p - (0.2 if outcome == "changes" else 0), rnd),
        )
        for review, (project_pk, p, outcome) in zip(reviews, plans, strict=True)
        for criterion in by_project[project_pk]
    ]
    CriterionRating.objects.bulk_create(ratings, batch_size=BATCH)
    return {
        "stretch projects": len(projects),
        "reviews": len(reviews),
        "criterion ratings": len(ratings),
    }


def _self_assessments(cohort, members, promise, now, rnd):
    from courses.models import Competency
    from lms.models import Assessment, SelfRating
    from lms.readiness.sources import taught_competencies

    competencies = list(
        Competency.objects.filter(pk__in=taught_competencies(cohort.programme))
        .distinct()
        .values_list("pk", flat=True)
    )
    chosen = [(pk, user) for pk, user, _mentor in members if rnd.random() < 0.7]
    rounds = Assessment.objects.bulk_create(
        [
            Assessment(
                enrolment_id=pk,
                user_id=user,
                round=1,
                completed_at=now - timedelta(weeks=3),
                desire_to_lead=_level(promise[pk], rnd),
                desire_reason="To grow the people around me.",
            )
            for pk, user in chosen
        ],
        batch_size=BATCH,
    )
    ratings = [
        SelfRating(
            assessment=assessment, competency_id=competency, level=rnd.randint(1, 4)
        )
        for assessment in rounds
        for competency in competencies
    ]
    SelfRating.objects.bulk_create(ratings, batch_size=BATCH)
    return {"self-assessments": len(rounds), "self-ratings": len(ratings)}


def _audits(members, now, rnd):
    from lms.models import AuditProfile, AuditWeek
    from lms.time_audit.categories import LEADER, week_start

    chosen = [user for _pk, user, _mentor in members if rnd.random() < 0.3]
    AuditProfile.objects.bulk_create(
        [AuditProfile(user_id=user, sacred_goal=Decimal(4)) for user in chosen],
        batch_size=BATCH,
    )
    monday = week_start(now.date())
    weeks = []
    for user in chosen:
        for back in range(4):
            hours = MET if rnd.random() < 0.7 else MISSED
            weeks.append(
                AuditWeek(
                    user_id=user,
                    week_start=monday - timedelta(weeks=back),
                    version=LEADER,
                    **{f"hours_{n}": Decimal(h) for n, h in enumerate(hours, 1)},
                    in_work=Decimal(20),
                    leading=Decimal(10),
                    contracted_hours=40,
                    sacred_goal=Decimal(4),
                    shared=True,
                )
            )
    AuditWeek.objects.bulk_create(weeks, batch_size=BATCH)
    return {"time-audit weeks (shared)": len(weeks)}


def _snapshots(conninfo, cohort, members, promise, now, rnd):
    """SNAPSHOT_DAYS nights per learner, oldest first: boxes drift a step now and
    then, and a promising learner turns "ready now" at some night."""
    from bench.cohort_data import _Copy
    from lms.models import ReadinessSnapshot

    columns = [
        "enrolment",
        "cohort",
        "taken_on",
        "performance_score",
        "potential_score",
        "performance",
        "potential",
        "verdict",
        "placed_by",
    ]
    rows = _Copy(conninfo, ReadinessSnapshot, columns)
    today = now.date()
    for pk, _user, _mentor in members:
        p = promise[pk]
        box = [rnd.randint(1, 3), max(1, min(3, round(1 + 2 * p)))]
        ready_from = rnd.randint(0, SNAPSHOT_DAYS) if p > 0.8 else SNAPSHOT_DAYS + 1
        for night in range(SNAPSHOT_DAYS, 0, -1):
            if rnd.random() < 0.02:
                axis = rnd.randint(0, 1)
                box[axis] = max(1, min(3, box[axis] + rnd.choice((-1, 1))))
            day = SNAPSHOT_DAYS - night
            verdict = "ready_now" if day >= ready_from else ""
            rows.add(
                pk,
                cohort.pk,
                (today - timedelta(days=night)).isoformat(),
                round(30 + 60 * p, 1),
                round(25 + 70 * p, 1),
                box[0],
                box[1],
                verdict,
                "evidence",
            )
    return rows.close()


def _analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
