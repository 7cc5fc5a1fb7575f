"""Review answers through the JSON API, beside the progress events.

`POST /api/reviews` takes one answer, `POST /api/reviews/batch` up to
MAX_BATCH, all or nothing, so an app that reviewed offline sends its queue
in one request. Each answer carries the client's UUID: the same id and body
again is a duplicate (200) and changes nothing, the same id with another
body a 409. `occurred_at` places an answer given offline in its card's log
at the time it was given. The routes join lms.api's NinjaAPI when the app is
ready, so the API knows nothing of reviews.
"""

from django.db import transaction
from django.http import JsonResponse
from ninja import Router

from lms.api import api
from lms.api.events import REFUSALS, read_batch, read_json
from lms.review.answers import ReviewRejected, record_review
from lms.review.views import fields_of, result_of

MAX_BATCH = 100
router = Router(tags=["reviews"])


class BatchRejected(Exception):
    """One answer of a batch was refused, so none was stored."""

    def __init__(self, index, rejected):
        self.index, self.rejected = index, rejected


@router.post(
    "",
    summary="Record one daily-review answer",
    response={200: dict, 201: dict, **REFUSALS},
)
def post_review(request):
    recorded = record_review(request.user, **fields_of(read_json(request)))
    return JsonResponse(result_of(recorded), status=201 if recorded.created else 200)


@router.post(
    "/batch",
    summary=f"Record up to {MAX_BATCH} daily-review answers, all or nothing",
    response={201: dict, **REFUSALS},
)
def post_batch(request):
    answers = read_batch(request, "answers", MAX_BATCH)
    with transaction.atomic():
        recorded = [
            _record(request.user, index, item) for index, item in enumerate(answers)
        ]
    return JsonResponse({"results": [result_of(r) for r in recorded]}, status=201)


def _record(user, index, item):
    try:
        return record_review(user, **fields_of(item))
    except ReviewRejected as rejected:
        raise BatchRejected(index, rejected) from rejected


def _refused(request, error):
    return JsonResponse({"detail": error.detail}, status=error.status)


def _batch_refused(request, error):
    rejected = error.rejected
    problem = {
        "index": error.index,
        "status": rejected.status,
        "detail": rejected.detail,
    }
    detail = f"answer {error.index}: {rejected.detail}; nothing was stored"
    return JsonResponse({"detail": detail, "errors": [problem]}, status=rejected.status)


_attached = []


def attach():
    """Add the routes to lms.api once per process."""
    if not _attached:
        api.add_router("/reviews", router)
        api.add_exception_handler(ReviewRejected, _refused)
        api.add_exception_handler(BatchRejected, _batch_refused)
        _attached.append(True)
