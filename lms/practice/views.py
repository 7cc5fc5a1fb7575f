"""The practice workbook of a module: download it, upload it back to be checked."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from courses.models import ModulePage
from lms.learner.module_state import enrolment_for
from lms.practice import checker, services, workbooks


class WorkbookForm(forms.Form):
    file = forms.FileField(label="Your completed workbook (.xlsx)")


def _practice_module(pk):
    module = get_object_or_404(ModulePage.objects.live(), pk=pk)
    if not workbooks.known(module.workbook):
        raise Http404("This module has no practice workbook.")
    return module


@login_required
@require_GET
def download(request, pk):
    """The blank workbook, as an attachment."""
    module = _practice_module(pk)
    response = HttpResponse(
        workbooks.workbook_bytes(module.workbook), content_type=workbooks.XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{module.workbook}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def practice(request, pk):
    """The latest check of the learner's workbook, and the form to upload it."""
    module = _practice_module(pk)
    return _page(request, module, WorkbookForm())


@login_required
@require_POST
def check(request, pk):
    module = _practice_module(pk)
    enrolment = enrolment_for(request.user, module)
    if enrolment is None:
        return HttpResponse(
            "Enrol in this programme to have your workbook checked.", status=403
        )
    form = WorkbookForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, module, form, status=400)
    try:
        attempt = services.check_upload(
            request.user, module, form.cleaned_data["file"], enrolment
        )
    except checker.WorkbookRejected as rejected:
        form.add_error("file", str(rejected))
        return _page(request, module, form, status=400)
    messages.success(
        request, f"Checked: {attempt.right} of {attempt.tasks} tasks right."
    )
    return redirect("lms:practice", pk=module.pk)


def _page(request, module, form, status=200):
    context = {
        "module": module,
        "form": form,
        "attempt": services.latest_attempt(request.user, module),
        "download_url": reverse("lms:practice_download", args=[module.pk]),
    }
    return render(request, "lms/practice/practice.html", context, status=status)
