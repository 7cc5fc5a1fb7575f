"""What a mentor sees of a learner's self-assessment, and their own ratings.

Only the enrolment's mentor opens the page (anyone else, superusers and cohort
managers included, gets a 404, so the page does not say whether it exists).
It shows the learner's self-ratings beside the evidence, their focus gaps (the
reflection only when the learner shared that journal entry), the pipeline
traits and how much they want to lead; the mentor adds a rating per competency,
kept as history, the newest counting as evidence.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from lms.assessment.flow import programme_competencies
from lms.assessment.gaps import gap_picture
from lms.assessment.mentor_forms import MentorRatingForm
from lms.assessment.policies import mentored_enrolment_or_404, mentored_enrolments
from lms.core.people import display_name
from lms.models import Assessment, JournalEntry, MentorRating

SHOWN = 20


def add_mentor_rating(enrolment, competency, mentor, level, comment=""):
    """A new rating row: earlier ones stay as history, the newest counts."""
    return MentorRating.objects.create(
        enrolment=enrolment,
        competency=competency,
        rated_by=mentor,
        level=level,
        comment=comment,
    )


def rating_history(enrolment):
    """{competency id: [MentorRating], newest first}: one query."""
    history = {}
    ratings = (
        MentorRating.objects.filter(enrolment=enrolment)
        .select_related("rated_by")
        .order_by("competency_id", "-rated_at", "-pk")
    )
    for rating in ratings:
        rating.rater_name = (
            display_name(rating.rated_by) if rating.rated_by else "A former mentor"
        )
        history.setdefault(rating.competency_id, []).append(rating)
    return history


def shared_reflections(gaps):
    """{journal entry id: text} of the gaps' reflections the learner shared: one query."""
    ids = [gap.reflection_id for gap in gaps if gap.reflection_id]
    if not ids:
        return {}
    return dict(
        JournalEntry.objects.filter(pk__in=ids, shared=True).values_list("pk", "text")
    )


@login_required
def mentee(request, enrolment_pk):
    enrolment = mentored_enrolment_or_404(request.user, enrolment_pk)
    return _page(request, enrolment)


@login_required
@require_POST
def rate(request, enrolment_pk, competency_pk):
    """Add the mentor's rating, or show the page again with what to put right (400)."""
    enrolment = mentored_enrolment_or_404(request.user, enrolment_pk, "rate")
    competency = next(
        (
            c
            for c, _n in programme_competencies(enrolment.programme)
            if c.pk == competency_pk
        ),
        None,
    )
    if competency is None:
        raise Http404("No such competency in this programme.")
    form = MentorRatingForm(competency, request.POST)
    if not form.is_valid():
        return _page(request, enrolment, bound=form, status=400)
    add_mentor_rating(
        enrolment,
        competency,
        request.user,
        form.cleaned_data["level"],
        form.cleaned_data["comment"],
    )
    messages.success(request, f"Your rating of {competency.name} is saved.")
    url = reverse("lms:assessment_mentee", args=[enrolment.pk])
    return redirect(f"{url}#competency-{competency.pk}")


def _page(request, enrolment, bound=None, status=200):
    picture = gap_picture(enrolment)
    history = rating_history(enrolment)
    gaps = [row.focus for row in picture.focus]
    reflections = shared_reflections(gaps)
    rows = [
        {
            "row": row,
            "history": history.get(row.competency.pk, []),
            "form": bound
            if bound is not None and bound.competency.pk == row.competency.pk
            else MentorRatingForm(row.competency),
            "rate_url": reverse(
                "lms:assessment_mentor_rate", args=[enrolment.pk, row.competency.pk]
            ),
        }
        for row in picture.rows
    ]
    focus = [
        {"gap": gap, "reflection": reflections.get(gap.reflection_id)} for gap in gaps
    ]
    context = {
        "enrolment": enrolment,
        "learner_name": display_name(enrolment.user),
        "assessment": picture.assessment,
        "rows": rows,
        "focus": focus,
        "traits": picture.traits,
    }
    return render(request, "lms/assessment/mentee.html", context, status=status)


def mentee_rows(mentor):
    """[(enrolment, latest round)] of the mentor's learners, newest activity
    first: one query (the latest round's number and completion as subqueries)."""
    latest = Assessment.objects.filter(enrolment=OuterRef("pk")).order_by("-round")
    enrolments = (
        mentored_enrolments(mentor)
        .exclude(user=mentor)
        .select_related("user", "programme")
        .annotate(
            round_number=Subquery(latest.values("round")[:1]),
            round_completed=Subquery(latest.values("completed_at")[:1]),
        )
        .order_by("-last_activity_at", "pk")[:SHOWN]
    )
    return list(enrolments)


class MenteeAssessmentsPanel(Component):
    """The mentor's panel on the admin home: their learners' self-assessments."""

    name = "mentee_assessments"
    template_name = "lms/assessment/mentor_panel.html"
    order = 65

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "learners": [
                {
                    "name": display_name(enrolment.user),
                    "programme": enrolment.programme.title,
                    "round": enrolment.round_number,
                    "completed": enrolment.round_completed,
                    "url": reverse("lms:assessment_mentee", args=[enrolment.pk]),
                }
                for enrolment in mentee_rows(self.user)
            ]
        }
