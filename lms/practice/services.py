"""Checking a learner's workbook and keeping the result."""

from django.db import transaction

from lms.models import WorkbookAttempt
from lms.practice import checker, workbooks


def check_upload(user, module, upload):
    """Check an uploaded workbook for the module; save and return the attempt.

    Raises checker.WorkbookRejected for a file that is not the workbook.
    """
    key = module.workbook
    results = checker.check(
        upload, key, workbooks.answer_key(key), workbooks.task_questions(key)
    )
    with transaction.atomic():
        return WorkbookAttempt.objects.create(
            user=user,
            module=module,
            workbook=key,
            right=sum(r.correct for r in results),
            tasks=len(results),
            results=[
                {
                    "task": r.task,
                    "number": r.number,
                    "question": r.question,
                    "given": _plain(r.given),
                    "correct": r.correct,
                    "feedback": r.feedback,
                }
                for r in results
            ],
        )


def latest_attempt(user, module):
    return (
        WorkbookAttempt.objects.filter(user=user, module=module)
        .order_by("-checked_at", "-pk")
        .first()
    )


def _plain(value):
    """A cell value as JSON can keep it."""
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)
