"""What a batch of progress events changes in the roll-ups, written table by table.

`Rollup(events).apply()` runs inside the transaction lms.progress.rollup
opens: it locks the progress rows it changes, works out every change the
batch makes, then writes each table once.
"""

from collections import Counter, defaultdict

from django.db.models import Q
from django.utils import timezone

from courses.models import CoursePage, ModulePage, TaggedCompetency
from lms.core.sql import (
    add_rows,
    lock_rows,
    new_rows,
    update_rows,
)
from lms.models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    JournalEntry,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
    QuestionResponse,
)
from lms.progress import block_state

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


class Rollup:
    """Works out every change a batch of events makes, then writes each table once."""

    def __init__(self, events):
        self.events = events
        self.mastery = Counter()  # (user, competency, "answered"|"correct") -> delta
        self.completions = Counter()  # (enrolment, module) -> 1
        self.days = defaultdict(Counter)  # (user, day) -> seconds, events
        self.last_activity = {}  # enrolment -> latest occurred_at
        self.answers = Counter()  # (enrolment, "answered"|"correct") -> delta
        self.answered = set()  # (user, question) keys whose response changed
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
        self._write_progress()
        self._write_responses()
        block_state.write(self.events, self.progress, self.responses)
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
        elif event.kind == Kind.WORKBOOK_TASK:
            self._practised(event)
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

    def _practised(self, event):
        """A checked workbook task is evidence for the module's competencies,
        not a question of its score; it is stored once per learner and task."""
        correct = int(bool(event.result.get("correct")))
        for competency in self.competencies.get(event.module_id, ()):
            self.mastery[(event.user_id, competency, "answered")] += 1
            self.mastery[(event.user_id, competency, "correct")] += correct

    def _answer(self, event, progress):
        """Count the learner's first answer to a question; a later one is practice.

        Answers may arrive in any order: an older one arriving late becomes the
        first, and the counts move by the difference.
        """
        correct = bool(event.result.get("correct"))
        key, when = (event.user_id, event.block_id), event.occurred_at
        response = self.responses.get(key)
        self.answered.add(key)
        if response is None:
            response = self.responses[key] = QuestionResponse(
                user_id=event.user_id,
                module_id=event.module_id,
                question_id=event.block_id,
                answered_at=when,
            )
            answered_delta, correct_delta = 1, int(correct)
        elif when < response.answered_at:
            answered_delta, correct_delta = 0, int(correct) - int(response.correct)
        else:
            answered_delta = correct_delta = 0
        if answered_delta or when < response.answered_at:
            response.chosen = event.payload.get("chosen", [])
            response.correct, response.answered_at = correct, when
        response.attempts += 1
        if response.latest_answered_at is None or when >= response.latest_answered_at:
            response.latest_correct, response.latest_answered_at = correct, when
        self._count_answer(event, progress, answered_delta, correct_delta)

    def _count_answer(self, event, progress, answered_delta, correct_delta):
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

    def _write_progress(self):
        rows = [
            {"id": row.pk, **{name: getattr(row, name) for name in PROGRESS_FIELDS}}
            for _pair, row in sorted(self.progress.items())
        ]
        update_rows(ModuleProgress, rows, set=PROGRESS_FIELDS)

    def _write_responses(self):
        """New responses and changed ones, in one upsert: their rows are ours while
        the progress rows of their modules are locked."""
        QuestionResponse.objects.bulk_create(
            [self.responses[pair] for pair in sorted(self.answered)],
            update_conflicts=True,
            unique_fields=["user", "question_id"],
            update_fields=[
                "chosen",
                "correct",
                "attempts",
                "answered_at",
                "latest_correct",
                "latest_answered_at",
            ],
        )

    def _write_mastery(self):
        pairs = sorted(
            {(user, competency) for user, competency, _field in self.mastery}
        )
        rows = [
            {
                "user_id": user,
                "competency_id": competency,
                "answered": self.mastery[(user, competency, "answered")],
                "correct": self.mastery[(user, competency, "correct")],
            }
            for user, competency in pairs
        ]
        add_rows(CompetencyMastery, rows, ["user_id", "competency_id"])

    def _write_completions(self):
        if not self.completions:
            return
        courses = _courses_of({module for _enrolment, module in self.completions})
        per_course = Counter()
        for (enrolment, module), count in self.completions.items():
            per_course[(enrolment, courses[module])] += count
        rows = [
            {"enrolment_id": enrolment, "course_id": course, "modules_completed": count}
            for (enrolment, course), count in sorted(per_course.items())
        ]
        add_rows(CourseProgress, rows, ["enrolment_id", "course_id"])

    def _write_days(self):
        rows = [
            {"user_id": user, "day": day, **counts}
            for (user, day), counts in sorted(self.days.items())
        ]
        add_rows(LearningDay, rows, ["user_id", "day"])

    def _write_activity(self):
        """Each enrolment's completions, answers and latest activity, in one statement."""
        completed = Counter()
        for (enrolment, _module), count in self.completions.items():
            completed[enrolment] += count
        rows = [
            {
                "id": enrolment,
                "modules_completed": completed[enrolment],
                "questions_answered": self.answers[(enrolment, "answered")],
                "questions_correct": self.answers[(enrolment, "correct")],
                "last_activity_at": when,
            }
            for enrolment, when in sorted(self.last_activity.items())
        ]
        update_rows(
            Enrolment,
            rows,
            add=["modules_completed", "questions_answered", "questions_correct"],
            later=["last_activity_at"],
        )

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
        if entries:
            JournalEntry.objects.bulk_create(entries, ignore_conflicts=True)


def _best_score_in_time_order(user_id, module_id, batch_ids):
    """Replay a learner's answers on a module in time order; the best score reached.

    Only the first answer to each question counts. Only needed when answers
    arrive out of order, which is rare, so one query here keeps best_score
    independent of the order events happen to be applied in.
    """
    answers = (
        ProgressEvent.objects.filter(
            user_id=user_id, module_id=module_id, kind=Kind.ANSWERED
        )
        .filter(Q(applied_at__isnull=False) | Q(id__in=batch_ids))
        .order_by("occurred_at")
        .values_list("block_id", "result")
    )
    first, best = {}, 0.0
    for question_id, result in answers:
        first.setdefault(question_id, bool(result.get("correct")))
        total = max(1, result.get("question_count") or 1)
        best = max(best, sum(first.values()) / total)
    return best


def _lock_progress(pairs):
    """Get or create the progress rows of these (user, module) pairs, locked, in a fixed order.

    One upsert does all three: a conflicting row is locked by the no-op update
    and returned with the new ones.
    """
    new = new_rows([ModuleProgress(user_id=u, module_id=m) for u, m in sorted(pairs)])
    rows = lock_rows(ModuleProgress, new, ["user_id", "module_id"])
    return {(r.user_id, r.module_id): r for r in rows}


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
