"""The learner's readiness on My learning, only where their programme chooses to
show it (off by default): the label of their verdict in force (ready now, in
6-12 months, not yet) and their own evidence. Never anyone's trait ratings or
comments, nor the potential score or box those ratings weigh in.

Cost: no query while no programme shows the label (which ones do is cached, see
lms.readiness.programme_settings). Once one does, one query on every My
learning (the learner's enrolments on those programmes, with the setting and
the verdict in force, read afresh each time); for a learner whose programme
shows it, their evidence too: the cohort grid's eleven queries per such
enrolment, then kept EVIDENCE_SECONDS, so their next views cost the one query.
"""

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from lms.models import Enrolment, ReadinessRating
from lms.readiness import scores
from lms.readiness.evidence import evidence_for_enrolment
from lms.readiness.models import Verdict
from lms.readiness.programme_settings import shown_programmes

EVIDENCE_SECONDS = 600
# The learner's own figures of the potential axis: the traits are others' view.
OWN_POTENTIAL = (scores.DESIRE, scores.CALIBRATION)
NO_VERDICT = "No verdict yet"


def shown_enrolments(user, programme_ids):
    """The learner's cohort enrolments on programmes that show the label, with
    `verdict_in_force`: one query."""
    newest = ReadinessRating.objects.filter(enrolment_id=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return list(
        Enrolment.objects.filter(
            user=user,
            cohort__isnull=False,
            programme_id__in=programme_ids,
            programme__readiness_settings__show_readiness_to_learner=True,
        )
        .select_related("programme", "cohort")
        .annotate(verdict_in_force=Subquery(newest.values("verdict")[:1]))
        .order_by("enrolled_at", "pk")
    )


def own_evidence(enrolment, today):
    """The learner's own figures ({"score", "performance", "potential"}), cached."""
    key = f"lms:readiness:own:{enrolment.pk}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        _evidence, profile = evidence_for_enrolment(enrolment, today=today)
        potential = profile.potential
        found = {
            "score": profile.performance_score,
            "performance": list(profile.performance.items()),
            "potential": [(name, potential[name]) for name in OWN_POTENTIAL],
        }
        cache.set(key, found, EVIDENCE_SECONDS)
    return found


def verdict_label(verdict):
    return Verdict(verdict).label if verdict else NO_VERDICT


def panel_context(user):
    """The panel's context, or None (nothing shown) when no programme of theirs
    shows the label."""
    programme_ids = shown_programmes()
    if not programme_ids or not user.is_authenticated:
        return None
    enrolments = shown_enrolments(user, programme_ids)
    if not enrolments:
        return None
    today = timezone.localdate()
    return {
        "items": [
            {
                "programme": enrolment.programme.title,
                "verdict": verdict_label(enrolment.verdict_in_force),
                "ready_now": enrolment.verdict_in_force == Verdict.READY_NOW,
                **own_evidence(enrolment, today),
            }
            for enrolment in enrolments
        ]
    }
