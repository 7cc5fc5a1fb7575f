"""The admin's xAPI status page, for administrators: counts, the LRS's last
reply, the statements it refused, and a button to queue those again."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from lms.contrib.xapi import delivery, status
from lms.core.administrators import administrators_only


@require_http_methods(["GET", "POST"])
@administrators_only
def status_view(request):
    if request.method == "POST":
        queued = delivery.retry_failed()
        messages.success(request, f"{queued} refused statements queued again.")
        return redirect("lms_xapi:status")
    context = {
        "summary": status.summary(),
        "failures": status.failures(),
        "page_title": "xAPI statements",
        "header_icon": "upload",
    }
    return TemplateResponse(request, "lms_xapi/status.html", context)
