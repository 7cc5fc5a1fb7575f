"""The learner's own badges: listed, shared (public link, LinkedIn), downloaded
(JSON, JWT, baked PNG, a programme's certificate), with evidence only when they
say so; and the panel on My learning, which costs at most one query."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.contrib.badges.models import BadgeAward
from lms.contrib.badges.panel import panel_context
from tests.builders.badges import Kind, approve
from tests.builders.stretch import make_stretch_scene
from tests.builders.web import soup, text_of

pytestmark = pytest.mark.django_db


def claims_of(award):
    body = BadgeAward.objects.get(pk=award.pk).credential_jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


@pytest.fixture
def as_learner(client, earned):
    client.force_login(earned.learner)
    return client


def test_the_list_shows_each_badge(as_learner, earned):
    text = text_of(as_learner.get("/learn/badges/"))

    assert earned.course.title in text and earned.programme.title in text


def test_the_badge_page_links_the_public_page_and_linkedin(
    as_learner, course_award, settings
):
    page = soup(as_learner.get(f"/learn/badges/{course_award.credential_id}/"))

    public = page.find(id="share-url")["value"]
    assert (
        public
        == f"{settings.WAGTAILADMIN_BASE_URL}/badges/credentials/{course_award.credential_id}/"
    )
    linkedin = page.find("a", string=lambda s: s and "Add to LinkedIn" in s)["href"]
    parts = urlsplit(linkedin)
    query = parse_qs(parts.query)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == "https://www.linkedin.com/profile/add"
    )
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [course_award.badge_class.name]
    assert query["organizationName"] == [settings.WAGTAIL_SITE_NAME]
    assert query["issueYear"] == [str(course_award.awarded_at.year)]
    assert query["issueMonth"] == [str(course_award.awarded_at.month)]
    assert query["certUrl"] == [public]
    assert query["certId"] == [str(course_award.credential_id)]


def test_the_downloads_are_the_signed_credential(as_learner, course_award):
    base = f"/learn/badges/{course_award.credential_id}"

    token = as_learner.get(f"{base}/credential.jwt")
    document = as_learner.get(f"{base}/credential.json")

    assert token.content.decode() == course_award.credential_jwt
    assert "attachment" in token["Content-Disposition"]
    assert json.loads(document.content)["id"] == claims_of(course_award)["id"]
    assert "iss" not in json.loads(document.content)


def test_a_programme_badge_has_a_certificate_with_its_page(as_learner, earned):
    award = earned.award_of(Kind.PROGRAMME)

    response = as_learner.get(f"/learn/badges/{award.credential_id}/certificate.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_a_course_badge_has_no_certificate(as_learner, course_award):
    response = as_learner.get(
        f"/learn/badges/{course_award.credential_id}/certificate.pdf"
    )

    assert response.status_code == 404


def test_a_revoked_badge_is_no_longer_handed_out(as_learner, earned, course_award):
    from lms.contrib.badges.awards import revoke

    revoke(course_award, earned.manager, "Shared account")
    base = f"/learn/badges/{course_award.credential_id}"

    assert as_learner.get(f"{base}/credential.jwt").status_code == 404
    assert "revoked" in text_of(as_learner.get(f"{base}/")).lower()
    assert "Shared account" in text_of(as_learner.get(f"{base}/"))


@pytest.fixture
def project_award(django_capture_on_commit_callbacks):
    scene = make_stretch_scene()
    with django_capture_on_commit_callbacks(execute=True):
        approve(scene.assignment, scene.mentor, scores=(3, 4))
    return scene, BadgeAward.objects.get(learner=scene.learner)


def test_evidence_stays_out_until_the_learner_lets_it_in(client, project_award):
    scene, award = project_award
    assert "evidence" not in claims_of(award)
    client.force_login(scene.learner)

    response = client.post(
        f"/learn/badges/{award.credential_id}/evidence/", {"share_evidence": "on"}
    )

    assert response.status_code == 302
    (evidence,) = claims_of(award)["evidence"]
    assert "Insight: Secure (3 of 4)" in evidence["narrative"]
    assert "Clarity: Strong (4 of 4)" in evidence["narrative"]
    assert "My deck" not in evidence["narrative"]  # the learner's own work stays out
    client.post(f"/learn/badges/{award.credential_id}/evidence/", {})
    assert "evidence" not in claims_of(award)


def test_the_panel_costs_one_query_then_none(earned):
    with CaptureQueriesContext(connection) as first:
        shown = panel_context(earned.learner)
    with CaptureQueriesContext(connection) as second:
        panel_context(earned.learner)

    assert shown["count"] == 2
    assert (len(first), len(second)) == (1, 0)


def test_a_learner_without_badges_gets_no_panel_and_one_query(scene):
    with CaptureQueriesContext(connection) as first:
        shown = panel_context(scene.other_learner)
    with CaptureQueriesContext(connection) as second:
        panel_context(scene.other_learner)

    assert shown is None
    assert (len(first), len(second)) == (1, 0)


def test_my_learning_shows_the_panel_after_an_award(client, earned):
    client.force_login(earned.learner)

    text = text_of(client.get("/learn/"))

    assert "Your badges" in text and "2 badges earned" in text
