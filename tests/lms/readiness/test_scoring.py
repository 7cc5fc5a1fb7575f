"""The placement arithmetic, worked by hand: weighted means of the figures there
are, rounded to one decimal, boxed with a score on a cut point going up."""

import pytest

from lms.readiness import scores
from lms.readiness.profiles import CompetencyEvidence, Profile
from lms.readiness.thresholds import Thresholds, box

DEFAULT = Thresholds(50, 75)


def profile(**fields):
    """A profile with no evidence unless given."""
    base = dict(
        enrolment_id=1,
        user_id=1,
        name="Ada",
        team="",
        site="",
        mentor_id=None,
        mentor="",
        modules_completed=0,
        last_activity_at=None,
        questions_answered=0,
        questions_correct=0,
    )
    return Profile(**(base | fields))


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, 1),
        (49.9, 1),
        (50, 2),
        (50.1, 2),
        (74.9, 2),
        (75, 3),
        (75.1, 3),
        (100, 3),
    ],
)
def test_a_score_on_a_cut_point_goes_up(score, expected):
    assert box(score, DEFAULT) == expected


def test_other_cut_points_move_the_edges():
    edges = Thresholds(40, 60)

    assert [box(s, edges) for s in (39.9, 40, 59.9, 60)] == [1, 2, 2, 3]


def test_no_score_is_no_box_not_box_one():
    assert box(None, DEFAULT) is None


def test_absent_figures_are_left_out_not_counted_as_zero():
    # mastery 80 (weight 3) and recall 50 (weight 2); the rest absent:
    # (3 * 80 + 2 * 50) / 5 = 68.0, where zeros would have given 34.0.
    figures = {scores.MASTERY: 80, scores.RECALL: 50, scores.SCHEDULE: None}

    assert scores.weighted_score(figures, scores.PERFORMANCE_WEIGHTS) == 68.0


def test_no_figure_at_all_is_no_score():
    figures = dict.fromkeys(scores.POTENTIAL_WEIGHTS)

    assert scores.weighted_score(figures, scores.POTENTIAL_WEIGHTS) is None


def test_a_worked_performance_score():
    # Mastery 8/10 = 80, recall 2.0/4 = 50, 2 of 4 modules due = 50,
    # rubric 3.5 -> (3.5 - 1) / 3 = 83.33, streak 2 of 4 weeks = 50:
    # (3*80 + 2*50 + 2*50 + 2*83.33 + 1*50) / 10 = 65.67 -> 65.7, box 2.
    p = profile(
        answers=(8, 10),
        cards=(2.0, 4),
        modules_completed=2,
        expected=4,
        rubric=3.5,
        streak=2,
    )

    p.place(DEFAULT, DEFAULT)

    assert p.performance_score == 65.7
    assert p.evidence_box is None  # no potential evidence: not placed


def test_a_worked_potential_score():
    # Mentor's traits all 3 -> 66.67, manager's all 2 -> 33.33, desire 4 ->
    # 100, no self-ratings to calibrate: (3*66.67 + 3*33.33 + 2*100) / 8 = 62.5.
    traits = {("mentor", "humility"): 3, ("mentor", "coachability"): 3}
    traits |= {("manager", "humility"): 2, ("manager", "coachability"): 2}
    p = profile(traits=traits, desire=4, answers=(3, 4))

    p.place(DEFAULT, DEFAULT)

    assert p.potential_score == 62.5
    assert p.performance_score == 75.0
    assert p.evidence_box == (3, 2)


def test_calibration_counts_only_rating_oneself_above_the_evidence():
    # Evidence share 0.5 is level 2.5. Self 4 is 1.5 above; self 1 is below
    # and costs nothing: mean gap 0.75 of 3 levels -> 75.
    competencies = {
        1: CompetencyEvidence(1, "De-escalation", mastery=0.5, self_level=4),
        2: CompetencyEvidence(2, "Coaching", recall=0.5, self_level=1),
        3: CompetencyEvidence(3, "Unmeasured", self_level=4),
    }

    figures = profile(competencies=competencies).potential

    assert figures[scores.CALIBRATION] == pytest.approx(75.0)


def test_on_schedule_is_capped_and_absent_before_anything_is_due():
    assert scores.on_schedule(6, 4) == 100.0
    assert scores.on_schedule(1, 4) == 25.0
    assert scores.on_schedule(3, 0) is None


def test_a_long_streak_scores_full_marks_and_no_streak_zero():
    assert [scores.sacred_time(n) for n in (0, 2, 4, 9)] == [0, 50, 100, 100]
    assert scores.sacred_time(None) is None


def test_the_weakest_is_the_lowest_share_competency_or_trait():
    competencies = {
        1: CompetencyEvidence(1, "De-escalation", mastery=0.6),
        2: CompetencyEvidence(2, "Coaching", mastery=0.4, recall=0.6),
    }
    p = profile(competencies=competencies, traits={("mentor", "humility"): 2})

    weakest = p.weakest

    # Humility at level 2 is a share of 0.33, below Coaching's 0.5.
    assert (weakest.kind, weakest.name) == ("trait", "Humility")
