"""The grid's two scores: each a weighted mean of figures from 0 to 100.

Performance, what the learner delivers now (weight in brackets):
  knowledge checks (3): share of first answers right, over the programme's
      competencies (CompetencyMastery);
  recall (2): predicted recall of their review cards, over the same
      (CompetencyRecall);
  on schedule (2): modules completed against what the cohort's pacing expects
      by today, capped at 100; no figure before anything is due;
  stretch projects (2): mean rubric score of their approved projects in the
      cohort, each through its latest approving review (1-4 as 0-100);
  sacred time (1): the streak of weeks meeting their sacred-time goal, 4 weeks
      or more = 100, counted only on weeks shared with their mentor and only
      when one of the last five weeks is shared with a goal set.
Potential, what they could grow into:
  mentor's traits (3) and manager's traits (3): the mean of that role's newest
      level on each pipeline trait it rated (1-4 as 0-100);
  desire to lead (2): their answer in their latest completed self-assessment
      (1-4 as 0-100);
  calibration (2): 100 less the mean blind-spot gap over the competencies
      they rated, as a share of the 3 levels it could be. The gap is how far
      the self-rating is above the measured evidence (knowledge checks and
      recall; rating oneself lower costs nothing): a small gap is a learner who
      sees themselves as others do, the coachability the sources look for.
      Mentors' ratings are left out of it, as they count in the traits.

A figure without evidence is left out and the others share its weight: nothing
counts as zero for being absent. An axis with no figure at all has no score:
"no evidence yet", and the learner is not placed on the grid. Scores are
rounded to one decimal, as shown, before they are boxed.
"""

from lms.assessment.evidence import level_share, share_level

MASTERY, RECALL, SCHEDULE, STRETCH, SACRED = (
    "knowledge checks",
    "recall",
    "on schedule",
    "stretch projects",
    "sacred time",
)
MENTOR_TRAITS, MANAGER_TRAITS, DESIRE, CALIBRATION = (
    "mentor's traits",
    "manager's traits",
    "desire to lead",
    "calibration",
)
PERFORMANCE_WEIGHTS = {MASTERY: 3, RECALL: 2, SCHEDULE: 2, STRETCH: 2, SACRED: 1}
POTENTIAL_WEIGHTS = {MENTOR_TRAITS: 3, MANAGER_TRAITS: 3, DESIRE: 2, CALIBRATION: 2}
SACRED_WEEKS = 4  # a streak this long scores 100
LEVELS_APART = 3  # the widest gap between two levels on the 1-4 scale


def weighted_score(figures, weights):
    """The weighted mean of the figures there are, to one decimal; None if none."""
    present = {name: value for name, value in figures.items() if value is not None}
    if not present:
        return None
    total = sum(weights[name] for name in present)
    return round(sum(weights[name] * v for name, v in present.items()) / total, 1)


def percent(share):
    return None if share is None else 100 * share


def level_percent(level):
    """A level 1-4 (or a mean of levels) as 0-100: 1 is 0, 4 is 100."""
    return None if level is None else 100 * level_share(level)


def pooled(pairs):
    """Sum of parts over sum of wholes, for [(part, whole)]; None with no whole."""
    whole = sum(w for _p, w in pairs)
    return sum(p for p, _w in pairs) / whole if whole else None


def on_schedule(completed, expected):
    """Modules done against modules due, capped at 100; None when none are due."""
    return min(100.0, 100 * completed / expected) if expected > 0 else None


def sacred_time(streak):
    return None if streak is None else 100 * min(streak, SACRED_WEEKS) / SACRED_WEEKS


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def calibration(pairs):
    """100 less the mean blind-spot gap, for [(self level, evidence share)]."""
    gaps = [max(0.0, level - share_level(share)) for level, share in pairs]
    gap = mean(gaps)
    return None if gap is None else 100 * (1 - gap / LEVELS_APART)
