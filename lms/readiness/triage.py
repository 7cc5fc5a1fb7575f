"""Triage: a suggested next step for each learner, and the cohort's list of who
needs the manager's or mentor's time most.

The rules, the first that holds wins:
1. "At risk: talk this week" when the cohort's status rule says at risk
   (behind the schedule and inactive for a week, or failing the knowledge
   checks), or they are placed low on both axes (box 1, 1), or they have done
   nothing for IDLE_DAYS days (counted from the cohort's start for someone who
   never began).
2. "Delivering: stretch them" when in the top performance column (the move's,
   or the evidence's even before there is any evidence of potential).
3. "Needs coaching on X" when anything can be named: X is the weakest
   competency (measured evidence) or trait (mentor's and manager's ratings),
   whichever has the lower share; a competency on a tie.
4. "No evidence yet: rate them" otherwise: nothing to place them by or to name.
The boxes are those in force, so a manager's move counts.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Max

from lms.cohorts.statuses import AT_RISK as STATUS_AT_RISK
from lms.cohorts.statuses import FAILING_AFTER_ANSWERS, FAILING_BELOW
from lms.core.expressions import InSubquery
from lms.models import CoachingNote
from lms.readiness.evidence import evidence_for_cohort, members_of

IDLE_DAYS = 14
AT_RISK, COACHING, NO_EVIDENCE, DELIVERING = (
    "at_risk",
    "coaching",
    "no_evidence",
    "delivering",
)
# Most urgent first; those delivering are not on the list of who needs time.
URGENCY = {AT_RISK: 0, COACHING: 1, NO_EVIDENCE: 2, DELIVERING: 3}


@dataclass(frozen=True)
class NextStep:
    kind: str
    label: str
    why: str


def next_step(profile):
    """The suggested next step for one profile, by the rules above."""
    if profile.status == STATUS_AT_RISK:
        return NextStep(AT_RISK, "At risk: talk this week", _why_at_risk(profile))
    if profile.boxes == (1, 1):
        return NextStep(AT_RISK, "At risk: talk this week", "Low on both axes.")
    if profile.idle_days >= IDLE_DAYS:
        why = f"No activity for {profile.idle_days} days."
        return NextStep(AT_RISK, "At risk: talk this week", why)
    if profile.performance_box == 3:
        why = "High performance on the evidence they hold."
        return NextStep(DELIVERING, "Delivering: stretch them", why)
    weakest = profile.weakest
    if weakest is not None:
        why = f"Their weakest {weakest.kind} at {round(100 * weakest.share)}%."
        return NextStep(COACHING, f"Needs coaching on {weakest.name}", why)
    why = "Nothing measured or rated yet."
    return NextStep(NO_EVIDENCE, "No evidence yet: rate them", why)


def _why_at_risk(profile):
    """Which half of the cohort's status rule holds."""
    answered = profile.questions_answered
    if (
        answered >= FAILING_AFTER_ANSWERS
        and profile.questions_correct / answered < FAILING_BELOW
    ):
        return "Failing the knowledge checks."
    return "Behind the schedule and inactive for a week."


@dataclass
class TimeNeeded:
    profile: object
    step: NextStep
    last_note: date | None  # the latest GROW coaching note's date

    def days_since_note(self, today):
        return None if self.last_note is None else (today - self.last_note).days


def needs_time(cohort, viewer=None, today=None, now=None):
    """Who needs the manager's or mentor's time, most urgent first: by the rules'
    order, then the longest without a coaching note (never first), then the
    lowest performance. Those delivering are left off."""
    evidence = evidence_for_cohort(cohort, today=today, now=now, viewer=viewer)
    notes = last_notes(cohort, members_of(cohort, viewer))
    found = [
        TimeNeeded(profile, step, notes.get(profile.user_id))
        for profile in evidence.profiles
        if (step := next_step(profile)).kind != DELIVERING
    ]
    return sorted(found, key=_urgency)


def _urgency(item):
    score = item.profile.performance_score
    return (
        URGENCY[item.step.kind],
        item.last_note or date.min,
        score is None,
        score or 0,
        item.profile.name,
    )


def last_notes(cohort, members):
    """{learner: the date of their latest coaching note in the cohort}."""
    notes = (
        CoachingNote.objects.filter(cohort=cohort)
        .filter(InSubquery(F("learner_id"), members.values("user_id")))
        .values("learner_id")
        .annotate(last=Max("held_on"))
        .order_by()
    )
    return {row["learner_id"]: row["last"] for row in notes}
