"""Enrolled learners can sign in: invitations and "Forgot your password?" set a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from lms.accounts.invitations import invite, was_invited

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.com"


def enrolled_account(email="ana@example.com"):
    """An account as enrolment makes it: no usable password yet."""
    user = get_user_model().objects.create_user(
        username="ana", email=email, first_name="Ana"
    )
    user.set_unusable_password()
    user.save()
    return user


def link_in(message):
    return re.search(
        r"https://learn\.example\.com(/accounts/password/set/\S+/)", message.body
    ).group(1)


def test_the_sign_in_page_offers_forgot_your_password(client):
    page = client.get(reverse("lms:login")).content.decode()

    assert reverse("lms:password_reset") in page


def test_an_account_without_a_password_can_ask_for_one(client):
    enrolled_account()

    response = client.post(reverse("lms:password_reset"), {"email": "ANA@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.com"]
    assert mail.outbox[0].alternatives  # an HTML part too


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    enrolled_account()

    known = client.post(reverse("lms:password_reset"), {"email": "ana@example.com"})
    unknown = client.post(
        reverse("lms:password_reset"), {"email": "nobody@example.com"}
    )

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1


def test_the_link_uses_the_sites_address_not_the_requests_host(client, settings):
    settings.ALLOWED_HOSTS = ["*"]  # even a host the site answers to is not trusted
    enrolled_account()

    client.post(
        reverse("lms:password_reset"),
        {"email": "ana@example.com"},
        headers={"host": "evil.example.net"},
    )

    assert "evil.example.net" not in mail.outbox[0].body
    assert link_in(mail.outbox[0])


def test_following_the_link_sets_the_password_and_signs_in(client):
    user = enrolled_account()
    client.post(reverse("lms:password_reset"), {"email": "ana@example.com"})

    form = client.get(link_in(mail.outbox[0]), follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "coach-the-floor-2026",
            "new_password2": "coach-the-floor-2026",
        },
        follow=True,
    )

    user.refresh_from_db()
    assert user.check_password("coach-the-floor-2026")
    assert done.context["user"] == user


def test_an_invitation_goes_once_and_its_link_sets_a_password(client):
    user = enrolled_account()

    assert invite(user, "From front line to team leader") is True
    assert invite(user, "From front line to team leader") is False

    assert len(mail.outbox) == 1 and was_invited(user)
    form = client.get(link_in(mail.outbox[0]), follow=True)
    assert form.context["validlink"] is True


def test_a_resent_invitation_goes_again(client):
    user = enrolled_account()
    invite(user, "Leaders")

    assert invite(user, "Leaders", again=True) is True

    assert len(mail.outbox) == 2


def test_a_link_works_once(client):
    user = enrolled_account()
    invite(user, "Leaders")
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "coach-the-floor-2026",
            "new_password2": "coach-the-floor-2026",
        },
    )
    client.logout()

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assert "expired" in again.content.decode()
