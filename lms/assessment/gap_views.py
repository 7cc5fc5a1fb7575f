"""The gap picture page: the chart, the same figures as a table, the named lists,
the pipeline answers and, while a round is open, where to carry on.

`gap_context` builds everything but the page itself, so another view of the
same picture (a mentor's) draws the same figures.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms.assessment.chart import chart, level_text
from lms.assessment.flow import next_step, steps_for
from lms.assessment.gaps import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    NO_EVIDENCE,
    TARGET_LEVEL,
    gap_picture,
)
from lms.assessment.policies import enrolment_or_404
from lms.assessment.traits import DESIRE_CHOICES
from lms.assessment.views import position

NAMED = (
    (
        BLIND_SPOT,
        "Blind spots",
        "You rated yourself a level or more above the evidence.",
    ),
    (
        HIDDEN_STRENGTH,
        "Hidden strengths",
        "The evidence shows a level or more above your own rating.",
    ),
    (NO_EVIDENCE, "Without evidence yet", "Modules, reviews and projects will add it."),
)
DESIRES = dict(DESIRE_CHOICES)


@dataclass(frozen=True)
class TableRow:
    name: str
    self_text: str  # "3", or "2 → 3" after an earlier round
    evidence_text: str  # "2.95", or "" without evidence
    sources: str  # "knowledge checks 50%, recall 80%"
    mentor: int | None
    reading: str
    reading_text: str


def percent(share):
    return round(share * 100)


def sources_text(evidence):
    """Where the evidence level comes from, in words."""
    parts = []
    if evidence.mastery is not None:
        parts.append(f"knowledge checks {percent(evidence.mastery)}%")
    if evidence.recall is not None:
        parts.append(f"recall {percent(evidence.recall)}%")
    if evidence.rubric is not None:
        parts.append(f"stretch projects {level_text(evidence.rubric)} of 4")
    if evidence.mentor is not None:
        parts.append(f"mentor {evidence.mentor} of 4")
    return ", ".join(parts)


def self_text(row):
    now = "not rated yet" if row.self_level is None else str(row.self_level)
    if row.previous_level is None:
        return now
    return f"{row.previous_level} → {now}"


def table_row(row):
    return TableRow(
        name=row.competency.name,
        self_text=self_text(row),
        evidence_text=level_text(row.evidence_level),
        sources=sources_text(row.evidence),
        mentor=row.evidence.mentor,
        reading=row.reading,
        reading_text=row.reading_text,
    )


def trait_rows(picture):
    """(trait, level, previous level, the anchor of the level chosen): a trait the
    programme teaches as a competency was rated on that competency's anchors."""
    taught = {row.competency.slug: row.competency for row in picture.rows}
    found = []
    for trait, level, previous in picture.traits:
        anchors = dict(trait.described_levels())
        if trait.slug in taught:
            anchors = dict(taught[trait.slug].described_levels())
        found.append((trait, level, previous, anchors.get(level, "")))
    return found


def gap_context(enrolment, own=True):
    """The picture's figures for the templates in lms/assessment/ (figures.html)."""
    picture = gap_picture(enrolment)
    assessment = picture.assessment
    context = {
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "assessment": assessment,
        "previous": picture.previous,
        "own": own,
        "target": TARGET_LEVEL,
    }
    if assessment is None:
        return context
    context.update(
        picture=picture,
        chart=chart(picture.rows, "You" if own else "Self"),
        rows=[table_row(row) for row in picture.rows],
        named=[
            (key, title, note, [table_row(row) for row in picture.named(key)])
            for key, title, note in NAMED
        ],
        traits=trait_rows(picture),
        desire=DESIRES.get(assessment.desire_to_lead),
        focus=picture.focus,
    )
    return context


def resume(picture):
    """(screen number, of how many) where an open round carries on, else None."""
    assessment = picture.assessment
    if assessment is None or assessment.completed_at is not None:
        return None
    steps = steps_for([row.competency for row in picture.rows])
    step = next_step(assessment, steps) or steps[-1]
    return position(steps, step)


@login_required
def overview(request, enrolment_pk):
    enrolment = enrolment_or_404(request.user, enrolment_pk)
    context = gap_context(enrolment)
    if context["assessment"] is not None:
        context["resume"] = resume(context["picture"])
    return render(request, "lms/assessment/overview.html", context)
