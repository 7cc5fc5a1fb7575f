"""Anyone can check a credential: its page and the verifier read the signature
with the published keys and the signed status list; revoking (with a reason, by
the cohort's manager only) shows there; tampering and rotation are handled."""

import base64
import gzip
import io
import json

import jwt
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from lms.contrib.badges import keys
from lms.contrib.badges.awards import revoke
from lms.contrib.badges.baking import unbake
from lms.contrib.badges.models import BadgeAward, IssuerKey
from lms.contrib.badges.verification import verify
from tests.builders.badges import Kind
from tests.builders.web import text_of

pytestmark = pytest.mark.django_db


def page_of(client, award):
    return client.get(f"/badges/credentials/{award.credential_id}/")


def status_bit(client, award):
    """The award's bit, read from the published list with PyJWT and the JWKS."""
    entry = json.loads(
        base64.urlsafe_b64decode(award.credential_jwt.split(".")[1] + "==")
    )["credentialStatus"]
    token = client.get(f"/badges/status/{0}/").content.decode()
    published = client.get("/badges/jwks.json").json()["keys"][0]
    listed = jwt.decode(token, key=jwt.PyJWK(published).key, algorithms=["RS256"])
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert entry["statusListCredential"] == listed["id"]
    encoded = listed["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(
        base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    )
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_a_fresh_credential_is_valid_on_its_page(client, course_award):
    response = page_of(client, course_award)

    assert response.status_code == 200
    text = text_of(response)
    assert "Valid: issued by us" in text
    assert course_award.badge_class.name in text
    assert "Ada Lovelace" in text  # the name the learner shares the page by


def test_revoking_sets_its_bit_and_the_page_says_revoked(client, earned, course_award):
    assert status_bit(client, course_award) is False

    revoke(course_award, earned.manager, "Completed under another's account.")

    assert status_bit(client, course_award) is True
    text = text_of(page_of(client, course_award))
    assert "Revoked: the issuer has withdrawn" in text
    assert "another's account" not in text  # the reason is not public
    assert verify(course_award.credential_jwt).state == "revoked"
    other = earned.award_of(Kind.PROGRAMME)
    assert verify(other.credential_jwt).state == "valid"


def test_revoking_needs_a_reason(earned, course_award):
    with pytest.raises(ValidationError):
        revoke(course_award, earned.manager, "  <b></b> ")

    assert not BadgeAward.objects.get(pk=course_award.pk).revoked


@pytest.mark.parametrize("who", ["learner", "other_learner", "mentor", "other_manager"])
def test_only_the_cohorts_manager_may_revoke(earned, course_award, who):
    with pytest.raises(PermissionDenied):
        revoke(course_award, earned.people()[who], "No reason")

    assert not BadgeAward.objects.get(pk=course_award.pk).revoked


def test_a_tampered_credential_in_the_database_shows_as_tampered(client, course_award):
    head, body, signature = course_award.credential_jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["name"] = "Chief executive"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    BadgeAward.objects.filter(pk=course_award.pk).update(
        credential_jwt=f"{head}.{forged}.{signature}"
    )

    text = text_of(page_of(client, course_award))

    assert "Tampered: its content does not match its signature." in text


def test_after_rotation_old_credentials_still_verify(client, earned, course_award):
    old_kid = course_award.signed_with

    call_command("rotate_badge_key", stdout=io.StringIO())
    published = client.get("/badges/jwks.json").json()["keys"]

    by_kid = {k["kid"]: k for k in published}
    assert by_kid[old_kid]["status"] == "retired"
    assert "status" not in published[0] and published[0]["kid"] != old_kid
    claims = jwt.decode(
        course_award.credential_jwt,
        key=jwt.PyJWK(by_kid[old_kid]).key,
        algorithms=["RS256"],
    )
    assert claims["jti"].endswith(f"{course_award.credential_id}/")
    assert "Valid: issued by us" in text_of(page_of(client, course_award))
    assert keys.signing_key()[1] == published[0]["kid"]
    assert IssuerKey.objects.filter(active=True).count() == 1


def test_the_private_key_is_stored_encrypted_and_never_published(client, course_award):
    stored = IssuerKey.objects.get()
    published = client.get("/badges/jwks.json").content.decode()

    assert "ENCRYPTED PRIVATE KEY" in stored.private_pem
    assert '"d"' not in published and '"p"' not in published


def test_the_verifier_reads_a_pasted_credential(client, course_award):
    response = client.post(
        "/badges/verify/", {"credential": course_award.credential_jwt}
    )

    assert response.status_code == 200
    assert "Valid: issued by us" in text_of(response)


@pytest.mark.parametrize(
    ("pasted", "verdict"),
    [
        ("not a credential at all", "Not a credential"),
        ("a.b.c", "Not a credential"),
        (
            jwt.encode({"iss": "x"}, "s" * 32, algorithm="HS256", headers={"kid": "x"}),
            "Not verifiable here",
        ),
    ],
)
def test_the_verifier_says_what_is_wrong(client, course_award, pasted, verdict):
    response = client.post("/badges/verify/", {"credential": pasted})

    assert response.status_code == 200
    assert verdict in text_of(response)


def test_the_verifier_asks_for_something(client, db):
    response = client.post("/badges/verify/", {})

    assert response.status_code == 400
    assert "Paste a credential or upload a file." in text_of(response)


def test_a_baked_badge_round_trips_through_download_and_upload(
    client, earned, course_award
):
    client.force_login(earned.learner)
    png = client.get(f"/learn/badges/{course_award.credential_id}/badge.png").content
    client.logout()

    assert unbake(png) == course_award.credential_jwt
    upload = SimpleUploadedFile("badge.png", png, content_type="image/png")
    response = client.post("/badges/verify/", {"file": upload})
    assert "Valid: issued by us" in text_of(response)


def test_an_image_without_a_credential_is_refused_clearly(client, course_award):
    png = client.get(
        f"/badges/achievements/{course_award.badge_class_id}/image.png"
    ).content
    upload = SimpleUploadedFile("plain.png", png, content_type="image/png")

    response = client.post("/badges/verify/", {"file": upload})

    assert response.status_code == 400
    assert "This image carries no baked credential." in text_of(response)


def test_the_page_tells_whether_an_email_is_the_holders(client, earned, course_award):
    url = f"/badges/credentials/{course_award.credential_id}/"

    right = client.post(url, {"email": earned.learner.email.upper()})
    wrong = client.post(url, {"email": "someone@example.com"})

    assert "It matches" in text_of(right)
    assert "It does not match" in text_of(wrong)


def test_an_unknown_credential_or_status_list_is_a_404(client, course_award):
    assert (
        client.get(
            "/badges/credentials/0b7e2a58-1d4c-4c43-9a0e-2b1f9e0c1a11/"
        ).status_code
        == 404
    )
    assert client.get("/badges/status/99/").status_code == 404
