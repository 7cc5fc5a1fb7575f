"""Recording judgements: trait ratings, readiness verdicts and a manager's moves.

Each call adds a row (history is never overwritten) after the model's own
checks, so a missing comment or reason raises ValidationError and stores
nothing. Callers have found the enrolment and the role through
lms.readiness.policies.
"""

from django.db import transaction

from lms.models import Placement, ReadinessRating, TraitRating


def _added(row):
    row.full_clean()
    row.save()
    return row


def _trait_rating(enrolment, rater, role, trait, level, comment):
    return TraitRating(
        enrolment=enrolment,
        rater=rater,
        rater_role=role,
        trait=trait,
        level=level,
        comment=comment,
    )


def rate_trait(enrolment, rater, role, trait, level, comment):
    """A new rating of one trait by `rater` in `role` ("mentor" or "manager")."""
    return _added(_trait_rating(enrolment, rater, role, trait, level, comment))


def rate_traits(enrolment, rater, role, ratings):
    """Rate several traits at once ({slug: (level, comment)}): all or nothing.

    Every row is checked before any is written, so the transaction only
    writes: SQLite then makes a second writer wait its turn, where a
    transaction that read first would be refused ("database is locked")."""
    rows = [
        _trait_rating(enrolment, rater, role, trait, level, comment)
        for trait, (level, comment) in ratings.items()
    ]
    for row in rows:
        row.full_clean()
    with transaction.atomic():
        for row in rows:
            row.save()
    return rows


def rate_readiness(enrolment, rater, role, verdict, comment):
    """A new verdict: ready now, in 6-12 months, or not yet."""
    return _added(
        ReadinessRating(
            enrolment=enrolment,
            rater=rater,
            rater_role=role,
            verdict=verdict,
            comment=comment,
        )
    )


def move(enrolment, performance, potential, reason, moved_by):
    """Place the learner in a box by hand; it stays until cleared."""
    return _added(
        Placement(
            enrolment=enrolment,
            performance=performance,
            potential=potential,
            reason=reason,
            moved_by=moved_by,
        )
    )


def clear_move(enrolment, reason, moved_by):
    """Hand the learner's place back to the evidence, saying why."""
    return _added(
        Placement(enrolment=enrolment, cleared=True, reason=reason, moved_by=moved_by)
    )


def trait_history(enrolment):
    """Every trait rating of the learner, newest first, with who gave it."""
    return _newest_first(TraitRating, enrolment, "rater")


def readiness_history(enrolment):
    """Every verdict on the learner, newest first, with who gave it."""
    return _newest_first(ReadinessRating, enrolment, "rater")


def move_history(enrolment):
    """Every move and clearing, newest first, with who made it."""
    return _newest_first(Placement, enrolment, "moved_by")


def _newest_first(model, enrolment, who):
    return (
        model.objects.filter(enrolment=enrolment)
        .select_related(who)
        .order_by("-created_at", "-pk")
    )


def move_in_force(enrolment):
    """The manager's move that places the learner now, or None."""
    latest = move_history(enrolment).first()
    return None if latest is None or latest.cleared else latest
