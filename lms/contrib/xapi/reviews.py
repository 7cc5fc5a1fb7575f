"""Daily-review answers as statements: the module page's question answered again,
under the answer's own id, in the daily review's context."""

from lms.contrib.xapi import statements
from lms.contrib.xapi.places import places_of
from lms.models import ReviewAnswer

REVIEW = ReviewAnswer.Source.REVIEW


def review_answers():
    """Every daily-review answer (module answers are their progress events' statements)."""
    return ReviewAnswer.objects.filter(source=REVIEW).select_related("card")


def statements_of_reviews(answer_ids):
    """The statements of the stored daily-review answers among `answer_ids`."""
    answers = review_answers().filter(pk__in=answer_ids).order_by("reviewed_at", "id")
    return statements_of_answers(list(answers))


def statements_of_answers(answers):
    """Statements of ReviewAnswer rows (card selected), in their order; an answer
    whose module is gone makes none, as an event's does."""
    places = places_of({answer.card.module_id for answer in answers})
    made = []
    for answer in answers:
        found = places.get(answer.card.module_id)
        if found:
            place, key = found
            made.append(
                statements.review_answered(answer, answer.card.enrolment_id, place, key)
            )
    return made
