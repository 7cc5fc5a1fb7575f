"""The learner's stretch-project pages and the guarded download of evidence files.

Project pages belong to the project's learner alone: anyone else gets a 404,
so they cannot even tell it exists. A file is served to the learner, the
mentor and the cohort's managers.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from wagtail.permissions import policy_registry

from courses.markdown import render_markdown
from lms.models import AssignmentMilestone, Evidence, EvidenceFile, StretchAssignment
from lms.stretch import uploads
from lms.stretch import work as project_work
from lms.stretch.states import IllegalTransition, project_contents, transition

Status = StretchAssignment.Status
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several files from one input, each checked by its bytes (lms.stretch.uploads)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return uploads.check_uploads(files)


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label="What did you do, and what did it show?",
        required=False,
        max_length=Evidence._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = EvidenceFilesField(
        label="Files (PDF, Office documents or images)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )

    def clean(self):
        data = super().clean()
        empty = not data.get("text", "").strip() and not data.get("files")
        # A refused file already says what is wrong; "write something" would not help.
        if empty and not self.errors:
            raise ValidationError("Write something or attach a file.")
        return data


def _own_project(request, pk):
    """The project if it is the user's own; a 404 for anyone else's."""
    assignments = StretchAssignment.objects.select_related("mentor", "cohort")
    return get_object_or_404(assignments, pk=pk, learner=request.user)


def _project_page(request, assignment, form=None, status=200):
    context = {
        "assignment": assignment,
        "description": render_markdown(assignment.description),
        "form": form or EvidenceForm(),
        "can_work": assignment.status in StretchAssignment.OPEN,
        "can_submit": assignment.status == Status.IN_PROGRESS,
        "max_files": uploads.max_files(),
        "max_bytes": uploads.max_bytes(),
        **project_contents(assignment),
    }
    return render(request, "lms/project.html", context, status=status)


def _refused(request, assignment, error):
    """Show why a move was refused on the project page, with a 409."""
    messages.error(request, " ".join(error.messages))
    assignment.refresh_from_db()
    return _project_page(request, assignment, status=409)


@login_required
@require_GET
def projects(request):
    return render(
        request,
        "lms/projects.html",
        {"assignments": project_work.learner_projects(request.user)},
    )


@login_required
@require_GET
def project(request, pk):
    return _project_page(request, _own_project(request, pk))


@login_required
@require_POST
def start(request, pk):
    assignment = _own_project(request, pk)
    try:
        transition(assignment, "start", request.user)
    except IllegalTransition as error:
        return _refused(request, assignment, error)
    messages.success(request, "Project started. Good luck!")
    return redirect("lms:project", pk=pk)


@login_required
@require_POST
def toggle_milestone(request, pk, milestone_pk):
    assignment = _own_project(request, pk)
    get_object_or_404(AssignmentMilestone, pk=milestone_pk, assignment=assignment)
    # An explicit done=1/0 makes a double click harmless; without it, flip.
    done = {"1": True, "0": False}.get(request.POST.get("done"))
    try:
        milestone = project_work.set_milestone(
            assignment, milestone_pk, request.user, done=done
        )
    except IllegalTransition as error:
        return _refused(request, assignment, error)
    state = "done" if milestone.done else "not done"
    messages.success(request, f"“{milestone.title}” marked {state}.")
    # Back to the same milestone, which says what changed beside it.
    url = reverse("lms:project", args=[pk])
    return redirect(f"{url}?saved={milestone.pk}#milestone-{milestone.pk}")


@login_required
@require_POST
def add_evidence(request, pk):
    assignment = _own_project(request, pk)
    if assignment.status not in StretchAssignment.OPEN:
        # Refuse before reading the files: the form is not even on the page.
        error = IllegalTransition(
            "This project has been handed in, so evidence cannot be added now."
        )
        return _refused(request, assignment, error)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _project_page(request, assignment, form=form, status=400)
    try:
        project_work.add_evidence(
            assignment,
            request.user,
            form.cleaned_data["text"].strip(),
            form.cleaned_data["files"],
        )
    except IllegalTransition as error:
        return _refused(request, assignment, error)
    except project_work.EvidenceFull as error:
        form.add_error("files", str(error))
        return _project_page(request, assignment, form=form, status=400)
    messages.success(request, "Evidence added.")
    return redirect("lms:project", pk=pk)


@login_required
@require_POST
def submit(request, pk):
    assignment = _own_project(request, pk)
    try:
        project_work.submit(assignment, request.user)
    except IllegalTransition as error:
        return _refused(request, assignment, error)
    messages.success(request, "Submitted. Your mentor will review it.")
    return redirect("lms:project", pk=pk)


@login_required
@require_GET
def evidence_file(request, pk):
    """The file, downloaded, never shown inline: its learner, mentor and managers only."""
    visible = policy_registry.get_by_type(
        StretchAssignment
    ).instances_user_has_permission_for(request.user, "view")
    row = get_object_or_404(
        EvidenceFile.objects.filter(evidence__assignment__in=visible), pk=pk
    )
    try:
        handle = row.file.storage.open(row.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=uploads.download_name(row.original_name, row.content_type),
        content_type=row.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    # Should a browser render it after all, nothing in it may run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
