"""The learner's daily review page: one due question at a time, graded on the server.

Works without JavaScript: the question is a plain form with an answer id made
when the page is drawn, so a resubmitted form is a retry, not a second answer.
The page holds option ids and texts only; whether an option is right, and its
feedback, come after answering. JSON clients post the same fields as JSON.
"""

import json
import uuid
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from courses.models import ModulePage
from courses.shuffle import shuffled_options
from lms.models import ReviewAnswer, ReviewCard, ReviewReminder
from lms.review.answers import ReviewRejected, grade, record_review
from lms.review.today import today_for

MAX_BODY_BYTES = 16 * 1024
Slot = ReviewReminder.Slot


@login_required
def review(request):
    today = today_for(request.user)
    context = {"today": today, "answer_id": uuid.uuid4()}
    answer = _answer(request.user, request.GET.get("answer"))
    if answer is not None:
        context["feedback"] = _feedback(answer)
    elif today.due:
        context["question"] = question_view(request.user, today.due[0])
        if context["question"] is None:
            # Its module was unpublished or lost the question before retiring it.
            ReviewCard.objects.filter(pk=today.due[0].pk).update(
                retired_at=timezone.now()
            )
            return redirect("lms:review")
    else:
        context.update(reminder_slots=Slot.choices, reminder_slot=_slot(request.user))
    return render(request, "lms/review/page.html", context)


@login_required
@require_POST
def reminder(request):
    """Choose the time of day of the daily review email."""
    slot = request.POST.get("slot")
    if slot not in Slot.values:
        context = {"message": "Choose the morning, midday or the evening."}
        return render(request, "lms/error.html", context, status=400)
    ReviewReminder.objects.update_or_create(user=request.user, defaults={"slot": slot})
    messages.success(request, f"Saved: we will email you {Slot(slot).label.lower()}.")
    return redirect(reverse("lms:review") + "#reminder")


def _slot(user):
    chosen = ReviewReminder.objects.filter(user=user).values_list("slot", flat=True)
    return next(iter(chosen), Slot.MORNING)


@login_required
@require_POST
def answer(request):
    is_json = request.content_type == "application/json"
    try:
        fields = _json_fields(request) if is_json else _form_fields(request)
        recorded = record_review(request.user, **fields)
    except ReviewRejected as rejected:
        if is_json:
            return JsonResponse({"detail": rejected.detail}, status=rejected.status)
        context = {"message": rejected.detail}
        return render(request, "lms/error.html", context, status=rejected.status)
    if is_json:
        return _json_result(recorded)
    return redirect(f"{reverse('lms:review')}?answer={recorded.answer.pk}")


def question_view(user, card):
    """What the learner sees of a card's question: prompt and options, never the key."""
    module = ModulePage.objects.live().filter(pk=card.module_id).first()
    block = _question_block(module, card.question_id)
    if block is None:
        return None
    options = shuffled_options(
        block.value["options"].bound_blocks, f"{user.pk}:{card.question_id}"
    )
    return {
        "card": card,
        "module": module,
        "prompt": block.value["prompt"],
        "multiple": block.value["kind"] == "multiple",
        "options": [{"id": o.id, "text": o.value["text"]} for o in options],
    }


def _question_block(module, question_id):
    for block in module.body if module else ():
        if block.block_type == "question" and block.id == question_id:
            return block
    return None


def _answer(user, answer_id):
    try:
        answer_id = uuid.UUID(str(answer_id))
    except ValueError:
        return None
    return (
        ReviewAnswer.objects.filter(pk=answer_id, user=user)
        .select_related("card")
        .first()
    )


def _feedback(answer):
    """The verdict on an answer, the chosen options' feedback and the way back."""
    try:
        result = grade(answer.card, answer.chosen)
    except ReviewRejected:
        return {"correct": answer.correct, "feedback": [], "module_url": ""}
    module = result["module"]
    return {
        "correct": result["correct"],
        "feedback": result["feedback"],
        "module": module,
        "module_url": f"{module.url}#question-{answer.card.question_id}",
    }


def _form_fields(request):
    return {
        "answer_id": request.POST.get("answer_id"),
        "card_id": request.POST.get("card_id"),
        "chosen": request.POST.getlist("chosen"),
        "confidence": request.POST.get("confidence"),
    }


def _json_fields(request):
    if len(request.body) > MAX_BODY_BYTES:
        raise ReviewRejected(413, "request body is too large")
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError) as error:
        raise ReviewRejected(400, "body must be a JSON object") from error
    return fields_of(data)


def fields_of(data):
    """record_review's arguments from an answer sent as JSON."""
    if not isinstance(data, dict):
        raise ReviewRejected(400, "an answer must be a JSON object")
    try:
        occurred_at = data.get("occurred_at")
        occurred_at = datetime.fromisoformat(occurred_at) if occurred_at else None
    except (ValueError, TypeError) as error:
        raise ReviewRejected(422, "occurred_at must be an ISO 8601 time") from error
    if occurred_at is not None and occurred_at.tzinfo is None:
        raise ReviewRejected(422, "occurred_at needs a time zone")
    return {
        "answer_id": data.get("id"),
        "card_id": data.get("card_id"),
        "chosen": data.get("chosen"),
        "occurred_at": occurred_at,
        "confidence": data.get("confidence"),
    }


def _json_result(recorded):
    body = result_of(recorded)
    return JsonResponse(body, status=201 if recorded.created else 200)


def result_of(recorded):
    """What a client learns of a recorded answer: the verdict and the feedback."""
    answer = recorded.answer
    return {
        "id": str(answer.pk),
        "status": "accepted" if recorded.created else "duplicate",
        "correct": answer.correct,
        **{k: v for k, v in _feedback(answer).items() if k != "module"},
    }
