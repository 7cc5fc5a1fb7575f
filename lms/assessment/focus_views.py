"""Focus: the gaps worth working on, the few the learner chose (at most three),
choosing one with a reflection for the journal, and dropping one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import StretchTemplate
from lms.assessment.focus import MAX_FOCUS, FocusRejected, choose_focus, drop_focus
from lms.assessment.forms import FocusForm
from lms.assessment.gap_views import table_row
from lms.assessment.gaps import gap_picture
from lms.assessment.policies import enrolment_or_404
from lms.models import FocusGap


def stretch_suggestions(competency_ids):
    """{competency id: the first stretch template tagged with it, by title}: one query."""
    through = StretchTemplate.competencies.through
    rows = (
        through.objects.filter(competency_id__in=competency_ids)
        .select_related("stretchtemplate")
        .order_by("stretchtemplate__title", "pk")
    )
    found = {}
    for row in rows:
        found.setdefault(row.competency_id, row.stretchtemplate)
    return found


def _gap_rows(picture):
    """(suggested, other gaps): rows below the target, not in focus, largest first."""
    suggested = picture.suggested
    others = sorted(
        (
            row
            for row in picture.rows
            if row.gap > 0 and row.focus is None and row not in suggested
        ),
        key=lambda row: (-row.gap, row.competency.name),
    )
    return suggested, others


@login_required
def focus(request, enrolment_pk):
    enrolment = enrolment_or_404(request.user, enrolment_pk)
    picture = gap_picture(enrolment)
    if picture.assessment is None:
        messages.info(request, "Rate yourself first: the gaps come from your ratings.")
        return redirect("lms:assessment", enrolment_pk=enrolment.pk)
    suggested, others = _gap_rows(picture)
    chosen = picture.focus
    templates = stretch_suggestions([row.competency.pk for row in chosen])
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "suggested": [(row, table_row(row)) for row in suggested],
        "others": [(row, table_row(row)) for row in others],
        "chosen": [
            (row, table_row(row), templates.get(row.competency.pk)) for row in chosen
        ],
        "full": len(chosen) >= MAX_FOCUS,
        "max_focus": MAX_FOCUS,
    }
    return render(request, "lms/assessment/focus.html", context)


def _programme_row(enrolment, competency_pk):
    """The gap picture's row of one of the programme's competencies, or a 404."""
    picture = gap_picture(enrolment)
    row = next((r for r in picture.rows if r.competency.pk == competency_pk), None)
    if row is None:
        raise Http404("No such competency in this programme.")
    return picture, row


@login_required
@require_http_methods(["GET", "POST"])
def choose(request, enrolment_pk, competency_pk):
    """Add a gap to the focus: skill or talent, and why (the reflection is required)."""
    enrolment = enrolment_or_404(request.user, enrolment_pk, "change")
    picture, row = _programme_row(enrolment, competency_pk)
    status = 200
    if request.method == "POST":
        form = FocusForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                choose_focus(
                    enrolment, row.competency, data["kind"], data["reflection"]
                )
            except FocusRejected as rejected:
                form.add_error(None, str(rejected))
            else:
                messages.success(
                    request,
                    f"{row.competency.name} is in your focus; "
                    "your reflection is in your journal.",
                )
                return redirect("lms:assessment_focus", enrolment_pk=enrolment.pk)
        status = 400
    else:
        form = FocusForm()
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "row": row,
        "figures": table_row(row),
        "form": form,
        "full": len(picture.focus) >= MAX_FOCUS,
        "max_focus": MAX_FOCUS,
    }
    return render(request, "lms/assessment/choose.html", context, status=status)


@login_required
@require_POST
def drop(request, enrolment_pk, gap_pk):
    enrolment = enrolment_or_404(request.user, enrolment_pk, "change")
    gap = get_object_or_404(
        FocusGap.objects.select_related("competency"),
        pk=gap_pk,
        enrolment=enrolment,
        closed_at__isnull=True,
    )
    drop_focus(gap)
    messages.success(request, f"{gap.competency.name} is no longer in your focus.")
    return redirect("lms:assessment_focus", enrolment_pk=enrolment.pk)
