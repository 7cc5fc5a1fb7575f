"""Who opens what: every page that is not public, for the anonymous visitor,
the award's learner, another learner, the learner's mentor, the cohort's
manager and another cohort's manager."""

import pytest
from django.urls import reverse

from lms.contrib.badges.models import BadgeAward
from tests.builders.badges import Kind

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "learner", "other_learner", "mentor", "manager", "other_manager"]
LOGIN = 302  # to the sign-in page


def client_as(client, scene, who):
    if who != "anonymous":
        client.force_login(scene.people()[who])
    return client


# The learner's own pages: theirs alone, a 404 for anyone else signed in.
OWN_ONLY = {
    "anonymous": LOGIN,
    "learner": 200,
    "other_learner": 404,
    "mentor": 404,
    "manager": 404,
    "other_manager": 404,
}
OWN_PAGES = [
    ("get", ""),
    ("get", "credential.jwt"),
    ("get", "credential.json"),
    ("get", "badge.png"),
    ("get", "certificate.pdf"),
]


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(("method", "page"), OWN_PAGES)
def test_the_learners_pages(client, earned, who, method, page):
    award = earned.award_of(Kind.PROGRAMME)

    response = getattr(client_as(client, earned, who), method)(
        f"/learn/badges/{award.credential_id}/{page}"
    )

    assert response.status_code == OWN_ONLY[who]


@pytest.mark.parametrize("who", PEOPLE)
def test_the_evidence_choice(client, earned, who):
    award = earned.award_of(Kind.COURSE)

    response = client_as(client, earned, who).post(
        f"/learn/badges/{award.credential_id}/evidence/", {"share_evidence": "on"}
    )

    # The learner's own course badge carries no evidence: a clear 400, nothing kept.
    assert response.status_code == {**OWN_ONLY, "learner": 400}[who]
    assert BadgeAward.objects.get(pk=award.pk).share_evidence is False


@pytest.mark.parametrize("who", PEOPLE)
def test_the_list_shows_only_ones_own(client, earned, who):
    response = client_as(client, earned, who).get("/learn/badges/")

    assert response.status_code == (LOGIN if who == "anonymous" else 200)
    shown = earned.course.title in response.content.decode()
    assert shown == (who == "learner")


# The cohort's Badges sub-page and revoking: the cohort's managers only.
# Wagtail sends those without admin access to sign in, and those in the admin
# without the manager's role back to the admin home: both are "away".
ADMIN = {
    "anonymous": "away",
    "learner": "away",
    "other_learner": "away",
    "mentor": "away",  # in the admin, without the manager's role
    "manager": "ok",
    "other_manager": 404,  # the role, not the cohort
}


def outcome(response, done_url=""):
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302:
        if done_url and response.url == done_url:
            return "ok"
        if "/login/" in response.url or response.url == reverse("wagtailadmin_home"):
            return "away"
    return response.status_code


@pytest.mark.parametrize("who", PEOPLE)
def test_the_cohorts_badges_page(client, earned, who):
    response = client_as(client, earned, who).get(
        f"/admin/cohorts/{earned.cohort.pk}/badges/"
    )

    assert outcome(response) == ADMIN[who]
    if who == "manager":
        assert earned.course.title in response.content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_the_revoke_form(client, earned, who):
    award = earned.award_of(Kind.COURSE)
    url = f"/admin/cohorts/{earned.cohort.pk}/badges/{award.credential_id}/revoke/"
    client = client_as(client, earned, who)

    shown = client.get(url)
    posted = client.post(url, {"reason": "Completed by someone else."})

    done = f"/admin/cohorts/{earned.cohort.pk}/badges/"
    assert outcome(shown) == ADMIN[who]
    assert outcome(posted, done) == ADMIN[who]
    assert BadgeAward.objects.get(pk=award.pk).revoked == (who == "manager")


def test_another_managers_award_is_a_404_in_ones_own_cohort(client, earned):
    award = earned.award_of(Kind.COURSE)
    client.force_login(earned.other_manager)

    response = client.get(
        f"/admin/cohorts/{earned.other_cohort.pk}/badges/{award.credential_id}/revoke/"
    )

    assert response.status_code == 404


def test_revoking_without_a_reason_is_refused(client, earned):
    award = earned.award_of(Kind.COURSE)
    client.force_login(earned.manager)

    response = client.post(
        f"/admin/cohorts/{earned.cohort.pk}/badges/{award.credential_id}/revoke/",
        {"reason": "   "},
    )

    assert response.status_code == 400
    assert not BadgeAward.objects.get(pk=award.pk).revoked
