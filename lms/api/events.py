"""The JSON API: progress events in, one at a time or in batches of up to 100.

Clients generate each event's UUID. The same id with the same body again is
accepted and changes nothing; the same id with a different body is a 409.
Browsers authenticate with their session (and CSRF token); other clients with
`Authorization: Bearer <Wagtail API token>`.
"""

import json

from django.http import JsonResponse
from ninja import NinjaAPI, Schema

from lms.api.auth import ApiTokenAuth, SessionAuth
from lms.core.throttling import Throttled, lockout_response
from lms.progress.recording import EventsRejected, record_events
from lms.progress.schemas import MAX_BATCH, EventIn

MAX_BODY_BYTES = 256 * 1024

api = NinjaAPI(
    title="Leadership learning API",
    version="1",
    urls_namespace="lms_api",
    auth=[ApiTokenAuth(), SessionAuth()],
    docs_url="/docs",
)

EVENT_SCHEMA = EventIn.model_json_schema()
BATCH_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": EVENT_SCHEMA,
            "minItems": 1,
            "maxItems": MAX_BATCH,
        }
    },
}


def _body(schema):
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    }


class Problem(Schema):
    """Why a request was refused; a batch also lists each refused event."""

    detail: str
    errors: list[dict] | None = None


# Every refusal the routes give, with the body above: 400 bad JSON or shape,
# 401 no credentials, 403 not enrolled or not open yet, 409 an id reused with
# another body, 413 too large, 422 an invalid event, 429 too many failed tokens.
REFUSALS = {frozenset({400, 401, 403, 409, 413, 422, 429}): Problem}


class BadRequest(Exception):
    def __init__(self, status, detail):
        self.status, self.detail = status, detail


@api.exception_handler(BadRequest)
def bad_request(request, error):
    return JsonResponse({"detail": error.detail}, status=error.status)


@api.exception_handler(Throttled)
def throttled(request, error):
    return lockout_response(request)


@api.exception_handler(EventsRejected)
def rejected(request, error):
    problems = [
        {"index": p.index, "id": p.id, "status": p.status, "detail": p.detail}
        for p in error.problems
    ]
    detail = "; ".join(p["detail"] for p in problems)
    return JsonResponse({"detail": detail, "errors": problems}, status=error.status)


def read_json(request):
    """The request body as JSON; a 400 or 413 when it is not JSON or too large."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        raise BadRequest(
            413, f"request body is larger than {MAX_BODY_BYTES // 1024} KB"
        )
    try:
        return json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadRequest(400, f"body is not valid JSON: {error}") from error
    except RecursionError as error:
        raise BadRequest(400, "body is JSON nested too deeply") from error


def read_batch(request, key, limit):
    """The list under `key` of a JSON object body, with 1 to `limit` items."""
    data = read_json(request)
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise BadRequest(400, f'body must be {{"{key}": [...]}} with at least one')
    if len(items) > limit:
        raise BadRequest(413, f"a batch holds at most {limit} {key}, got {len(items)}")
    return items


@api.post(
    "/events",
    openapi_extra=_body(EVENT_SCHEMA),
    summary="Record one progress event",
    response={200: dict, 201: dict, **REFUSALS},
)
def post_event(request):
    data = read_json(request)
    if not isinstance(data, dict):
        raise BadRequest(400, "body must be one JSON object")
    [result] = record_events(request.user, [data])
    return JsonResponse(result, status=201 if result["status"] == "accepted" else 200)


@api.post(
    "/events/batch",
    openapi_extra=_body(BATCH_SCHEMA),
    summary=f"Record up to {MAX_BATCH} events, all or nothing",
    response={201: dict, **REFUSALS},
)
def post_batch(request):
    events = read_batch(request, "events", MAX_BATCH)
    results = record_events(request.user, events)
    return JsonResponse({"results": results}, status=201)
