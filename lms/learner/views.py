"""Learner pages. Each view checks who is asking and that the object is theirs."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from courses.models import ModulePage, ProgrammePage
from lms.enrolment.services import self_enrol
from lms.learner.forms import JournalEntryForm
from lms.learner.home import learner_home
from lms.learner.module_state import enrolment_for
from lms.models import ActionItem, JournalEntry
from lms.progress import grading
from lms.progress.recording import EventsRejected, record_events
from lms.progress.schemas import TEXT_FIELDS

# The form twin takes the same text fields as the API's events.
EVENT_FIELDS = TEXT_FIELDS
MAX_FORM_SECONDS = 900


@login_required
def home(request):
    return render(request, "lms/home.html", learner_home(request.user))


@login_required
@require_POST
def post_event(request):
    """The no-JavaScript twin of POST /api/events: same service, then back to the page."""
    form = request.POST
    event = {
        "id": form.get("event_id") or str(uuid.uuid4()),
        "type": form.get("type"),
        "module_id": form.get("module_id"),
        "occurred_at": timezone.now().isoformat(),
        "seconds": _seconds_since(form.get("rendered_at")),
    }
    event.update({name: form[name] for name in EVENT_FIELDS if form.get(name)})
    if form.getlist("chosen"):
        event["chosen"] = form.getlist("chosen")
    try:
        record_events(request.user, [event])
    except EventsRejected as rejected:
        if rejected.status == 403:
            return HttpResponseForbidden(rejected.problems[0].detail)
        messages.error(request, rejected.problems[0].detail)
    return redirect(_safe_next(request))


@login_required
@require_POST
def add_action(request):
    """Add a module's 'try this at work' action to the learner's plan (once)."""
    module_id = request.POST.get("module_id", "")
    # Past 18 digits it is no id of ours, and the database layer would overflow.
    if not module_id.isdigit() or len(module_id) > 18:
        return render(
            request, "lms/error.html", {"message": "No such module."}, status=404
        )
    page = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if enrolment_for(request.user, page) is None:
        raise PermissionDenied("Enrol in the programme first.")
    block_id = request.POST.get("block_id", "")
    try:
        action = grading.find_block(page, block_id, "action")
    except grading.UnknownBlock:
        return render(
            request, "lms/error.html", {"message": "No such action."}, status=404
        )
    ActionItem.objects.get_or_create(
        user=request.user,
        module=page,
        block_id=block_id,
        defaults={"title": action["title"], "instructions": action["instructions"]},
    )
    messages.success(request, f"Added “{action['title']}” to your action plan.")
    return redirect(_safe_next(request))


@login_required
@require_POST
def enrol(request, programme_id):
    programme = get_object_or_404(ProgrammePage.objects.live(), pk=programme_id)
    _enrolment, created = self_enrol(request.user, programme)
    if created:
        messages.success(request, f"You are enrolled in {programme.title}.")
    return redirect(programme.url)


@login_required
def journal(request):
    entries = JournalEntry.objects.filter(user=request.user).select_related("module")
    actions = ActionItem.objects.filter(user=request.user).select_related("module")
    return render(request, "lms/journal.html", {"entries": entries, "actions": actions})


@login_required
def edit_entry(request, pk):
    entry = get_object_or_404(JournalEntry, pk=pk, user=request.user)
    form = JournalEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Journal entry saved.")
        return redirect("lms:journal")
    return render(request, "lms/entry_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def update_action(request, pk):
    action = get_object_or_404(ActionItem, pk=pk, user=request.user)
    if request.POST.get("do") == "delete":
        action.delete()
        messages.success(request, "Action removed from your plan.")
        return redirect(f"{reverse('lms:journal')}#plan-heading")
    action.done = request.POST.get("do") == "done"
    action.done_at = timezone.now() if action.done else None
    action.save(update_fields=["done", "done_at"])
    state = "done" if action.done else "not done"
    messages.success(request, f"“{action.title}” marked {state}.")
    # Back to the same item, which says what changed beside it.
    return redirect(f"{reverse('lms:journal')}?saved={action.pk}#action-{action.pk}")


def _seconds_since(rendered_at):
    try:
        elapsed = timezone.now().timestamp() - int(rendered_at)
    except (TypeError, ValueError):
        return 0
    return int(min(max(elapsed, 0), MAX_FORM_SECONDS))


def _safe_next(request):
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "lms:home"
