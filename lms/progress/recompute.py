"""Rebuild a learner's roll-ups from their stored events, as if applied afresh.

Used when the rule for counting changes (the first answer to a question now
counts, where the latest used to): the roll-ups are deleted and every applied
event is applied again, in one transaction per batch of learners, by the
same `Rollup` the worker uses. Running it twice gives the same figures.
Journal entries are kept (a learner may have edited them): each is tied to
its event, so applying that event again adds nothing. Review cards replay
their own log and are left alone; no `events_applied` is sent.
"""

from django.db import transaction

from lms.models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
    QuestionResponse,
)
from lms.progress.changes import Rollup

PER_USER = (ModuleProgress, QuestionResponse, CompetencyMastery, LearningDay)


def learners_with_events():
    """Ids of every learner with an applied event, in a fixed order."""
    return list(
        ProgressEvent.objects.filter(applied_at__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


@transaction.atomic
def recompute(user_ids):
    """Rebuild these learners' roll-ups; the number of events applied again."""
    for model in PER_USER:
        model.objects.filter(user_id__in=user_ids).delete()
    CourseProgress.objects.filter(enrolment__user_id__in=user_ids).delete()
    Enrolment.objects.filter(user_id__in=user_ids).update(
        modules_completed=0,
        questions_answered=0,
        questions_correct=0,
        last_activity_at=None,
    )
    events = list(
        ProgressEvent.objects.filter(user_id__in=user_ids, applied_at__isnull=False)
        .select_for_update()
        .order_by("occurred_at", "id")
    )
    if events:
        Rollup(events).apply()
    return len(events)
