"""Rating oneself, a screen at a time: /rate/ goes to the first unrated screen,
/rate/<step>/ shows one. Saving goes on to the next unrated screen ("Save and
stop" back to the overview), so a learner who leaves picks up where they were."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lms.assessment.flow import (
    RatingRejected,
    current_round,
    next_step,
    ratings_of,
    save_step,
)
from lms.assessment.forms import StepForm
from lms.assessment.policies import enrolment_or_404
from lms.assessment.views import position, steps_of

NOT_STARTED = "Press Start on your self-assessment page first."


def _open_round(enrolment):
    """The round being rated, or None when there is none open."""
    assessment = current_round(enrolment)
    if assessment is None or assessment.completed_at is not None:
        return None
    return assessment


@login_required
def resume(request, enrolment_pk):
    """The first screen with something left to rate; the overview when none is open."""
    enrolment = enrolment_or_404(request.user, enrolment_pk)
    assessment = _open_round(enrolment)
    if assessment is None:
        return redirect("lms:assessment", enrolment_pk=enrolment.pk)
    steps = steps_of(enrolment)
    # All rated but still open (the programme lost a competency meanwhile):
    # saving the last screen completes the round.
    step = next_step(assessment, steps) or steps[-1]
    return redirect("lms:assessment_step", enrolment_pk=enrolment.pk, step=step.key)


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, enrolment_pk, step):
    enrolment = enrolment_or_404(request.user, enrolment_pk, "change")
    steps = steps_of(enrolment)
    chosen = next((s for s in steps if s.key == step), None)
    if chosen is None:
        raise Http404("No such screen.")
    assessment = current_round(enrolment)
    if request.method == "POST":
        return _save(request, enrolment, assessment, steps, chosen)
    if assessment is None or assessment.completed_at is not None:
        return redirect("lms:assessment", enrolment_pk=enrolment.pk)
    initial = StepForm.initial_for(chosen, ratings_of(assessment), assessment)
    form = StepForm(chosen, initial=initial)
    return _page(request, enrolment, assessment, steps, chosen, form)


def _save(request, enrolment, assessment, steps, step):
    """Save the screen, or show it again with what to put right (400, nothing saved)."""
    form = StepForm(step, request.POST)
    if form.is_valid():
        try:
            if assessment is None:
                raise RatingRejected(NOT_STARTED)
            save_step(
                assessment,
                step,
                steps,
                form.levels(),
                desire=form.cleaned_data.get("desire"),
                reason=form.cleaned_data.get("reason", ""),
            )
        except RatingRejected as rejected:
            form.add_error(None, str(rejected))
        else:
            return _after_save(request, enrolment, assessment, steps, step)
    return _page(request, enrolment, assessment, steps, step, form, status=400)


def _after_save(request, enrolment, assessment, steps, step):
    if assessment.completed_at is not None:
        messages.success(request, "Your self-assessment is complete.")
        return redirect("lms:assessment", enrolment_pk=enrolment.pk)
    number, count = position(steps, step)
    messages.success(request, f"Screen {number} of {count} saved.")
    following = next_step(assessment, steps)
    if request.POST.get("then") == "stop" or following is None:
        return redirect("lms:assessment", enrolment_pk=enrolment.pk)
    return redirect(
        "lms:assessment_step", enrolment_pk=enrolment.pk, step=following.key
    )


def _page(request, enrolment, assessment, steps, step, form, status=200):
    number, count = position(steps, step)
    before = _previous_levels(enrolment, assessment)
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "assessment": assessment,
        "step": step,
        "form": form,
        "number": number,
        "count": count,
        "last": number == count,
        "questions": [(field, before.get(field.name)) for field in form.level_fields()],
    }
    return render(request, "lms/assessment/rate.html", context, status=status)


def _previous_levels(enrolment, assessment):
    """{field name: level} from the round before, shown as "Last time: level n"."""
    if assessment is None or assessment.round == 1:
        return {}
    before = (
        enrolment.assessments.filter(
            round__lt=assessment.round, completed_at__isnull=False
        )
        .order_by("-round")
        .first()
    )
    if before is None:
        return {}
    return {f"{kind}-{key}": level for (kind, key), level in ratings_of(before).items()}
