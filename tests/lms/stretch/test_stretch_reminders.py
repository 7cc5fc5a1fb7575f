"""Stretch-project emails: daily reminders and news of submissions and reviews, each once.

The scene's project runs from 7 September 2026 to 5 October 2026, with
milestones due on 13 September, 20 September and 4 October.
"""

import logging
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from lms.models import Evidence, Notification, Review, StretchAssignment
from lms.notifications.delivery import DeliveryFailed
from lms.stretch.reminders import send_stretch_news, send_stretch_reminders
from lms.stretch.reviews import review
from lms.stretch.states import IllegalTransition, transition
from tasks import stretch as jobs
from tests.builders.mail import lose_the_first_send
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
FIRST_MILESTONE = date(2026, 9, 13)
LAST_MILESTONE = date(2026, 10, 4)
DUE = date(2026, 10, 5)


@pytest.fixture
def scene():
    return make_stretch_scene()


def days(start, end):
    """Every day from start to end, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def run_on(*days_to_run):
    """Run the daily job on each day given; return how many emails each run sent."""
    return [send_stretch_reminders(day) for day in days_to_run]


def sent(kind):
    return list(Notification.objects.filter(kind=kind).order_by("pk"))


def subjects():
    return [message.subject for message in mail.outbox]


def set_status(assignment, status):
    StretchAssignment.objects.filter(pk=assignment.pk).update(status=status)


# Milestones


def test_a_milestone_due_in_three_days_is_announced_to_the_learner(scene):
    assert run_on(FIRST_MILESTONE - timedelta(days=3)) == [1]

    (message,) = mail.outbox
    assert message.to == [scene.learner.email]
    assert (
        message.subject == "Milestone due in 3 days: Agree the story with your manager"
    )
    link = reverse("lms:project", args=[scene.assignment.pk])
    assert link in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_milestone_four_days_away_waits(scene):
    assert run_on(FIRST_MILESTONE - timedelta(days=4)) == [0]
    assert mail.outbox == []


def test_a_milestone_is_announced_once_however_often_the_job_runs(scene):
    window = days(FIRST_MILESTONE - timedelta(days=5), FIRST_MILESTONE)

    run_on(*window, *window)

    assert len(sent("stretch_milestone")) == 1
    assert len(mail.outbox) == 1


def test_a_missed_run_is_caught_up_the_next_day_with_the_days_left(scene):
    run_on(FIRST_MILESTONE - timedelta(days=2))

    assert subjects() == ["Milestone due in 2 days: Agree the story with your manager"]


def test_a_milestone_due_today_is_not_announced_any_more(scene):
    run_on(FIRST_MILESTONE)

    assert sent("stretch_milestone") == []


def test_a_done_milestone_is_not_announced(scene):
    scene.assignment.milestones.filter(due_date=FIRST_MILESTONE).update(
        done_at=timezone.now()
    )

    run_on(*days(FIRST_MILESTONE - timedelta(days=3), FIRST_MILESTONE))

    assert sent("stretch_milestone") == []


def test_a_moved_milestone_is_announced_again_for_its_new_date(scene):
    run_on(FIRST_MILESTONE - timedelta(days=3))
    scene.assignment.milestones.filter(due_date=FIRST_MILESTONE).update(
        due_date=FIRST_MILESTONE + timedelta(days=2)
    )

    run_on(FIRST_MILESTONE - timedelta(days=1))

    assert len(sent("stretch_milestone")) == 2


# Due tomorrow


def test_a_project_due_tomorrow_reminds_the_learner(scene):
    run_on(DUE - timedelta(days=1))

    (reminder,) = sent("stretch_due")
    assert reminder.user == scene.learner
    assert f"Stretch project due tomorrow: {scene.assignment.title}" in subjects()


def test_a_project_due_in_two_days_waits(scene):
    run_on(DUE - timedelta(days=2))

    assert sent("stretch_due") == []


def test_the_due_reminder_goes_once_even_when_caught_up_on_the_day(scene):
    run_on(DUE - timedelta(days=1), DUE - timedelta(days=1), DUE, DUE)

    assert len(sent("stretch_due")) == 1


def test_a_run_missed_the_day_before_says_due_today(scene):
    run_on(DUE)

    assert f"Stretch project due today: {scene.assignment.title}" in subjects()


def test_an_in_progress_project_is_still_reminded(scene):
    transition(scene.assignment, "start", scene.learner)

    run_on(DUE - timedelta(days=1))

    assert len(sent("stretch_due")) == 1


# Overdue


def test_an_overdue_project_is_reminded_on_its_first_overdue_day(scene):
    assert run_on(DUE) == [1]  # the due-today catch-up only
    run_on(DUE + timedelta(days=1))

    (overdue,) = sent("stretch_overdue")
    assert overdue.user == scene.learner
    assert "1 day ago" in mail.outbox[-1].body


def test_an_overdue_project_is_reminded_weekly_while_it_stays_overdue(scene):
    every_day = days(DUE + timedelta(days=1), DUE + timedelta(days=22))

    reminded_on = [day for day in every_day if send_stretch_reminders(day)]

    assert reminded_on == [
        DUE + timedelta(days=1),
        DUE + timedelta(days=8),
        DUE + timedelta(days=15),
        DUE + timedelta(days=22),
    ]
    assert sum(run_on(*every_day)) == 0
    assert len(mail.outbox) == 4


def test_a_missed_first_overdue_day_is_caught_up_within_the_week(scene):
    run_on(DUE + timedelta(days=3), DUE + timedelta(days=7))
    assert len(sent("stretch_overdue")) == 1

    run_on(DUE + timedelta(days=8))
    assert len(sent("stretch_overdue")) == 2


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REVIEWED])
def test_work_handed_in_gets_no_reminders(scene, status):
    set_status(scene.assignment, status)

    run_on(*days(scene.assignment.start_date, DUE + timedelta(days=30)))

    assert mail.outbox == []


def test_a_completed_project_gets_no_reminders(scene):
    set_status(scene.assignment, Status.COMPLETED)

    run_on(*days(scene.assignment.start_date, DUE + timedelta(days=30)))

    assert mail.outbox == []


def test_a_learner_without_an_email_address_is_skipped(scene):
    scene.learner.email = ""
    scene.learner.save()

    run_on(*days(scene.assignment.start_date, DUE + timedelta(days=30)))

    assert Notification.objects.count() == 0


def test_each_learner_gets_reminders_of_their_own_project_only(scene):
    theirs = scene.assign(learners=[scene.other_learner])[0]

    run_on(DUE - timedelta(days=1))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [scene.learner.email, scene.other_learner.email]
    )
    assert {n.key.split(":")[1] for n in sent("stretch_due")} == {
        str(scene.assignment.pk),
        str(theirs.pk),
    }


def test_a_failed_send_is_rolled_back_and_sent_by_the_retry(scene, monkeypatch):
    scene.assign(learners=[scene.other_learner])
    lose_the_first_send(monkeypatch)

    with pytest.raises(DeliveryFailed):
        send_stretch_reminders(DUE - timedelta(days=1))
    assert len(mail.outbox) == 1

    assert send_stretch_reminders(DUE - timedelta(days=1)) == 1
    assert len({m.to[0] for m in mail.outbox}) == 2


def test_the_job_reads_an_iso_day(scene):
    assert jobs.send_stretch_reminders.delay(DUE.isoformat()).get() == 1


# News of submissions and reviews, through the signal


@pytest.fixture
def submitted(scene, django_capture_on_commit_callbacks):
    """The scene after the learner started and submitted, with emails sent on commit."""
    transition(scene.assignment, "start", scene.learner)
    Evidence.objects.create(assignment=scene.assignment, text="My deck.")
    with django_capture_on_commit_callbacks(execute=True):
        transition(scene.assignment, "submit", scene.learner)
    return scene


def ratings_for(assignment, score=3):
    return {c.pk: (score, "") for c in assignment.criteria.all()}


def test_submitting_emails_the_mentor_with_a_link_to_the_review(submitted):
    (message,) = mail.outbox
    assert message.to == [submitted.mentor.email]
    assert submitted.assignment.title in message.subject
    link = reverse("lms_mentoring:review", args=[submitted.assignment.pk])
    assert link in message.body


def test_starting_a_project_emails_nobody(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transition(scene.assignment, "start", scene.learner)

    assert mail.outbox == []


def test_the_submission_email_is_not_sent_twice(submitted):
    assert send_stretch_news(submitted.assignment.pk, "submit") == 0

    assert len(mail.outbox) == 1


def test_a_resubmission_after_changes_emails_the_mentor_again(
    submitted, django_capture_on_commit_callbacks
):
    assignment = submitted.assignment
    with django_capture_on_commit_callbacks(execute=True):
        review(
            assignment, submitted.mentor, Review.Outcome.CHANGES_REQUESTED, {}, "More."
        )
        transition(assignment, "submit", submitted.learner)

    assert [m.to[0] for m in mail.outbox] == [
        submitted.mentor.email,
        submitted.learner.email,
        submitted.mentor.email,
    ]


def test_approval_emails_the_learner_with_the_comment_escaped(
    submitted, django_capture_on_commit_callbacks
):
    assignment = submitted.assignment
    with django_capture_on_commit_callbacks(execute=True):
        review(
            assignment,
            submitted.mentor,
            Review.Outcome.APPROVED,
            ratings_for(assignment),
            "<b>Sharp</b> & clear",
        )

    message = mail.outbox[-1]
    assert message.to == [submitted.learner.email]
    assert message.subject == f"{assignment.title}: approved"
    assert "<b>Sharp</b> & clear" in message.body
    html = message.alternatives[0][0]
    assert "&lt;b&gt;Sharp&lt;/b&gt; &amp; clear" in html
    assert "<b>Sharp</b>" not in html
    assert reverse("lms:project", args=[assignment.pk]) in message.body


def test_a_request_for_changes_emails_the_learner(
    submitted, django_capture_on_commit_callbacks
):
    assignment = submitted.assignment
    with django_capture_on_commit_callbacks(execute=True):
        review(
            assignment,
            submitted.mentor,
            Review.Outcome.CHANGES_REQUESTED,
            {},
            "Add the figures.",
        )

    message = mail.outbox[-1]
    assert message.to == [submitted.learner.email]
    assert message.subject == f"{assignment.title}: needs changes"
    assert "Add the figures." in message.body


def test_the_review_email_is_not_sent_twice(
    submitted, django_capture_on_commit_callbacks
):
    assignment = submitted.assignment
    with django_capture_on_commit_callbacks(execute=True):
        review(assignment, submitted.mentor, Review.Outcome.CHANGES_REQUESTED, {}, "x")

    assert send_stretch_news(assignment.pk, "request_changes") == 0
    assert send_stretch_news(assignment.pk, "approve") == 0
    assert len(mail.outbox) == 2


def test_a_refused_move_sends_nothing(scene, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(IllegalTransition),
    ):
        transition(scene.assignment, "submit", scene.learner)

    assert callbacks == []
    assert mail.outbox == []


def test_news_of_a_deleted_project_is_dropped(scene):
    pk = scene.assignment.pk
    scene.assignment.delete()

    assert send_stretch_news(pk, "submit") == 0


def test_a_broker_outage_keeps_the_move_and_logs(
    scene, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise BrokerError("connection refused")

    monkeypatch.setattr(jobs.send_stretch_news, "delay", broker_down)
    transition(scene.assignment, "start", scene.learner)

    with (
        caplog.at_level(logging.WARNING, logger="tasks.stretch"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        moved = transition(scene.assignment, "submit", scene.learner)

    assert moved.status == Status.SUBMITTED
    assert mail.outbox == []
    assert "broker unavailable" in caplog.text


def test_the_daily_run_sends_news_a_broker_outage_lost(
    scene, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise BrokerError("connection refused")

    monkeypatch.setattr(jobs.send_stretch_news, "delay", broker_down)
    transition(scene.assignment, "start", scene.learner)
    Evidence.objects.create(assignment=scene.assignment, text="My deck.")
    with django_capture_on_commit_callbacks(execute=True):
        transition(scene.assignment, "submit", scene.learner)
    assert mail.outbox == []

    today = timezone.localdate()
    run_on(today, today)

    news = [m for m in mail.outbox if m.to == [scene.mentor.email]]
    assert len(news) == 1
    assert scene.assignment.title in news[0].subject


def test_the_daily_run_does_not_repeat_news_already_sent(
    submitted, django_capture_on_commit_callbacks
):
    assignment = submitted.assignment
    with django_capture_on_commit_callbacks(execute=True):
        review(assignment, submitted.mentor, Review.Outcome.CHANGES_REQUESTED, {}, "x")
    before = len(mail.outbox)

    run_on(timezone.localdate())

    news = [m for m in mail.outbox[before:] if "needs changes" in m.subject]
    assert news == []
    assert [
        n.kind for n in Notification.objects.filter(kind__startswith="stretch_r")
    ] == ["stretch_reviewed"]
