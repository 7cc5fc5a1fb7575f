"""The self-assessment's panel on My learning: rate yourself, carry on where you
stopped, or the gaps you work on. Two queries at most, whatever the history.

The panel speaks of one programme: the one with a round open, else the one
rated last, else the first enrolment; the link to all of them says when there
are more.
"""

import functools

from django.db import connection
from django.db.models import DateTimeField, Exists, IntegerField, OuterRef
from django.db.models.expressions import RawSQL
from django.urls import reverse

from courses.models import Competency
from lms.assessment.flow import steps_for
from lms.assessment.focus import open_focus_of
from lms.assessment.policies import own_enrolments
from lms.models import Assessment, Enrolment, SelfRating


def panel_context(user):
    enrolments = _enrolments(user)
    if not enrolments:
        return None
    enrolment = _chosen(enrolments)
    pk = enrolment.pk
    context = {
        "programme": enrolment.programme,
        "more": len(enrolments) > 1,
        "index_url": reverse("lms:assessment_index"),
        "overview_url": reverse("lms:assessment", args=[pk]),
        "focus_url": reverse("lms:assessment_focus", args=[pk]),
    }
    if enrolment.round_pk is None:
        context["state"] = "start"
    elif enrolment.round_completed is None:
        number, count = _resume(enrolment)
        context.update(
            state="open",
            number=number,
            count=count,
            rate_url=reverse("lms:assessment_rate", args=[pk]),
        )
    else:
        focus = open_focus_of(user).get(pk, [])
        context.update(state="complete", focus=focus)
    return context


def _enrolments(user):
    """Query 1: the learner's enrolments with their latest round's id and state.

    The latest round is read by a fixed correlated subquery: built as three
    ORM `Subquery`s it cost about 2.5 ms of CPU to compile on every visit to
    My learning, several times what the database took."""
    return list(
        own_enrolments(user)
        .select_related("programme")
        .annotate(
            round_pk=_latest("id", IntegerField()),
            round_started=_latest("started_at", DateTimeField()),
            round_completed=_latest("completed_at", DateTimeField()),
        )
        .order_by("enrolled_at", "pk")
    )


def _latest(name, output_field):
    return RawSQL(_latest_sql(name), (), output_field=output_field)  # noqa: S611 - names only


@functools.cache
def _latest_sql(name):
    """The `name` column of the enrolment's latest round, correlated by table name."""
    quote = connection.ops.quote_name
    rounds, enrolments = Assessment._meta, Enrolment._meta

    def column(meta, field):
        return quote(meta.get_field(field).column)

    return (
        f"SELECT {column(rounds, name)} FROM {quote(rounds.db_table)}"  # noqa: S608 - names only
        f" WHERE {column(rounds, 'enrolment')}"
        f" = {quote(enrolments.db_table)}.{column(enrolments, 'id')}"
        f" ORDER BY {column(rounds, 'round')} DESC LIMIT 1"
    )


def _chosen(enrolments):
    open_rounds = [
        e for e in enrolments if e.round_pk is not None and e.round_completed is None
    ]
    rated = [e for e in enrolments if e.round_pk is not None]
    if open_rounds:
        return max(open_rounds, key=lambda e: e.round_started)
    if rated:
        return max(rated, key=lambda e: e.round_started)
    return enrolments[0]


def _resume(enrolment):
    """Query 2: (screen number, of how many) the open round carries on at.

    The programme's competencies, each marked rated or not in this round, are
    enough: the pipeline is the last screen, so once every competency screen is
    done the pipeline is what is left (a round open with all rated is that)."""
    rated = SelfRating.objects.filter(
        assessment_id=enrolment.round_pk, competency_id=OuterRef("pk")
    )
    competencies = list(
        Competency.objects.filter(
            tagged_modules__content_object__path__startswith=enrolment.programme.path,
            tagged_modules__content_object__live=True,
        )
        .annotate(rated=Exists(rated))
        .distinct()
        .order_by("name")
    )
    steps = steps_for(competencies)
    for number, step in enumerate(steps[:-1], start=1):
        if not all(c.rated for c in step.competencies):
            return number, len(steps)
    return len(steps), len(steps)
