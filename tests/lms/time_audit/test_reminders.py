"""The weekly reminder: on the chosen day, once a week, never when logged or turned off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.signing import Signer

from lms.models import AuditProfile, Notification
from lms.time_audit import reminders
from lms.time_audit.services import this_week
from tasks.time_audit import send_time_audit_reminders
from tests.builders.people import make_user
from tests.builders.time_audit import log_week, make_profile

pytestmark = pytest.mark.django_db

MONDAY = this_week()
THURSDAY = MONDAY + timedelta(days=3)


@pytest.fixture
def learner():
    user = make_user("learner")
    make_profile(user, reminder_day=4)  # Thursday
    return user


def run_on(day):
    return send_time_audit_reminders.delay(day.isoformat()).get()


def test_the_reminder_goes_on_the_chosen_day_and_links_the_week(learner):
    assert run_on(THURSDAY) == 1
    (email,) = mail.outbox
    assert email.to == [learner.email]
    label = f"{MONDAY.isocalendar().year}-W{MONDAY.isocalendar().week:02d}"
    assert f"/learn/time/week/{label}/" in email.body
    assert "/learn/time/reminders/off/" in email.body


def test_it_waits_until_the_chosen_day(learner):
    assert run_on(THURSDAY - timedelta(days=1)) == 0
    assert mail.outbox == []


def test_the_reminder_is_sent_once_however_often_the_job_runs(learner):
    run_on(THURSDAY)
    run_on(THURSDAY)
    run_on(THURSDAY + timedelta(days=1))  # a later day of the same week
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind=reminders.KIND).count() == 1


def test_the_next_week_brings_the_next_reminder(learner):
    run_on(THURSDAY)
    run_on(THURSDAY + timedelta(weeks=1))
    assert len(mail.outbox) == 2


def test_a_week_already_logged_needs_no_reminder(learner):
    log_week(learner, MONDAY)
    assert run_on(THURSDAY) == 0


def test_without_a_reminder_day_nothing_is_sent():
    make_profile(make_user("quiet"), reminder_day=None)
    assert run_on(THURSDAY) == 0


def test_the_opt_out_link_stops_the_reminders(client, learner):
    token = reminders.opt_out_token(learner)
    url = f"/learn/time/reminders/off/{token}/"
    assert client.get(url).status_code == 200
    assert run_on(THURSDAY) == 1  # a GET alone changes nothing
    client.post(url)
    profile = AuditProfile.objects.get(user=learner)
    assert profile.reminders_off and profile.reminder_day is None
    assert run_on(THURSDAY + timedelta(weeks=1)) == 0


def test_a_forged_opt_out_link_is_a_400(client, learner):
    forged = Signer(salt="something else").sign(str(learner.pk))
    assert client.post(f"/learn/time/reminders/off/{forged}/").status_code == 400
    assert not AuditProfile.objects.get(user=learner).reminders_off


def test_choosing_a_day_again_turns_reminders_back_on(client, learner):
    reminders.turn_off(learner.pk)
    client.force_login(learner)
    data = {"version": "leader", "contracted_hours": "40", "sacred_goal": "4"}
    client.post("/learn/time/settings/", {**data, "reminder_day": "4"})
    assert run_on(THURSDAY) == 1


def test_an_inactive_learner_or_one_without_email_is_skipped(learner):
    learner.is_active = False
    learner.save()
    make_profile(make_user("noemail", email=""), reminder_day=1)
    assert run_on(THURSDAY) == 0
