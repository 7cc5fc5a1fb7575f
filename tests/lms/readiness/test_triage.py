"""Triage: each rule's next step, and who needs time most, with the last coaching
note beside them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.readiness import ratings
from lms.readiness.evidence import evidence_for_cohort
from lms.readiness.triage import (
    AT_RISK,
    COACHING,
    DELIVERING,
    NO_EVIDENCE,
    needs_time,
    next_step,
)
from tests.builders.readiness import (
    coaching_note,
    learner_in,
    make_readiness_scene,
    measured,
    rate_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_readiness_scene()


def step_of(scene, enrolment=None):
    enrolment = enrolment or scene.enrolment
    evidence = evidence_for_cohort(scene.cohort)
    return next_step(
        next(p for p in evidence.profiles if p.enrolment_id == enrolment.pk)
    )


def test_high_performance_is_delivering(scene):
    measured(scene.enrolment, scene.programme.de_escalation, 10, 8)

    step = step_of(scene)

    assert (step.kind, step.label) == (DELIVERING, "Delivering: stretch them")


def test_otherwise_the_weakest_competency_is_named(scene):
    programme = scene.programme
    measured(scene.enrolment, programme.de_escalation, 10, 7)
    measured(scene.enrolment, programme.coaching, 10, 4)

    step = step_of(scene)

    assert (step.kind, step.label) == (COACHING, "Needs coaching on Coaching")


def test_a_weak_trait_is_named_when_it_is_weaker(scene):
    measured(scene.enrolment, scene.programme.de_escalation, 10, 6)
    rate_all(
        scene.enrolment, scene.mentor, "mentor", {"humility": 2, "coachability": 4}
    )

    assert step_of(scene).label == "Needs coaching on Humility"


def test_low_on_both_axes_is_at_risk(scene):
    measured(scene.enrolment, scene.programme.de_escalation, 4, 1)
    rate_all(scene.enrolment, scene.mentor, "mentor", 1)

    step = step_of(scene)

    assert (step.kind, step.why) == (AT_RISK, "Low on both axes.")


def test_a_managers_move_out_of_the_bottom_box_counts(scene):
    measured(scene.enrolment, scene.programme.de_escalation, 4, 1)
    rate_all(scene.enrolment, scene.mentor, "mentor", 1)
    ratings.move(scene.enrolment, 3, 1, "Strong on the floor.", scene.manager)

    assert step_of(scene).kind == DELIVERING


def test_failing_the_knowledge_checks_is_at_risk(scene):
    scene.enrolment.questions_answered, scene.enrolment.questions_correct = 10, 3
    scene.enrolment.save()
    measured(scene.enrolment, scene.programme.de_escalation, 10, 8)

    step = step_of(scene)

    assert (step.kind, step.why) == (AT_RISK, "Failing the knowledge checks.")


def test_two_weeks_without_activity_is_at_risk():
    today = timezone.localdate()
    scene = make_readiness_scene(start_date=today - timedelta(days=20))
    measured(scene.enrolment, scene.programme.de_escalation, 10, 8)
    scene.enrolment.last_activity_at = timezone.now() - timedelta(days=15)
    scene.enrolment.save()
    active = learner_in(scene.cohort, scene.mentor, "eve", modules_completed=6)
    active.last_activity_at = timezone.now() - timedelta(days=13)
    active.save()

    assert step_of(scene).kind == AT_RISK
    assert "No activity for 15 days" in step_of(scene).why
    assert step_of(scene, active).kind != AT_RISK


def test_nothing_to_go_on_is_no_evidence_yet(scene):
    step = step_of(scene)

    assert (step.kind, step.label) == (NO_EVIDENCE, "No evidence yet: rate them")


def test_who_needs_time_most_comes_first_with_the_last_coaching_note(scene):
    programme = scene.programme
    at_risk = scene.other_enrolment
    measured(at_risk, programme.de_escalation, 4, 1)
    rate_all(at_risk, scene.manager, "manager", 1)
    coached = learner_in(scene.cohort, scene.mentor, "fay")
    measured(coached, programme.coaching, 10, 5)
    coaching_note(coached, days_ago=3)
    coaching_note(coached, days_ago=40)
    never = learner_in(scene.cohort, scene.mentor, "gus")
    measured(never, programme.coaching, 10, 6)
    star = learner_in(scene.cohort, scene.mentor, "hal")
    measured(star, programme.coaching, 10, 9)

    listed = needs_time(scene.cohort)

    assert [i.profile.enrolment_id for i in listed] == [
        at_risk.pk,  # at risk first
        never.pk,  # then coaching: never coached before coached 3 days ago
        coached.pk,
        scene.enrolment.pk,  # no evidence yet
    ]
    assert listed[2].last_note == timezone.localdate() - timedelta(days=3)
    assert listed[2].days_since_note(timezone.localdate()) == 3
    assert listed[1].last_note is None
    assert star.pk not in [i.profile.enrolment_id for i in listed]  # delivering


def test_a_mentor_sees_only_their_mentees_on_the_list(scene):
    listed = needs_time(scene.cohort, viewer=scene.other_mentor)

    assert [i.profile.enrolment_id for i in listed] == [scene.other_enrolment.pk]
