"""Daily-review answers as a source of a cohort's most-missed questions.

Registered in `report_hooks` with the cohorts' `cohort_question_answers` hook:
the list then counts what the cohort's learners get wrong when a question
comes back in review, not only on the module page.
"""

from django.db.models import Count, Q

from lms.cohorts.missed_questions import AnswerSource
from lms.models import Enrolment, ReviewAnswer

MODULE, QUESTION = "card__module_id", "card__question_id"


def cohort_review_answers(cohort):
    """Daily-review answers of the cohort's learners on its programme's modules."""
    return ReviewAnswer.objects.filter(
        source=ReviewAnswer.Source.REVIEW,
        user__in=Enrolment.objects.filter(cohort=cohort).values("user_id"),
        card__module__path__startswith=cohort.programme.path,
    )


def review_counts(cohort):
    """{(module id, question id): (answers, right answers)}, in one query."""
    rows = (
        cohort_review_answers(cohort)
        .values(MODULE, QUESTION)
        .annotate(answers=Count("pk"), right=Count("pk", filter=Q(correct=True)))
    )
    return {
        (row[MODULE], row[QUESTION]): (row["answers"], row["right"]) for row in rows
    }


def review_wrong_chosen(cohort, question_ids):
    """(module id, question id, chosen) of each wrong review answer to those questions."""
    rows = cohort_review_answers(cohort).filter(
        correct=False, card__question_id__in=question_ids
    )
    return list(rows.values_list(MODULE, QUESTION, "chosen"))


REVIEW_ANSWERS = AnswerSource("review", review_counts, review_wrong_chosen)
