"""Checking a learner's workbook and keeping the result."""

from django.db import transaction

from lms.models import WorkbookAttempt
from lms.practice import checker, workbooks
from lms.progress.checked import record_checked


def check_upload(user, module, upload, enrolment):
    """Check an uploaded workbook for the module; save and return the attempt.

    Each task answered becomes a progress event the first time it is checked,
    so the competency roll-ups count Excel done, not only questions answered;
    later checks are the learner's own practice. Raises
    checker.WorkbookRejected for a file that is not the workbook.
    """
    key = module.workbook
    results = checker.check(
        upload, key, workbooks.answer_key(key), workbooks.task_questions(key)
    )
    with transaction.atomic():
        answered = [(r.task, r.correct) for r in results if r.given is not None]
        record_checked(user, enrolment, module, answered)
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
