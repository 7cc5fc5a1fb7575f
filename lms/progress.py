"""Apply stored progress events to the roll-ups, exactly once.

`apply_events` takes event ids, locks the events that are not applied yet
(skipping any another worker holds), updates module progress, question
responses, competency mastery, course and programme progress, learning days
and the journal, and marks the events applied, all in one transaction. An
event applied twice changes nothing; a batch is handled in a fixed number
of queries per learner and module, so one worker keeps up with many learners.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from courses.models import CoursePage, ModulePage, TaggedCompetency

from .models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    JournalEntry,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
    QuestionResponse,
)

Kind = ProgressEvent.Kind
PROGRESS_FIELDS = [
    "status",
    "attempts",
    "questions_answered",
    "questions_correct",
    "best_score",
    "time_spent_seconds",
    "first_activity_at",
    "last_activity_at",
    "completed_at",
]


def apply_events(event_ids, drain=0):
    """Apply the given events that are still unapplied; return how many were applied.

    With `drain`, up to that many other waiting events (oldest first) are applied
    in the same transaction: under load one task then does the work of many,
    and the tasks that follow find their events done and return at once.
    """
    with transaction.atomic():
        ids = list(event_ids)
        if drain:
            ids += list(
                ProgressEvent.objects.filter(applied_at__isnull=True)
                .order_by("received_at")
                .values_list("id", flat=True)[:drain]
            )
        events = list(
            ProgressEvent.objects.select_for_update(skip_locked=True)
            .filter(id__in=ids, applied_at__isnull=True)
            .order_by("occurred_at", "id")
        )
        if not events:
            return 0
        _Rollup(events).apply()
        ProgressEvent.objects.filter(id__in=[e.id for e in events]).update(
            applied_at=timezone.now()
        )
    return len(events)


def unapplied_event_ids(older_than=timedelta(seconds=30), limit=1000):
    """Ids of events still waiting to be applied: the sweeper re-enqueues these."""
    cutoff = timezone.now() - older_than
    return [
        str(pk)
        for pk in ProgressEvent.objects.filter(
            applied_at__isnull=True, received_at__lte=cutoff
        )
        .order_by("received_at")
        .values_list("id", flat=True)[:limit]
    ]


class _Rollup:
    """Works out every change a batch of events makes, then writes each table once."""

    def __init__(self, events):
        self.events = events
        self.mastery = Counter()  # (user, competency, "answered"|"correct") -> delta
        self.completions = Counter()  # (enrolment, module) -> 1
        self.days = defaultdict(Counter)  # (user, day) -> seconds, events
        self.last_activity = {}  # enrolment -> latest occurred_at
        self.answers = Counter()  # (enrolment, "answered"|"correct") -> delta
        self.new_responses = {}
        self.late = set()  # (user, module) pairs that got an older event late

    def apply(self):
        self.progress = _lock_progress({(e.user_id, e.module_id) for e in self.events})
        self.responses = _responses(self.events)
        self.competencies = _competencies({e.module_id for e in self.events})
        for event in self.events:
            self._apply_one(event)
        # A replay covers every answer applied so far, so its figure replaces
        # whatever the out-of-order increments produced.
        for pair in self.late:
            best = _best_score_in_time_order(*pair, [e.id for e in self.events])
            self.progress[pair].best_score = best
        ModuleProgress.objects.bulk_update(self.progress.values(), PROGRESS_FIELDS)
        self._write_responses()
        self._write_mastery()
        self._write_completions()
        self._write_days()
        self._write_activity()
        self._write_journal()

    def _apply_one(self, event):
        progress = self.progress[(event.user_id, event.module_id)]
        progress.time_spent_seconds += event.seconds
        when = event.occurred_at
        if progress.last_activity_at and when < progress.last_activity_at:
            # Older than something already counted: the best score must be replayed.
            self.late.add((event.user_id, event.module_id))
        progress.first_activity_at = min(
            filter(None, [progress.first_activity_at, when])
        )
        progress.last_activity_at = max(filter(None, [progress.last_activity_at, when]))
        if event.kind == Kind.STARTED:
            progress.attempts += 1
        elif event.kind == Kind.ANSWERED:
            self._answer(event, progress)
        elif event.kind == Kind.COMPLETED:
            self._complete(event, progress)
        day = self.days[(event.user_id, timezone.localdate(when))]
        day["seconds"] += event.seconds
        day["events"] += 1
        latest = self.last_activity.get(event.enrolment_id)
        self.last_activity[event.enrolment_id] = max(filter(None, [latest, when]))

    def _complete(self, event, progress):
        """Count a module once; keep the earliest completion time whatever the order."""
        if progress.status == ModuleProgress.Status.COMPLETED:
            progress.completed_at = min(progress.completed_at, event.occurred_at)
            return
        progress.status = ModuleProgress.Status.COMPLETED
        progress.completed_at = event.occurred_at
        self.completions[(event.enrolment_id, event.module_id)] += 1

    def _answer(self, event, progress):
        correct = bool(event.result.get("correct"))
        key = (event.user_id, event.block_id)
        response = self.responses.get(key)
        if response is None:
            response = QuestionResponse(
                user_id=event.user_id,
                module_id=event.module_id,
                question_id=event.block_id,
                answered_at=event.occurred_at,
                correct=False,
            )
            self.responses[key] = self.new_responses[key] = response
            answered_delta, previous = 1, False
        elif event.occurred_at >= response.answered_at:
            answered_delta, previous = 0, response.correct
        else:  # an older answer arriving late: an attempt, and maybe a better past score
            response.attempts += 1
            return
        response.attempts += 1
        response.chosen = event.payload.get("chosen", [])
        response.correct = correct
        response.answered_at = event.occurred_at
        correct_delta = int(correct) - int(previous)
        progress.questions_answered += answered_delta
        progress.questions_correct += correct_delta
        self.answers[(event.enrolment_id, "answered")] += answered_delta
        self.answers[(event.enrolment_id, "correct")] += correct_delta
        total = max(1, event.result.get("question_count") or 1)
        progress.best_score = max(
            progress.best_score, progress.questions_correct / total
        )
        for competency in self.competencies.get(event.module_id, ()):
            self.mastery[(event.user_id, competency, "answered")] += answered_delta
            self.mastery[(event.user_id, competency, "correct")] += correct_delta

    def _write_responses(self):
        QuestionResponse.objects.bulk_create(self.new_responses.values())
        existing = [r for k, r in self.responses.items() if k not in self.new_responses]
        QuestionResponse.objects.bulk_update(
            existing, ["chosen", "correct", "attempts", "answered_at"]
        )

    def _write_mastery(self):
        pairs = {(user, competency) for user, competency, _field in self.mastery}
        CompetencyMastery.objects.bulk_create(
            [CompetencyMastery(user_id=u, competency_id=c) for u, c in pairs],
            ignore_conflicts=True,
        )
        for user, competency in sorted(pairs):
            answered = self.mastery[(user, competency, "answered")]
            correct = self.mastery[(user, competency, "correct")]
            if answered or correct:
                CompetencyMastery.objects.filter(
                    user_id=user, competency_id=competency
                ).update(
                    answered=F("answered") + answered, correct=F("correct") + correct
                )

    def _write_completions(self):
        if not self.completions:
            return
        courses = _courses_of({module for _enrolment, module in self.completions})
        per_course = Counter()
        per_enrolment = Counter()
        for (enrolment, module), count in self.completions.items():
            per_course[(enrolment, courses[module])] += count
            per_enrolment[enrolment] += count
        CourseProgress.objects.bulk_create(
            [CourseProgress(enrolment_id=e, course_id=c) for e, c in per_course],
            ignore_conflicts=True,
        )
        for (enrolment, course), count in sorted(per_course.items()):
            CourseProgress.objects.filter(
                enrolment_id=enrolment, course_id=course
            ).update(modules_completed=F("modules_completed") + count)
        for enrolment, count in sorted(per_enrolment.items()):
            Enrolment.objects.filter(pk=enrolment).update(
                modules_completed=F("modules_completed") + count
            )

    def _write_days(self):
        LearningDay.objects.bulk_create(
            [LearningDay(user_id=u, day=d) for u, d in self.days], ignore_conflicts=True
        )
        for (user, day), counts in sorted(self.days.items()):
            LearningDay.objects.filter(user_id=user, day=day).update(
                seconds=F("seconds") + counts["seconds"],
                events=F("events") + counts["events"],
            )

    def _write_activity(self):
        for enrolment in sorted({e for e, _field in self.answers}):
            answered = self.answers[(enrolment, "answered")]
            correct = self.answers[(enrolment, "correct")]
            if answered or correct:
                Enrolment.objects.filter(pk=enrolment).update(
                    questions_answered=F("questions_answered") + answered,
                    questions_correct=F("questions_correct") + correct,
                )
        for enrolment, when in sorted(self.last_activity.items()):
            Enrolment.objects.filter(
                Q(last_activity_at__lt=when) | Q(last_activity_at__isnull=True),
                pk=enrolment,
            ).update(last_activity_at=when)

    def _write_journal(self):
        entries = [
            JournalEntry(
                user_id=event.user_id,
                module_id=event.module_id,
                source_event=event,
                prompt=event.result.get("prompt", ""),
                text=event.payload.get("text", ""),
                created_at=event.occurred_at,
            )
            for event in self.events
            if event.kind == Kind.REFLECTED
        ]
        JournalEntry.objects.bulk_create(entries, ignore_conflicts=True)


def _best_score_in_time_order(user_id, module_id, batch_ids):
    """Replay a learner's answers on a module in time order; the best score reached.

    Only needed when answers arrive out of order, which is rare, so one query here
    keeps best_score independent of the order events happen to be applied in.
    """
    answers = (
        ProgressEvent.objects.filter(
            user_id=user_id, module_id=module_id, kind=Kind.ANSWERED
        )
        .filter(Q(applied_at__isnull=False) | Q(id__in=batch_ids))
        .order_by("occurred_at")
        .values_list("block_id", "result")
    )
    latest, best = {}, 0.0
    for question_id, result in answers:
        latest[question_id] = bool(result.get("correct"))
        total = max(1, result.get("question_count") or 1)
        best = max(best, sum(latest.values()) / total)
    return best


def _lock_progress(pairs):
    """Get or create the progress rows of these (user, module) pairs, locked, in a fixed order."""
    ModuleProgress.objects.bulk_create(
        [ModuleProgress(user_id=u, module_id=m) for u, m in pairs],
        ignore_conflicts=True,
    )
    rows = (
        ModuleProgress.objects.select_for_update()
        .filter(
            user_id__in={u for u, _m in pairs}, module_id__in={m for _u, m in pairs}
        )
        .order_by("user_id", "module_id")
    )
    return {
        (r.user_id, r.module_id): r for r in rows if (r.user_id, r.module_id) in pairs
    }


def _responses(events):
    answered = [e for e in events if e.kind == Kind.ANSWERED]
    if not answered:
        return {}
    rows = QuestionResponse.objects.filter(
        user_id__in={e.user_id for e in answered},
        question_id__in={e.block_id for e in answered},
    )
    return {(r.user_id, r.question_id): r for r in rows}


def _competencies(module_ids):
    links = TaggedCompetency.objects.filter(
        content_object_id__in=module_ids
    ).values_list("content_object_id", "tag_id")
    found = defaultdict(list)
    for module, competency in links:
        found[module].append(competency)
    return found


def _courses_of(module_ids):
    """The course page id of each module, from the tree path."""
    paths = dict(ModulePage.objects.filter(pk__in=module_ids).values_list("pk", "path"))
    steplen = ModulePage.steplen
    parents = {module: path[:-steplen] for module, path in paths.items()}
    courses = dict(
        CoursePage.objects.filter(path__in=parents.values()).values_list("path", "pk")
    )
    return {module: courses[parent] for module, parent in parents.items()}
