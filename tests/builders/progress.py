"""Progress as the apply job leaves it, and the ground truth to check it against.

`random_journey` plans a seeded, valid stream of raw events; `expected_rollups`
works out from that plan alone what every roll-up must hold, and
`actual_rollups` reads the same shape back from the database.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from lms.enrolment.services import enrol
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
from tests.builders.block_states import actual_block_states, expected_block_states
from tests.builders.events import Quiz
from tests.builders.pages import make_competency, make_course, make_quiz_module
from tests.builders.people import make_learner


def make_progress(user, module, **kwargs):
    kwargs.setdefault("status", ModuleProgress.Status.IN_PROGRESS)
    kwargs.setdefault("last_activity_at", timezone.now())
    kwargs.setdefault("first_activity_at", kwargs["last_activity_at"])
    if kwargs["status"] == ModuleProgress.Status.COMPLETED:
        kwargs.setdefault("completed_at", kwargs["last_activity_at"])
    return ModuleProgress.objects.create(user=user, module=module, **kwargs)


def complete_rollups(enrolment, course, modules):
    """The roll-ups the apply job leaves after these modules of one course were completed."""
    for module in modules:
        make_progress(
            enrolment.user,
            module,
            status=ModuleProgress.Status.COMPLETED,
            last_activity_at=timezone.now() - timedelta(days=1),
        )
    CourseProgress.objects.create(
        enrolment=enrolment, course=course, modules_completed=len(modules)
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(modules_completed=len(modules))


def answer(user, module, question_id, option_id, correct):
    return QuestionResponse.objects.create(
        user=user,
        module=module,
        question_id=question_id,
        chosen=[option_id],
        correct=correct,
        attempts=1,
        answered_at=timezone.now(),
    )


def mastery(user, competency, answered, correct):
    return CompetencyMastery.objects.create(
        user=user, competency=competency, answered=answered, correct=correct
    )


def progress_event(enrolment, module, kind="started", minutes_ago=5, **kwargs):
    return ProgressEvent.objects.create(
        id=uuid.uuid4(),
        user=enrolment.user,
        module=module,
        enrolment=enrolment,
        kind=kind,
        occurred_at=timezone.now() - timedelta(minutes=minutes_ago),
        body_hash=uuid.uuid4().hex,
        **kwargs,
    )


@dataclass
class Scene:
    """A programme with one course of quiz modules and enrolled learners."""

    programme: object
    course: object
    quizzes: list
    learners: list
    enrolments: dict  # user id -> Enrolment

    @property
    def quiz(self):
        return self.quizzes[0]

    @property
    def learner(self):
        return self.learners[0]


def make_scene(learners=1, modules=1, questions=2, competencies=None):
    """Enrolled learners on `modules` quiz modules of one course.

    Module n is tagged with competencies[n % len(competencies)]: pass lists of
    competencies to share one between modules.
    """
    competencies = competencies or [[make_competency()]]
    course = make_course()
    quizzes = [
        Quiz.of(
            make_quiz_module(
                course,
                questions=questions,
                slug=f"module-{n}",
                competencies=competencies[n % len(competencies)],
            )
        )
        for n in range(modules)
    ]
    programme = course.get_parent().specific
    people = [make_learner() for _ in range(learners)]
    enrolments = {user.pk: enrol(user, programme)[0] for user in people}
    return Scene(programme, course, quizzes, people, enrolments)


# Ground truth


@dataclass
class Planned:
    """An event as sent, with what the test knows about it."""

    user: object
    quiz: Quiz
    raw: dict
    occurred_at: object
    correct: bool | None = None  # answered events only

    @property
    def kind(self):
        return self.raw["type"]


def random_journey(rng, scene, events, days=10):
    """`events` valid events in the order learners send them; times are shuffled.

    A learner completes a module only once they have answered each of its
    questions, as the recording service demands.
    """
    start = timezone.now() - timedelta(days=days)
    offsets = rng.sample(range(days * 24 * 3600), events)  # distinct instants
    answered = defaultdict(set)
    plan = []
    for offset in offsets:
        user, quiz = rng.choice(scene.learners), rng.choice(scene.quizzes)
        kinds = ["started"] * 3 + ["answered"] * 8 + ["scenario_step"] * 2
        kinds += ["reflected"] * 2
        if answered[(user.pk, quiz.module.pk)] == set(quiz.question_ids):
            kinds += ["completed"] * 2
        kind = rng.choice(kinds)
        when = start + timedelta(seconds=offset)
        common = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "occurred_at": when,
            "seconds": rng.randint(0, 120),
        }
        correct = None
        if kind == "answered":
            question_id, correct = rng.choice(quiz.question_ids), rng.random() < 0.6
            answered[(user.pk, quiz.module.pk)].add(question_id)
            raw = quiz.answered(question_id, correct=correct, **common)
        elif kind == "reflected":
            raw = quiz.reflected(text=f"Reflection {common['id'][:8]}", **common)
        else:
            raw = getattr(quiz, kind)(**common)
        plan.append(Planned(user, quiz, raw, when, correct))
    return plan


def by_learner(plan):
    """The planned events of each learner, in the order they were sent."""
    grouped = defaultdict(list)
    for planned in plan:
        grouped[planned.user].append(planned)
    return grouped


def expected_rollups(plan, scene):
    """Every roll-up as it must be once each planned event is applied once."""
    progress, first, latest, attempts = {}, {}, {}, Counter()
    days = defaultdict(lambda: [0, 0])
    completed = defaultdict(set)  # enrolment id -> completed module ids
    activity = {}
    journal = Counter()
    for p in sorted(plan, key=lambda p: p.occurred_at):
        user, module = p.user.pk, p.quiz.module.pk
        row = progress.setdefault(
            (user, module),
            {
                "status": "in_progress",
                "attempts": 0,
                "seconds": 0,
                "first": None,
                "completed_at": None,
            },
        )
        row["seconds"] += p.raw["seconds"]
        row["first"] = row["first"] or p.occurred_at
        row["last"] = p.occurred_at
        enrolment = scene.enrolments[user].pk
        activity[enrolment] = p.occurred_at
        day = days[(user, timezone.localdate(p.occurred_at))]
        day[0] += p.raw["seconds"]
        day[1] += 1
        if p.kind == "started":
            row["attempts"] += 1
        elif p.kind == "answered":
            key = (user, p.raw["question_id"])
            attempts[key] += 1
            first.setdefault(key, (module, p.correct, p.raw["chosen"], p.occurred_at))
            latest[key] = (p.correct, p.occurred_at)
        elif p.kind == "completed":
            row["status"] = "completed"
            row["completed_at"] = row["completed_at"] or p.occurred_at
            completed[enrolment].add(module)
        elif p.kind == "reflected":
            journal[(user, module, p.quiz.prompt, p.raw["text"])] += 1
    answered = Counter()
    correct = Counter()
    for (user, _question), (module, right, _chosen, _when) in first.items():
        answered[(user, module)] += 1
        correct[(user, module)] += right
    competencies = {
        q.module.pk: [c.pk for c in q.module.competencies.all()] for q in scene.quizzes
    }
    mastery = Counter()
    for (user, module), n in answered.items():
        for competency in competencies[module]:
            mastery[(user, competency, "answered")] += n
            mastery[(user, competency, "correct")] += correct[(user, module)]
    course_id = scene.course.pk
    return {
        "module_progress": {
            key: (
                row["status"],
                row["attempts"],
                answered[key],
                correct[key],
                row["seconds"],
                row["first"],
                row["last"],
                row["completed_at"],
            )
            for key, row in progress.items()
        },
        "responses": {
            key: (right, chosen, attempts[key], when, *latest[key])
            for key, (_module, right, chosen, when) in first.items()
        },
        "mastery": {
            (user, competency): (
                mastery[(user, competency, "answered")],
                mastery[(user, competency, "correct")],
            )
            for (user, competency, _field) in mastery
        },
        "course_progress": {
            (enrolment, course_id): len(modules)
            for enrolment, modules in completed.items()
        },
        "enrolments": {
            enrolment.pk: (
                len(completed.get(enrolment.pk, ())),
                activity.get(enrolment.pk),
            )
            for enrolment in scene.enrolments.values()
        },
        "days": {key: tuple(value) for key, value in days.items()},
        "journal": journal,
        "block_states": expected_block_states(plan),
    }


def actual_rollups(scene):
    """The roll-ups of the scene's learners as stored, in the shape of `expected_rollups`."""
    users = [user.pk for user in scene.learners]
    return {
        "module_progress": {
            (p.user_id, p.module_id): (
                p.status,
                p.attempts,
                p.questions_answered,
                p.questions_correct,
                p.time_spent_seconds,
                p.first_activity_at,
                p.last_activity_at,
                p.completed_at,
            )
            for p in ModuleProgress.objects.filter(user__in=users)
        },
        "responses": {
            (r.user_id, r.question_id): (
                r.correct,
                r.chosen,
                r.attempts,
                r.answered_at,
                r.latest_correct,
                r.latest_answered_at,
            )
            for r in QuestionResponse.objects.filter(user__in=users)
        },
        "mastery": {
            (m.user_id, m.competency_id): (m.answered, m.correct)
            for m in CompetencyMastery.objects.filter(user__in=users)
        },
        "course_progress": {
            (c.enrolment_id, c.course_id): c.modules_completed
            for c in CourseProgress.objects.filter(enrolment__user__in=users)
        },
        "enrolments": {
            e.pk: (e.modules_completed, e.last_activity_at)
            for e in Enrolment.objects.filter(user__in=users)
        },
        "days": {
            (d.user_id, d.day): (d.seconds, d.events)
            for d in LearningDay.objects.filter(user__in=users)
        },
        "journal": Counter(
            (j.user_id, j.module_id, j.prompt, j.text)
            for j in JournalEntry.objects.filter(user__in=users)
        ),
        "block_states": actual_block_states(users),
    }


def best_score_bounds(plan):
    """(lowest, highest) best score each (user, module) may show.

    The best score is the highest share of questions whose first answer was
    right. Only first answers count, so the share never falls in time order
    and both bounds end at the final share, whatever order events are applied in.
    """
    state, bounds = defaultdict(dict), {}
    for p in sorted(plan, key=lambda p: p.occurred_at):
        key = (p.user.pk, p.quiz.module.pk)
        low, high = bounds.get(key, (0.0, 0.0))
        if p.kind == "answered":
            state[key].setdefault(p.raw["question_id"], p.correct)
            low = sum(state[key].values()) / len(p.quiz.question_ids)
            high = max(high, low)
        bounds[key] = (low, high)
    return bounds
