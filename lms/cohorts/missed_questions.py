"""The questions a cohort gets wrong most often, read from learners' answers.

The built-in source is the latest answer of each learner on the module page;
other concepts add theirs (the daily review) through the
`cohort_question_answers` hook, so this module imports none of them:

    @hooks.register("cohort_question_answers")
    def review_answers():
        return AnswerSource("review", counts, wrong_chosen)

Working this out reads every answer of the cohort, so only background jobs do
it: the nightly snapshot stores the result (`as_json`) and the dashboard shows
that stored list with its time (`from_json`); the weekly digest calls it too.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail import hooks

from courses.models import ModulePage
from lms.models import Enrolment, QuestionResponse

ANSWERS_HOOK = "cohort_question_answers"
TOP = 10
MIN_ANSWERS = 3


@dataclass(frozen=True)
class AnswerSource:
    """Answers to a cohort's questions given outside the module pages.

    `counts(cohort)` gives {(module id, question id): (answers, right answers)};
    `wrong_chosen(cohort, question_ids)` gives (module id, question id, chosen
    option ids) for each of its wrong answers to those questions. Each is one
    query, whatever the cohort's size, so the list's cost stays fixed.
    """

    name: str
    counts: Callable
    wrong_chosen: Callable


@dataclass(frozen=True)
class ModuleTitle:
    """The module a question belongs to, as far as the lists show it."""

    pk: int
    title: str


@dataclass
class MissedQuestion:
    """One question: how often it is answered right and the favourite wrong option.

    `answers` and `correct` count module-page answers; `review_answers` and
    `review_correct` those of the hooked sources (the daily review). The list
    is ranked by both together; the wrong option is the favourite over both.
    """

    question_id: str
    module: ModuleTitle | None
    prompt: str
    answers: int
    correct: int
    wrong_option: str = ""
    wrong_option_count: int = 0
    review_answers: int = 0
    review_correct: int = 0

    @property
    def percent_correct(self):
        return _percent(self.correct, self.answers)

    @property
    def review_percent_correct(self):
        return _percent(self.review_correct, self.review_answers)

    @property
    def all_answers(self):
        return self.answers + self.review_answers

    @property
    def all_percent_correct(self):
        return _percent(self.correct + self.review_correct, self.all_answers)

    def as_json(self):
        """A plain dict for a JSON field: texts are kept as they read when computed."""
        module = self.module
        data = {
            "question_id": self.question_id,
            "module_id": module.pk if module else None,
            "module_title": module.title if module else "",
            "prompt": self.prompt,
            "answers": self.answers,
            "correct": self.correct,
            "wrong_option": self.wrong_option,
            "wrong_option_count": self.wrong_option_count,
        }
        # Only when there are any: a question never reviewed is stored as
        # snapshots were before review answers counted, and reads back the same.
        if self.review_answers:
            data["review_answers"] = self.review_answers
            data["review_correct"] = self.review_correct
        return data

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
            review_answers=data.get("review_answers", 0),
            review_correct=data.get("review_correct", 0),
        )


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def answer_sources():
    """The sources other concepts registered, after the module answers."""
    return [hook() for hook in hooks.get_hooks(ANSWERS_HOOK)]


def most_missed(cohort, limit=TOP, min_answers=MIN_ANSWERS):
    """The `limit` questions with the lowest share correct over every source.

    Two queries per source (the module answers and each hooked one) and one
    for the modules' questions, whatever the cohort's size. It aggregates raw
    answers, so it belongs in background jobs, never in a view.
    """
    sources = answer_sources()
    on_page = module_counts(cohort)
    in_review = _summed(source.counts(cohort) for source in sources)
    ranked = _ranked(on_page, in_review, min_answers)[:limit]
    if not ranked:
        return []
    questions = _question_blocks({module_id for module_id, _question in ranked})
    question_ids = sorted({question_id for _module, question_id in ranked})
    chosen = list(module_wrong_chosen(cohort, question_ids))
    for source in sources:
        chosen += source.wrong_chosen(cohort, question_ids)
    wrong = _wrong_choices(chosen, set(ranked), questions)
    return [_missed(key, on_page, in_review, questions, wrong) for key in ranked]


def cohort_responses(cohort):
    """Latest answers of the cohort's learners to questions of the cohort's programme."""
    return QuestionResponse.objects.filter(
        user__in=Enrolment.objects.filter(cohort=cohort).values("user_id"),
        module__path__startswith=cohort.programme.path,
    )


def module_counts(cohort):
    """The built-in source's counts: {(module id, question id): (answers, right)}."""
    rows = (
        cohort_responses(cohort)
        .values("module_id", "question_id")
        .annotate(answers=Count("id"), right=Count("id", filter=Q(correct=True)))
    )
    return {
        (row["module_id"], row["question_id"]): (row["answers"], row["right"])
        for row in rows
    }


def module_wrong_chosen(cohort, question_ids):
    """The built-in source's wrong answers: (module id, question id, chosen)."""
    rows = cohort_responses(cohort).filter(question_id__in=question_ids, correct=False)
    return rows.values_list("module_id", "question_id", "chosen")


def _summed(counts_per_source):
    total = defaultdict(lambda: (0, 0))
    for counts in counts_per_source:
        for key, (answers, right) in counts.items():
            before = total[key]
            total[key] = (before[0] + answers, before[1] + right)
    return dict(total)


def _ranked(on_page, in_review, min_answers):
    """The keys answered at least `min_answers` times in all, lowest share first."""
    ranked = []
    for key in on_page.keys() | in_review.keys():
        page, review = on_page.get(key, (0, 0)), in_review.get(key, (0, 0))
        answers, right = page[0] + review[0], page[1] + review[1]
        if answers >= min_answers:
            ranked.append((right / answers, -answers, key[1], key[0]))
    return [(module_id, question_id) for *_, question_id, module_id in sorted(ranked)]


def _missed(key, on_page, in_review, questions, wrong):
    module, block = questions.get(key, (None, None))
    answers, right = on_page.get(key, (0, 0))
    review_answers, review_right = in_review.get(key, (0, 0))
    missed = MissedQuestion(
        question_id=key[1],
        module=module,
        prompt=block["prompt"] if block else "(question no longer in the module)",
        answers=answers,
        correct=right,
        review_answers=review_answers,
        review_correct=review_right,
    )
    if counts := wrong[key]:
        option_id, missed.wrong_option_count = counts.most_common(1)[0]
        missed.wrong_option = _option_text(block, option_id)
    return missed


def _question_blocks(module_ids):
    """(module id, question id) -> (module, question value), in one query."""
    found = {}
    for module in ModulePage.objects.filter(pk__in=module_ids):
        title = ModuleTitle(module.pk, module.title)
        for block in module.body:
            if block.block_type == "question":
                found[(module.pk, block.id)] = (title, block.value)
    return found


def _wrong_choices(chosen_rows, keys, questions):
    """How often each wrong option was chosen, per question, from wrong answers only."""
    wrong = defaultdict(Counter)
    for module_id, question_id, chosen in chosen_rows:
        key = (module_id, question_id)
        if key not in keys:
            continue  # the same question id in a module not in the list
        right = _right_options(questions.get(key, (None, None))[1])
        wrong[key].update(option for option in chosen or [] if option not in right)
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
