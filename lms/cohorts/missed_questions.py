"""The questions a cohort gets wrong most often, read from learners' latest answers.

Working this out reads every answer of the cohort, so only background jobs do
it: the nightly snapshot stores the result (`as_json`) and the dashboard shows
that stored list with its time (`from_json`); the weekly digest calls it too.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, FloatField, Q
from django.db.models.functions import Cast

from courses.models import ModulePage
from lms.models import Enrolment, QuestionResponse

TOP = 10
MIN_ANSWERS = 3


@dataclass(frozen=True)
class ModuleTitle:
    """The module a question belongs to, as far as the lists show it."""

    pk: int
    title: str


@dataclass
class MissedQuestion:
    """One question: how often it is answered right and the favourite wrong option."""

    question_id: str
    module: ModuleTitle | None
    prompt: str
    answers: int
    correct: int
    wrong_option: str = ""
    wrong_option_count: int = 0

    @property
    def percent_correct(self):
        return round(100 * self.correct / self.answers) if self.answers else 0

    def as_json(self):
        """A plain dict for a JSON field: texts are kept as they read when computed."""
        module = self.module
        return {
            "question_id": self.question_id,
            "module_id": module.pk if module else None,
            "module_title": module.title if module else "",
            "prompt": self.prompt,
            "answers": self.answers,
            "correct": self.correct,
            "wrong_option": self.wrong_option,
            "wrong_option_count": self.wrong_option_count,
        }

    @classmethod
    def from_json(cls, data):
        module_id = data.get("module_id")
        return cls(
            question_id=data["question_id"],
            module=ModuleTitle(module_id, data.get("module_title", ""))
            if module_id
            else None,
            prompt=data.get("prompt", ""),
            answers=data.get("answers", 0),
            correct=data.get("correct", 0),
            wrong_option=data.get("wrong_option", ""),
            wrong_option_count=data.get("wrong_option_count", 0),
        )


def most_missed(cohort, limit=TOP, min_answers=MIN_ANSWERS):
    """The `limit` questions with the lowest share correct: three queries in all.

    It aggregates raw answers, so it belongs in background jobs, never in a view.
    """
    responses = cohort_responses(cohort)
    stats = list(
        responses.values("question_id", "module_id")
        .annotate(answers=Count("id"), right=Count("id", filter=Q(correct=True)))
        .filter(answers__gte=min_answers)
        .annotate(share=Cast("right", FloatField()) / Cast("answers", FloatField()))
        .order_by("share", "-answers", "question_id")[:limit]
    )
    if not stats:
        return []
    questions = _question_blocks({row["module_id"] for row in stats})
    wrong = _wrong_choices(responses, [row["question_id"] for row in stats], questions)
    found = []
    for row in stats:
        module, block = questions.get(row["question_id"], (None, None))
        missed = MissedQuestion(
            question_id=row["question_id"],
            module=module,
            prompt=block["prompt"] if block else "(question no longer in the module)",
            answers=row["answers"],
            correct=row["right"],
        )
        counts = wrong[row["question_id"]]
        if counts:
            option_id, missed.wrong_option_count = counts.most_common(1)[0]
            missed.wrong_option = _option_text(block, option_id)
        found.append(missed)
    return found


def cohort_responses(cohort):
    """Latest answers of the cohort's learners to questions of the cohort's programme."""
    return QuestionResponse.objects.filter(
        user__in=Enrolment.objects.filter(cohort=cohort).values("user_id"),
        module__path__startswith=cohort.programme.path,
    )


def _question_blocks(module_ids):
    """question id -> (module, question value) for the modules involved, in one query."""
    found = {}
    for module in ModulePage.objects.filter(pk__in=module_ids):
        title = ModuleTitle(module.pk, module.title)
        for block in module.body:
            if block.block_type == "question":
                found[block.id] = (title, block.value)
    return found


def _wrong_choices(responses, question_ids, questions):
    """How often each wrong option was chosen, per question, from wrong answers only."""
    wrong = defaultdict(Counter)
    rows = responses.filter(question_id__in=question_ids, correct=False)
    for question_id, chosen in rows.values_list("question_id", "chosen"):
        _module, block = questions.get(question_id, (None, None))
        right = _right_options(block)
        wrong[question_id].update(
            option for option in chosen or [] if option not in right
        )
    return wrong


def _right_options(block):
    if block is None:
        return set()
    return {item.id for item in block["options"].bound_blocks if item.value["correct"]}


def _option_text(block, option_id):
    if block is not None:
        for item in block["options"].bound_blocks:
            if item.id == option_id:
                return item.value["text"]
    return "(option no longer in the question)"
