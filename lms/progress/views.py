"""The admin's page of progress events set aside, for administrators."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from lms.conf import lms_settings
from lms.core.administrators import administrators_only
from lms.progress import set_aside


@require_http_methods(["GET", "POST"])
@administrators_only
def set_aside_view(request):
    if request.method == "POST":
        queued = set_aside.try_again()
        messages.success(request, f"{queued} events queued to be applied again.")
        return redirect("lms_progress:set_aside")
    context = {
        "events": set_aside.set_aside(),
        "total": set_aside.count(),
        "max_failures": lms_settings.APPLY_MAX_FAILURES,
        "page_title": "Progress events set aside",
        "header_icon": "warning",
    }
    return TemplateResponse(request, "lms/progress/set_aside.html", context)
