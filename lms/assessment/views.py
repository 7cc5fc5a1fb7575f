"""The learner's self-assessment pages under /learn/assessment/: which programme,
and starting a round. The gap picture, the rating screens and the focus have
their own modules (gap_views, rating_views, focus_views). Plain forms, no
JavaScript; every page is the learner's own (lms.assessment.policies)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lms.assessment.flow import programme_competencies, start_round, steps_for
from lms.assessment.policies import enrolment_or_404, own_enrolments


def steps_of(enrolment):
    """The rating screens of the enrolment's programme (one query)."""
    return steps_for([c for c, _n in programme_competencies(enrolment.programme)])


def position(steps, step):
    """(screen number, of how many) for a step of these screens."""
    return steps.index(step) + 1, len(steps)


@login_required
def index(request):
    """One programme: straight to it; several: choose; none: say so."""
    enrolments = list(
        own_enrolments(request.user)
        .select_related("programme")
        .order_by("enrolled_at", "pk")
    )
    if len(enrolments) == 1:
        return redirect("lms:assessment", enrolment_pk=enrolments[0].pk)
    return render(request, "lms/assessment/index.html", {"enrolments": enrolments})


@login_required
@require_POST
def start(request, enrolment_pk):
    """ "Start" or "Rate yourself again": the open round, or a new one, then its
    first unrated screen."""
    enrolment = enrolment_or_404(request.user, enrolment_pk, "change")
    start_round(enrolment)
    return redirect("lms:assessment_rate", enrolment_pk=enrolment.pk)
