"""Focus: the few gaps a learner works on now (at most three at a time).

Choosing one writes the learner's reflection ("a skill I can learn, or a
talent question?") into their journal and an entry into their action plan;
a gap closes by itself once the evidence reaches the target level.
"""

import nh3
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.assessment.evidence import evidence_for
from lms.assessment.gaps import TARGET_LEVEL
from lms.models import ActionItem, Enrolment, FocusGap, JournalEntry

MAX_FOCUS = 3
MAX_REFLECTION = 2_000
QUESTION = "Is {name} a skill I can learn, or a talent question?"


class FocusRejected(Exception):
    """Nothing was saved; the message says why."""


def choose_focus(enrolment, competency, kind, reflection):
    """Add `competency` to the learner's focus, with their reflection."""
    if kind not in FocusGap.Kind.values:
        raise FocusRejected(
            "Say whether this is a skill to learn or a talent question."
        )
    reflection = nh3.clean(reflection or "", tags=set()).strip()
    if not reflection:
        raise FocusRejected("Write a sentence or two on why, for your journal.")
    if len(reflection) > MAX_REFLECTION:
        raise FocusRejected(f"Keep the reflection under {MAX_REFLECTION:,} characters.")
    with transaction.atomic():
        # One learner's choices in turn, so two tabs cannot pass the limit.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if enrolment.focus_gaps.filter(closed_at__isnull=True).count() >= MAX_FOCUS:
            raise FocusRejected(
                f"You already work on {MAX_FOCUS} gaps: finish or drop one first."
            )
        try:
            with transaction.atomic():
                gap = FocusGap.objects.create(
                    enrolment=enrolment, competency=competency, kind=kind
                )
        except IntegrityError as error:
            raise FocusRejected(
                f"{competency.name} is already in your focus."
            ) from error
        gap.reflection = _journal(enrolment, competency, kind, reflection)
        gap.save(update_fields=["reflection"])
        _action(enrolment, competency)
    return gap


def drop_focus(gap, now=None):
    """The learner stops working on a gap (kept, closed, for the history)."""
    if gap.closed_at is None:
        gap.closed_at = now or timezone.now()
        gap.save(update_fields=["closed_at"])
    return gap


def close_reached(user_ids, now=None):
    """Close the open focus gaps of these learners whose evidence reached the target."""
    now = now or timezone.now()
    gaps = FocusGap.objects.filter(
        enrolment__user_id__in=user_ids, closed_at__isnull=True
    ).select_related("enrolment")
    by_enrolment = {}
    for gap in gaps:
        by_enrolment.setdefault(gap.enrolment, []).append(gap)
    closed = []
    for enrolment, mine in by_enrolment.items():
        evidence = evidence_for(enrolment, [gap.competency_id for gap in mine])
        for gap in mine:
            level = evidence[gap.competency_id].level
            if level is not None and level >= TARGET_LEVEL:
                closed.append(gap.pk)
    FocusGap.objects.filter(pk__in=closed).update(closed_at=now)
    return len(closed)


def _journal(enrolment, competency, kind, reflection):
    label = FocusGap.Kind(kind).label
    return JournalEntry.objects.create(
        user_id=enrolment.user_id,
        prompt=QUESTION.format(name=competency.name),
        text=f"{label}. {reflection}",
        created_at=timezone.now(),
    )


def _action(enrolment, competency):
    ActionItem.objects.create(
        user_id=enrolment.user_id,
        title=f"Close my gap in {competency.name}"[:200],
        instructions=(
            f"Work through the modules on {competency.name} that My learning "
            "suggests next, try it on the floor this week, and ask your mentor "
            "how it looked."
        ),
    )


def open_focus_of(user):
    """{enrolment id: [open FocusGap with its competency]} for the learner: one
    query, kept on the user object for the rest of the request, because My
    learning's next up and its self-assessment panel both ask."""
    found = getattr(user, "_lms_open_focus", None)
    if found is None:
        found = {}
        gaps = FocusGap.objects.filter(
            enrolment__user=user, closed_at__isnull=True
        ).select_related("competency")
        for gap in gaps.order_by("chosen_at", "pk"):
            found.setdefault(gap.enrolment_id, []).append(gap)
        user._lms_open_focus = found
    return found
