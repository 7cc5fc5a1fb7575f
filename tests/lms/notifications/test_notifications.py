"""Pacing emails, inactivity nudges and manager digests: each email goes out once."""

import re
from datetime import date, datetime, time, timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from courses.models import ModulePage
from lms.cohorts.snapshots import take_snapshot
from lms.models import (
    Cohort,
    CohortSnapshot,
    Notification,
    NudgeOptOut,
    QuestionResponse,
)
from lms.notifications.delivery import DeliveryFailed, opt_out_token
from lms.notifications.digest import send_digests
from lms.notifications.nudges import send_nudges
from lms.notifications.unlock import send_unlock_emails
from tests.builders.cohorts import days_ago, join, make_open_cohort
from tests.builders.events import Quiz
from tests.builders.mail import lose_the_first_send
from tests.builders.pages import make_programme_of
from tests.builders.people import make_manager, make_user

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def recipients():
    return [message.to[0] for message in mail.outbox]


def html_of(message):
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


# Pacing


@pytest.fixture
def paced():
    """A weekly-paced cohort of two learners over two courses, starting on a Monday."""
    cohort = make_open_cohort(
        make_programme_of(courses=2),
        pacing=Cohort.Pacing.WEEKLY,
        start_date=MONDAY,
        end_date=MONDAY + timedelta(weeks=8),
    )
    join(cohort), join(cohort)
    return cohort


def course(cohort, n):
    return cohort.programme.get_children().specific()[n]


def test_nothing_is_sent_before_the_cohort_starts(paced):
    send_unlock_emails(MONDAY - timedelta(days=1))

    assert mail.outbox == []


def test_on_the_first_day_each_learner_gets_one_email_about_the_first_course(paced):
    first = course(paced, 0)

    assert send_unlock_emails(MONDAY) == 2

    assert sorted(recipients()) == sorted(e.user.email for e in paced.enrolments.all())
    message = mail.outbox[0]
    assert message.subject == f"Week 1: {first.title} is open"
    assert first.full_url in message.body
    assert f'href="{first.full_url}"' in html_of(message)


def test_a_weeks_unlock_is_announced_once_however_often_the_job_runs(paced):
    for day in range(10):
        send_unlock_emails(MONDAY + timedelta(days=day))
        send_unlock_emails(MONDAY + timedelta(days=day))

    subjects = sorted(message.subject for message in mail.outbox)
    second = course(paced, 1)
    assert len(mail.outbox) == 4
    assert subjects[2:] == [f"Week 2: {second.title} is open"] * 2
    assert Notification.objects.filter(kind="unlock").count() == 4


def test_a_run_missed_on_unlock_day_still_announces_the_course_next_day(paced):
    send_unlock_emails(MONDAY + timedelta(days=8))

    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("Week 2:")


def test_nothing_is_sent_for_a_cohort_with_every_module_open(paced):
    paced.pacing = Cohort.Pacing.ALL_OPEN
    paced.save()

    for day in range(15):
        send_unlock_emails(MONDAY + timedelta(days=day))

    assert mail.outbox == []


def test_a_failed_send_is_rolled_back_and_sent_by_the_retry(paced, monkeypatch):
    lose_the_first_send(monkeypatch)

    with pytest.raises(DeliveryFailed):
        send_unlock_emails(MONDAY)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1

    assert send_unlock_emails(MONDAY) == 1
    assert len(mail.outbox) == 2
    assert len(set(recipients())) == 2


# Inactivity nudges


@pytest.fixture
def cohort():
    return make_open_cohort(make_programme_of())


def nudge_days(cohort, enrolment, first_day, days):
    """Run the nudge job once a day; return the days (from first_day) it emailed."""
    sent = []
    for day in range(days):
        before = len(mail.outbox)
        send_nudges(first_day + timedelta(days=day))
        send_nudges(first_day + timedelta(days=day))
        if len(mail.outbox) > before:
            sent.append(day)
    return sent


def test_an_idle_learner_is_nudged_after_3_7_and_14_days_once_each(cohort):
    last_seen = timezone.localdate() - timedelta(days=20)
    enrolment = join(cohort, last_activity_at=at_noon(last_seen))

    sent = nudge_days(cohort, enrolment, last_seen, 21)

    assert sent == [3, 7, 14]
    assert recipients() == [enrolment.user.email] * 3
    keys = Notification.objects.filter(kind="nudge").values_list("key", flat=True)
    assert sorted(keys) == sorted(
        f"nudge:{days}:{enrolment.pk}:{last_seen.isoformat()}" for days in (3, 7, 14)
    )


def test_a_learner_never_active_counts_idle_days_from_enrolment(cohort):
    today = timezone.localdate()
    join(cohort, last_activity_at=None, enrolled_at=timezone.now())

    send_nudges(today + timedelta(days=2))
    assert mail.outbox == []

    send_nudges(today + timedelta(days=3))
    assert len(mail.outbox) == 1


def test_a_learner_who_comes_back_and_lapses_again_is_nudged_again(cohort):
    first = timezone.localdate() - timedelta(days=20)
    enrolment = join(cohort, last_activity_at=at_noon(first))
    send_nudges(first + timedelta(days=3))
    back = first + timedelta(days=5)
    enrolment.last_activity_at = at_noon(back)
    enrolment.save()

    send_nudges(back + timedelta(days=3))
    send_nudges(back + timedelta(days=3))

    assert len(mail.outbox) == 2


def test_a_learner_who_opted_out_is_not_nudged(cohort):
    enrolment = join(cohort, last_activity_at=days_ago(5))
    NudgeOptOut.objects.create(user=enrolment.user)

    send_nudges(timezone.localdate())

    assert mail.outbox == []


def test_a_learner_who_finished_every_module_is_not_nudged(cohort):
    join(cohort, modules_completed=2, last_activity_at=days_ago(5))

    send_nudges(timezone.localdate())

    assert mail.outbox == []


def test_learners_of_a_cohort_not_running_are_not_nudged(cohort):
    today = timezone.localdate()
    cohort.end_date = today - timedelta(days=8)
    cohort.save()
    join(cohort, last_activity_at=days_ago(5))

    send_nudges(today)

    assert mail.outbox == []


def opt_out_path(message):
    url = re.search(r"Turn them off: (\S+)", message.body).group(1)
    return urlparse(url).path


def test_the_opt_out_link_of_a_nudge_asks_then_stops_further_nudges(cohort):
    enrolment = join(cohort, last_activity_at=days_ago(3))
    send_nudges(timezone.localdate())
    path = opt_out_path(mail.outbox[0])
    assert f'href="http://127.0.0.1:8000{path}"' in html_of(mail.outbox[0])
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(path)
    assert page.status_code == 200
    assert b"Turn off reminders" in page.content
    assert not NudgeOptOut.objects.exists()

    token = browser.cookies["csrftoken"].value
    done = browser.post(path, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert b"No more reminders" in done.content
    assert NudgeOptOut.objects.filter(user=enrolment.user).exists()

    send_nudges(timezone.localdate() + timedelta(days=4))
    assert len(mail.outbox) == 1


def test_opting_out_needs_the_csrf_token(cohort):
    enrolment = join(cohort)
    path = f"/learn/nudges/off/{opt_out_token(enrolment.user)}/"

    response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 403
    assert not NudgeOptOut.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "1:forged-signature-aaaaaaaaaaaa"])
def test_a_bad_opt_out_token_is_rejected_with_a_clear_message(client, token):
    response = client.post(f"/learn/nudges/off/{token}/")

    assert response.status_code == 400
    assert b"This opt-out link is not valid" in response.content
    assert not NudgeOptOut.objects.exists()


def test_an_opt_out_token_of_a_deleted_account_is_not_found(client):
    person = make_user()
    path = f"/learn/nudges/off/{opt_out_token(person)}/"
    person.delete()

    response = client.get(path)

    assert response.status_code == 404
    assert b"no longer exists" in response.content


def test_another_apps_signature_is_not_an_opt_out_token(client):
    from django.core.signing import Signer

    person = make_user()
    token = Signer().sign(str(person.pk))

    assert client.get(f"/learn/nudges/off/{token}/").status_code == 400


# Weekly digest


@pytest.fixture
def digest_scene():
    """Half-way through four modules: one learner newly at risk, one at risk for long."""
    cohort = make_open_cohort(
        make_programme_of(courses=2, modules=2), name="Spring", behind_threshold=1
    )
    scene = {
        "cohort": cohort,
        "new": join(
            cohort,
            make_user(first_name="Nadia", last_name="New"),
            last_activity_at=days_ago(10),
        ),
        "old": join(
            cohort,
            make_user(first_name="Olga", last_name="Old"),
            last_activity_at=days_ago(20),
        ),
        "fine": join(
            cohort,
            make_user(first_name="Fay", last_name="Fine"),
            modules_completed=4,
            last_activity_at=days_ago(1),
        ),
        "manager": make_manager("mo", cohorts=[cohort], first_name="Mo"),
    }
    today = timezone.localdate()
    CohortSnapshot.objects.create(
        cohort=cohort,
        taken_on=today - timedelta(days=7),
        as_of=days_ago(7),
        learners=3,
        at_risk=1,
    )
    CohortSnapshot.objects.create(
        cohort=cohort, taken_on=today, as_of=timezone.now(), learners=3, at_risk=2
    )
    answer_questions(cohort, [scene["new"], scene["old"], scene["fine"]])
    return scene


def answer_questions(cohort, enrolments):
    """Question 0: 1 of 3 right; question 1: 3 of 3; question 2: only 2 answers."""
    quiz = Quiz.of(
        ModulePage.objects.descendant_of(cohort.programme).get(slug="quiz-0")
    )
    q0, q1, q2 = quiz.question_ids
    answers = [(q0, [True, False, False]), (q1, [True] * 3), (q2, [False] * 2)]
    for question_id, results in answers:
        for enrolment, correct in zip(enrolments, results, strict=False):
            right, wrong = quiz.questions[question_id]
            QuestionResponse.objects.create(
                user=enrolment.user,
                module=quiz.module,
                question_id=question_id,
                chosen=[(right if correct else wrong)[0]],
                correct=correct,
                answered_at=timezone.now(),
            )


def test_the_digest_has_the_cohorts_progress_in_text_and_html(digest_scene):
    send_digests(timezone.localdate())

    (message,) = mail.outbox
    assert message.to == [digest_scene["manager"].email]
    assert "2 at risk" in message.subject
    for part in (message.body, html_of(message)):
        assert "Spring" in part
        assert "Completion" in part and "33%" in part
        assert "a week ago: 1" in part


def newly_at_risk_section(text):
    return text.split("Newly at risk")[1].split("Most-missed")[0]


def test_the_digest_lists_only_learners_who_became_at_risk_since_a_week_ago(
    digest_scene,
):
    send_digests(timezone.localdate())

    (message,) = mail.outbox
    for part in (message.body, html_of(message)):
        section = newly_at_risk_section(part)
        assert "Nadia New" in section
        assert "Olga Old" not in section
        assert "Fay Fine" not in section


def test_a_snapshot_records_who_is_at_risk_that_night(digest_scene):
    taken = take_snapshot(digest_scene["cohort"], timezone.localdate())

    assert taken.at_risk_enrolments == sorted(
        [digest_scene["new"].pk, digest_scene["old"].pk]
    )


def test_the_recorded_list_names_exactly_who_became_at_risk(digest_scene):
    """Rebuilt from roll-ups, Olga (idle for 20 days) would count as at risk a
    week ago; the snapshot that night says only Nadia was."""
    CohortSnapshot.objects.filter(
        taken_on=timezone.localdate() - timedelta(days=7)
    ).update(at_risk_enrolments=[digest_scene["new"].pk])

    send_digests(timezone.localdate())

    section = newly_at_risk_section(mail.outbox[0].body)
    assert "Olga Old" in section
    assert "Nadia New" not in section and "Fay Fine" not in section


def test_without_a_week_old_snapshot_every_at_risk_learner_is_new(digest_scene):
    CohortSnapshot.objects.filter(
        taken_on__lt=timezone.localdate() - timedelta(days=1)
    ).delete()

    send_digests(timezone.localdate())

    section = newly_at_risk_section(mail.outbox[0].body)
    assert "Nadia New" in section and "Olga Old" in section


def test_the_digest_lists_the_most_missed_questions_answered_three_times(
    digest_scene,
):
    send_digests(timezone.localdate())

    (message,) = mail.outbox
    for part in (message.body, html_of(message)):
        missed = part.split("Most-missed")[1]
        assert missed.index("Question 0?") < missed.index("Question 1?")
        assert "33%" in missed and "100%" in missed
        assert "Question 2?" not in missed


def test_each_manager_gets_one_digest_a_week(digest_scene):
    today = timezone.localdate()
    other = make_manager("other-manager", cohorts=[digest_scene["cohort"]])

    send_digests(today)
    send_digests(today)
    assert sorted(recipients()) == sorted([digest_scene["manager"].email, other.email])

    send_digests(today + timedelta(days=7))
    assert len(mail.outbox) == 4
    year, week, _ = today.isocalendar()
    key = f"digest:{other.pk}:{year}-W{week}"
    assert Notification.objects.filter(key=key, sent_at__isnull=False).exists()


def test_a_manager_reads_only_about_their_own_cohorts(digest_scene):
    elsewhere = make_open_cohort(digest_scene["cohort"].programme, name="Autumn")
    join(elsewhere, make_user(first_name="Ada", last_name="Away"))
    outsider = make_manager("outsider", cohorts=[elsewhere])

    send_digests(timezone.localdate())

    (theirs,) = [m for m in mail.outbox if m.to == [outsider.email]]
    assert "Autumn" in theirs.body
    assert "Spring" not in theirs.body and "Nadia" not in theirs.body
