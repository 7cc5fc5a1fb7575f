"""Enrolment invites every new account to set a password, once; the manager can
send it again; staff accounts are refused and other cohorts are never named."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.enrolment.bulk import (
    Outcome,
    UploadRejected,
    apply_plan,
    plan_enrolment,
    read_rows,
)
from lms.models import JournalEntry
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager
from tests.builders.uploads import csv_upload as upload_file
from tests.builders.web import cohort_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return make_manager()


@pytest.fixture
def programme():
    return make_programme_with_modules()


@pytest.fixture
def cohort(programme, manager):
    return make_cohort(programme.page, managers=[manager], name="Spring leaders")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def csv(*lines):
    return upload_file("\n".join(["email,first_name", *lines]), "people.csv")


def post_upload(client, cohort, *lines, capture):
    with capture(execute=True):
        return client.post(cohort_url("upload", cohort), {"file": csv(*lines)})


def links(message):
    return re.findall(r"https?://\S+/accounts/password/set/\S+/", message.body)


def test_an_upload_invites_each_new_account_once(
    manager_client, cohort, django_capture_on_commit_callbacks
):
    response = post_upload(
        manager_client,
        cohort,
        "ann@example.com,Ann",
        "bo@example.com,Bo",
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.com", "bo@example.com"]
    assert all(links(m) for m in mail.outbox)
    page = response.content.decode()
    assert "an invitation to set a password is emailed" in page
    assert "2 invitations to set a password are emailed" in page

    post_upload(
        manager_client,
        cohort,
        "ann@example.com,Ann",
        capture=django_capture_on_commit_callbacks,
    )
    assert len(mail.outbox) == 2  # enrolled already: no second invitation


def test_adding_one_learner_invites_them(
    manager_client, cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(
            cohort_url("add_learner", cohort),
            {"email": "cy@example.com", "first_name": "Cy"},
        )

    (message,) = mail.outbox
    assert message.to == ["cy@example.com"]
    assert links(message)
    assert message.alternatives  # HTML as well as text


def test_the_invitation_link_sets_a_password_and_signs_in(
    client, manager_client, cohort, django_capture_on_commit_callbacks
):
    post_upload(
        manager_client,
        cohort,
        "ann@example.com,Ann",
        capture=django_capture_on_commit_callbacks,
    )
    (link,) = links(mail.outbox[0])
    client.logout()
    form = client.get(link, follow=True)
    new = {
        "new_password1": "a long new passphrase 42",
        "new_password2": "a long new passphrase 42",
    }

    done = client.post(form.redirect_chain[-1][0], new, follow=True)

    assert done.status_code == 200
    ann = get_user_model().objects.get(email="ann@example.com")
    assert ann.has_usable_password()
    assert client.get(reverse("lms:home")).status_code == 200


def test_the_manager_can_send_the_invitation_again(
    manager_client, cohort, django_capture_on_commit_callbacks
):
    post_upload(
        manager_client,
        cohort,
        "ann@example.com,Ann",
        capture=django_capture_on_commit_callbacks,
    )
    enrolment = cohort.enrolments.get()
    learner_page = cohort_url("learner", cohort, enrolment.pk)
    resend = cohort_url("resend_invitation", cohort, enrolment.pk)
    assert resend in manager_client.get(learner_page).content.decode()

    manager_client.post(resend)

    assert [m.to[0] for m in mail.outbox] == ["ann@example.com"] * 2


def test_another_manager_cannot_resend(
    client, cohort, django_capture_on_commit_callbacks
):
    learner = enrol_learner(cohort, "ann")
    learner.user.email = "ann@example.com"
    learner.user.set_unusable_password()
    learner.user.save()
    client.force_login(make_manager("other"))

    response = client.post(cohort_url("resend_invitation", cohort, learner.pk))

    assert response.status_code in (302, 403, 404)
    assert mail.outbox == []


def test_staff_and_administrator_accounts_are_refused(cohort, django_user_model):
    django_user_model.objects.create_user("boss", "boss@example.com", is_staff=True)
    django_user_model.objects.create_superuser("root", "root@example.com", "x")
    rows = read_rows(csv("boss@example.com,Boss", "root@example.com,Root"))

    plan = plan_enrolment(cohort, rows)

    assert [row.outcome for row in plan.rows] == [Outcome.REJECT, Outcome.REJECT]
    assert all("staff or administrator" in row.detail for row in plan.rows)


def test_another_cohort_is_not_named(programme, cohort):
    other = make_cohort(programme.page, name="Secret autumn cohort")
    get_user_model().objects.filter(pk=enrol_learner(other, "dee").user_id).update(
        email="dee@example.com"
    )

    plan = plan_enrolment(cohort, read_rows(csv("dee@example.com,Dee")))

    (row,) = plan.rows
    assert row.outcome == Outcome.SKIP
    assert "Secret autumn" not in row.detail and "this programme" in row.detail


def test_a_refused_upload_says_nothing_was_applied(cohort):
    rows = read_rows(csv("good@example.com,Good", "not-an-email,Bad"))

    with pytest.raises(UploadRejected) as refused:
        apply_plan(cohort, plan_enrolment(cohort, rows), None)

    good, bad = refused.value.plan.rows
    assert good.label == "New account would be created — nothing was applied"
    assert bad.label == "Rejected"
    assert not get_user_model().objects.filter(email="good@example.com").exists()


def test_the_template_is_accepted_as_it_is(cohort):
    from lms.enrolment.bulk import template_csv

    rows = read_rows(upload_file(template_csv(), "t.csv"))

    assert not plan_enrolment(cohort, rows).rejected


def test_the_drill_down_shows_only_entries_shared_in_this_programme(
    manager_client, cohort, programme
):
    learner = enrol_learner(cohort, "ann")
    elsewhere = make_programme_with_modules(slug="elsewhere").quiz
    JournalEntry.objects.create(
        user=learner.user,
        module=programme.quiz,
        shared=True,
        text="Here",
        created_at=timezone.now(),
    )
    JournalEntry.objects.create(
        user=learner.user,
        module=elsewhere,
        shared=True,
        text="Elsewhere",
        created_at=timezone.now(),
    )

    page = manager_client.get(cohort_url("learner", cohort, learner.pk))

    text = page.content.decode()
    assert "Here" in text and "Elsewhere" not in text
