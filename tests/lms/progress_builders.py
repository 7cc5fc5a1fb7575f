"""Builders for progress tests: quiz modules, learners, events, and ground truth.

`Quiz` writes raw events the way a client sends them (JSON-ready dicts with a
client UUID). `random_journey` plans a seeded, valid stream of such events;
`expected_rollups` works out from that plan alone what every roll-up must
hold, and `actual_rollups` reads the same shape back from the database.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import ModulePage
from lms.enrolment.services import enrol
from lms.models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    JournalEntry,
    LearningDay,
    ModuleProgress,
    QuestionResponse,
)
from tests.conftest import make_competency, make_course, make_module, question

_serial = count(1)

PROMPT = "When did your last difficult call turn around?"


def make_learner(**kwargs):
    kwargs.setdefault("username", f"learner{next(_serial)}")
    return get_user_model().objects.create_user(**kwargs)


def scenario(**kwargs):
    """Raw data for a one-step scenario that ends at once."""
    kwargs.setdefault("title", "The angry caller")
    kwargs.setdefault("setup", "A caller has been on hold for twenty minutes.")
    kwargs.setdefault(
        "steps",
        [
            {
                "key": "opening",
                "text": "Caller: This is ridiculous!",
                "choices": [
                    {
                        "text": "Apologise and listen",
                        "next": "",
                        "outcome": "good",
                        "feedback": "Trust won.",
                    }
                ],
            }
        ],
    )
    return kwargs


def make_quiz_module(parent=None, questions=2, **kwargs):
    """A module with `questions` single-choice questions, a reflection and a scenario."""
    kwargs.setdefault(
        "body",
        [("markdown", "Let the caller **finish**.")]
        + [
            ("question", question(prompt=f"Question {n}?", correct=(1,)))
            for n in range(questions)
        ]
        + [("reflection", {"prompt": PROMPT, "hint": ""}), ("scenario", scenario())],
    )
    page = make_module(parent, **kwargs)
    # Block ids are given on save: read them back as the recording code will.
    return ModulePage.objects.get(pk=page.pk)


@dataclass
class Quiz:
    """A quiz module seen from a client: its block ids, and events about it."""

    module: ModulePage
    questions: dict = field(default_factory=dict)  # id -> (right ids, wrong ids)
    reflection_id: str = ""
    prompt: str = ""
    scenario_id: str = ""
    step_id: str = ""
    choice_id: str = ""

    @classmethod
    def of(cls, module):
        quiz = cls(module=module)
        for block in module.body:
            if block.block_type == "question":
                options = block.value["options"].bound_blocks
                quiz.questions[block.id] = (
                    [o.id for o in options if o.value["correct"]],
                    [o.id for o in options if not o.value["correct"]],
                )
            elif block.block_type == "reflection":
                quiz.reflection_id, quiz.prompt = block.id, block.value["prompt"]
            elif block.block_type == "scenario":
                step = block.value["steps"].bound_blocks[0]
                quiz.scenario_id, quiz.step_id = block.id, step.id
                quiz.choice_id = step.value["choices"].bound_blocks[0].id
        return quiz

    @property
    def question_ids(self):
        return list(self.questions)

    def event(self, type, **kwargs):
        kwargs.setdefault("id", str(uuid.uuid4()))
        kwargs.setdefault("occurred_at", timezone.now())
        kwargs.setdefault("seconds", 0)
        kwargs["occurred_at"] = kwargs["occurred_at"].isoformat()
        return {"type": type, "module_id": self.module.pk, **kwargs}

    def started(self, **kwargs):
        return self.event("started", **kwargs)

    def answered(self, question_id=None, correct=True, **kwargs):
        question_id = question_id or self.question_ids[0]
        right, wrong = self.questions[question_id]
        kwargs.setdefault("chosen", [(right if correct else wrong)[0]])
        return self.event("answered", question_id=question_id, **kwargs)

    def reflected(self, text="I let them finish.", **kwargs):
        return self.event(
            "reflected", prompt_id=self.reflection_id, text=text, **kwargs
        )

    def scenario_step(self, **kwargs):
        kwargs.setdefault("scenario_id", self.scenario_id)
        kwargs.setdefault("step_id", self.step_id)
        kwargs.setdefault("choice_id", self.choice_id)
        return self.event("scenario_step", **kwargs)

    def completed(self, **kwargs):
        return self.event("completed", **kwargs)

    def every_answer(self, correct=True, **kwargs):
        """One answer per question, so that completing is allowed."""
        return [self.answered(q, correct=correct, **kwargs) for q in self.question_ids]


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
    progress, latest, attempts = {}, {}, Counter()
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
            latest[key] = (module, p.correct, p.raw["chosen"], p.occurred_at)
        elif p.kind == "completed":
            row["status"] = "completed"
            row["completed_at"] = row["completed_at"] or p.occurred_at
            completed[enrolment].add(module)
        elif p.kind == "reflected":
            journal[(user, module, p.quiz.prompt, p.raw["text"])] += 1
    answered = Counter()
    correct = Counter()
    for (user, _question), (module, right, _chosen, _when) in latest.items():
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
            key: (right, chosen, attempts[key], when)
            for key, (_module, right, chosen, when) in latest.items()
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
            (r.user_id, r.question_id): (r.correct, r.chosen, r.attempts, r.answered_at)
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
    }


def best_score_bounds(plan):
    """(lowest, highest) best score each (user, module) may show.

    The best score is the highest share of questions answered correctly so
    far. Events applied out of order may skip a past peak, so the stored value
    lies between the final share and the highest share reached in time order.
    """
    state, bounds = defaultdict(dict), {}
    for p in sorted(plan, key=lambda p: p.occurred_at):
        key = (p.user.pk, p.quiz.module.pk)
        low, high = bounds.get(key, (0.0, 0.0))
        if p.kind == "answered":
            state[key][p.raw["question_id"]] = p.correct
            low = sum(state[key].values()) / len(p.quiz.question_ids)
            high = max(high, low)
        bounds[key] = (low, high)
    return bounds
