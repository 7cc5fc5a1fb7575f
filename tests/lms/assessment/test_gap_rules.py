"""The self-assessment's rules, worked by hand: the screens, saving a screen all or
nothing, the evidence arithmetic, blind spots and hidden strengths, the
suggested gaps, and focus limited to three."""

import pytest
from django.utils import timezone

from lms.assessment.evidence import evidence_for
from lms.assessment.flow import (
    PIPELINE,
    RatingRejected,
    programme_competencies,
    save_step,
    start_round,
    steps_for,
)
from lms.assessment.focus import FocusRejected, choose_focus, close_reached
from lms.assessment.gaps import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    NO_EVIDENCE,
    UNRATED,
    gap_picture,
)
from lms.models import (
    ActionItem,
    CompetencyRecall,
    CriterionRating,
    Enrolment,
    FocusGap,
    JournalEntry,
    MentorRating,
    Review,
    SelfRating,
)
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import make_competency, make_programme_with_modules
from tests.builders.progress import mastery
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return make_programme_with_modules()


@pytest.fixture
def enrolment(programme):
    return enrol_learner(make_cohort(programme.page), "ada")


def recall(user, competency, cards, total):
    return CompetencyRecall.objects.create(
        user=user,
        competency=competency,
        cards=cards,
        recall_total=total,
        as_of=timezone.now(),
    )


def rate_everything(enrolment, levels, desire=3):
    """Go through every screen with `levels` ({slug: level}, traits default 3)."""
    assessment = start_round(enrolment)
    steps = steps_for([c for c, _n in programme_competencies(enrolment.programme)])
    for step in steps:
        chosen = {("competency", c.pk): levels[c.slug] for c in step.competencies}
        chosen |= {("trait", t.slug): levels.get(t.slug, 3) for t in step.traits}
        save_step(assessment, step, steps, chosen, desire=desire, reason="I like it")
    return assessment


def test_one_screen_per_skill_area_then_the_pipeline_without_repeats(programme):
    make_competency(name="Humility", slug="humility", skill_area="general-leadership")
    competencies = [c for c, _n in programme_competencies(programme.page)]

    steps = steps_for(competencies)

    assert [s.key for s in steps] == ["difficult-personalities", "coaching", PIPELINE]
    assert [c.slug for c in steps[0].competencies] == ["de-escalation"]
    pipeline = [t.slug for t in steps[-1].traits]
    assert pipeline == [
        "communication",
        "emotional-intelligence",
        "humility",
        "coachability",
    ]
    # A trait the programme teaches as a competency is asked once, as that.
    steps = steps_for([*competencies, make_competency(slug="humility")])
    assert "humility" not in [t.slug for t in steps[-1].traits]


def test_the_programme_weighs_each_competency_by_its_live_modules(programme):
    counts = {c.slug: n for c, n in programme_competencies(programme.page)}

    assert counts == {"de-escalation": 3, "coaching": 3}


def test_a_screen_with_a_level_missing_or_out_of_range_saves_nothing(enrolment):
    assessment = start_round(enrolment)
    steps = steps_for([c for c, _n in programme_competencies(enrolment.programme)])
    [first, *_rest] = steps
    key = first.keys[0]

    with pytest.raises(RatingRejected, match="every question"):
        save_step(assessment, first, steps, {})
    with pytest.raises(RatingRejected, match="1 to 4"):
        save_step(assessment, first, steps, {key: 7})
    with pytest.raises(RatingRejected, match="want to lead"):
        save_step(
            assessment,
            steps[-1],
            steps,
            dict.fromkeys(steps[-1].keys, 2),
            desire=9,
        )

    assert not SelfRating.objects.exists()


def test_the_last_screen_completes_the_round_and_the_next_round_is_new(enrolment):
    first = rate_everything(enrolment, {"de-escalation": 2, "coaching": 2})

    assert first.completed_at is not None
    second = start_round(enrolment)
    assert second.round == 2 and second.completed_at is None
    assert start_round(enrolment) == second  # an open round is resumed
    with pytest.raises(RatingRejected, match="complete"):
        save_step(first, steps_for([])[0], steps_for([]), {}, desire=2)


def test_a_worked_example_of_evidence_and_readings(programme, enrolment):
    user = enrolment.user
    mastery(user, programme.de_escalation, answered=4, correct=2)  # 0.5
    recall(user, programme.de_escalation, cards=5, total=4.0)  # 0.8
    rate_everything(enrolment, {"de-escalation": 4, "coaching": 2})

    picture = gap_picture(enrolment)

    rows = {row.competency.slug: row for row in picture.rows}
    de_escalation, coaching = rows["de-escalation"], rows["coaching"]
    assert de_escalation.evidence.share == pytest.approx(0.65)
    assert de_escalation.evidence_level == pytest.approx(2.95)
    assert de_escalation.reading == BLIND_SPOT  # 4 against 2.95
    assert de_escalation.gap == pytest.approx(0.05)
    assert coaching.reading == NO_EVIDENCE
    assert coaching.gap == pytest.approx(1.0)  # from the self-rating of 2
    assert [r.competency.slug for r in picture.suggested] == [
        "coaching",
        "de-escalation",
    ]


def test_a_hidden_strength_and_an_unrated_competency(programme, enrolment):
    mastery(enrolment.user, programme.coaching, answered=5, correct=5)  # level 4
    assessment = start_round(enrolment)
    steps = steps_for([c for c, _n in programme_competencies(enrolment.programme)])
    coaching_step = next(s for s in steps if s.key == "coaching")
    save_step(assessment, coaching_step, steps, {coaching_step.keys[0]: 2})

    rows = {row.competency.slug: row for row in gap_picture(enrolment).rows}

    assert rows["coaching"].reading == HIDDEN_STRENGTH
    assert rows["de-escalation"].reading == UNRATED


def test_the_previous_round_shows_before_and_after(programme, enrolment):
    rate_everything(enrolment, {"de-escalation": 2, "coaching": 1})
    rate_everything(enrolment, {"de-escalation": 3, "coaching": 2})

    picture = gap_picture(enrolment)

    rows = {row.competency.slug: row for row in picture.rows}
    assert (rows["de-escalation"].previous_level, rows["de-escalation"].self_level) == (
        2,
        3,
    )
    assert picture.previous.round == 1 and picture.assessment.round == 2


def test_rubric_scores_and_the_mentors_latest_rating_count_as_evidence():
    scene = make_stretch_scene()
    competency = make_competency(name="Coaching", slug="coaching")
    assignment = scene.assignment
    assignment.competencies.set([competency])
    criteria = list(assignment.criteria.all())[:2]
    earlier = Review.objects.create(
        assignment=assignment, mentor=scene.mentor, outcome=Review.Outcome.APPROVED
    )
    for criterion in criteria:
        CriterionRating.objects.create(review=earlier, criterion=criterion, score=1)
    approved = Review.objects.create(
        assignment=assignment, mentor=scene.mentor, outcome=Review.Outcome.APPROVED
    )
    for criterion, score in zip(criteria, (3, 4), strict=True):
        CriterionRating.objects.create(
            review=approved, criterion=criterion, score=score
        )
    enrolment = Enrolment.objects.get(user=scene.learner)
    for level in (2, 4):
        MentorRating.objects.create(
            enrolment=enrolment,
            competency=competency,
            rated_by=scene.mentor,
            level=level,
        )

    evidence = evidence_for(enrolment, [competency.pk])[competency.pk]

    assert evidence.rubric == pytest.approx(3.5)  # the latest approving review
    assert evidence.mentor == 4
    assert evidence.share == pytest.approx((2.5 / 3 + 1) / 2)


def test_focus_takes_three_gaps_with_a_reflection_each(programme, enrolment):
    extra = [
        make_competency(name=f"Skill {n}", slug=f"skill-{n}", skill_area="coaching")
        for n in range(2)
    ]
    for competency in (programme.de_escalation, programme.coaching, extra[0]):
        choose_focus(enrolment, competency, "skill", "I can practise it on calls.")

    with pytest.raises(FocusRejected, match="already work on 3"):
        choose_focus(enrolment, extra[1], "talent", "Maybe not for me.")
    with pytest.raises(FocusRejected, match="a sentence"):
        choose_focus(enrolment, extra[1], "skill", "  ")

    assert FocusGap.objects.filter(enrolment=enrolment).count() == 3
    entry = JournalEntry.objects.filter(user=enrolment.user).first()
    assert entry.prompt.endswith("a skill I can learn, or a talent question?")
    assert "I can practise it on calls." in entry.text
    assert ActionItem.objects.filter(user=enrolment.user).count() == 3


def test_the_same_gap_twice_is_refused_and_markup_is_dropped(programme, enrolment):
    gap = choose_focus(
        enrolment, programme.coaching, "unsure", "<b>Not sure</b><script>x</script>"
    )

    with pytest.raises(FocusRejected, match="already in your focus"):
        choose_focus(enrolment, programme.coaching, "skill", "Again")
    assert "<" not in gap.reflection.text and "Not sure" in gap.reflection.text


def test_a_focus_gap_closes_once_the_evidence_reaches_the_target(programme, enrolment):
    choose_focus(enrolment, programme.coaching, "skill", "Practice.")
    choose_focus(enrolment, programme.de_escalation, "skill", "Practice.")
    mastery(enrolment.user, programme.coaching, answered=3, correct=3)  # level 4
    mastery(enrolment.user, programme.de_escalation, answered=3, correct=1)

    assert close_reached([enrolment.user_id]) == 1

    still_open = FocusGap.objects.filter(enrolment=enrolment, closed_at__isnull=True)
    assert [g.competency for g in still_open] == [programme.de_escalation]
