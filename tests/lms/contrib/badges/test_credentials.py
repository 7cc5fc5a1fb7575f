"""Each award is an OpenBadgeCredential that the shipped OB 3.0 schema accepts,
whose every term the shipped contexts define, signed so that an independent
JOSE library (PyJWT) verifies it with the published keys."""

import base64
import json
from collections import Counter
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
from pyld import jsonld

from lms.contrib.badges import standards
from lms.contrib.badges.credentials import credential_of, identity_hash
from lms.contrib.badges.models import BadgeAward

pytestmark = pytest.mark.django_db


def payload(token):
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def credential(award):
    return credential_of(
        BadgeAward.objects.select_related("badge_class", "learner").get(pk=award.pk)
    )


def schema_errors(document):
    schema = standards.document(standards.OB_SCHEMA)
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.FormatChecker()
    )
    return [error.message for error in validator.iter_errors(document)]


def shipped_loader(url, options=None):
    """Only the shipped documents: any other URL fails, so nothing is fetched."""
    return {"contextUrl": None, "documentUrl": url, "document": standards.document(url)}


def scalars(node, skip_types=False):
    """Every scalar value in the document (list items one by one)."""
    found = Counter()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context" or (skip_types and key in ("type", "@type")):
                continue
            found += scalars(value, skip_types)
    elif isinstance(node, list):
        for item in node:
            found += scalars(item, skip_types)
    else:
        found[str(node)] += 1
    return found


def undefined_terms(document):
    """What JSON-LD expansion over the shipped contexts drops or cannot make an
    absolute IRI of: terms the contexts do not define."""
    expanded = jsonld.expand(document, {"documentLoader": shipped_loader})
    problems = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if not key.startswith("@") and "://" not in key:
                    problems.append(f"property {key}")
                if key == "@type":
                    for kind in value if isinstance(value, list) else [value]:
                        if "://" not in kind:
                            problems.append(f"type {kind}")
                walk(value)

    walk(expanded)
    lost = scalars(document, skip_types=True) - scalars(expanded, skip_types=True)
    problems += [f"dropped value {value!r}" for value in lost]
    return problems


def test_the_credential_validates_against_the_ob3_schema(course_award):
    assert schema_errors(credential(course_award)) == []


def test_the_schema_refuses_a_credential_without_what_it_requires(course_award):
    broken = credential(course_award)
    del broken["validFrom"]
    del broken["credentialSubject"]["achievement"]["criteria"]
    broken["credentialSubject"]["identifier"][0]["identityHash"] = "plain@example.com"

    errors = " ".join(schema_errors(broken))

    assert "'validFrom' is a required property" in errors
    assert "'criteria' is a required property" in errors
    assert "does not match" in errors  # a hashed identity must look hashed


def test_every_term_is_defined_by_the_shipped_contexts(course_award):
    assert undefined_terms(credential(course_award)) == []


def test_every_term_of_the_signed_payload_is_defined_too(course_award):
    assert undefined_terms(payload(course_award.credential_jwt)) == []


def test_the_check_catches_an_undefined_term(course_award):
    document = credential(course_award)
    document["credentialSubject"]["favouriteColour"] = "blue"

    assert undefined_terms(document) == ["dropped value 'blue'"]


def test_an_independent_library_verifies_the_signature(client, course_award, settings):
    keys = client.get("/badges/jwks.json").json()["keys"]
    header = jwt.get_unverified_header(course_award.credential_jwt)
    (published,) = [k for k in keys if k["kid"] == header["kid"]]

    claims = jwt.decode(
        course_award.credential_jwt,
        key=jwt.PyJWK(published).key,
        algorithms=["RS256"],
        issuer=f"{settings.WAGTAILADMIN_BASE_URL}/badges/issuer/",
    )

    assert header["alg"] == "RS256"
    assert claims["jti"] == claims["id"]
    assert claims["id"].endswith(f"/badges/credentials/{course_award.credential_id}/")
    assert "OpenBadgeCredential" in claims["type"]


def test_a_tampered_payload_fails_the_independent_check(client, course_award):
    head, _body, signature = course_award.credential_jwt.split(".")
    claims = payload(course_award.credential_jwt)
    claims["credentialSubject"]["achievement"]["name"] = "Chief executive"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    (published,) = client.get("/badges/jwks.json").json()["keys"]

    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            f"{head}.{forged.decode()}.{signature}",
            key=jwt.PyJWK(published).key,
            algorithms=["RS256"],
        )


def test_the_learner_is_a_salted_hash_of_their_email(course_award, earned):
    subject = payload(course_award.credential_jwt)["credentialSubject"]
    (identity,) = subject["identifier"]

    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    assert identity["salt"] == course_award.salt
    assert identity["identityHash"] == identity_hash(
        earned.learner.email, identity["salt"]
    )
    assert earned.learner.email not in course_award.credential_jwt
    assert "Lovelace" not in json.dumps(payload(course_award.credential_jwt))


def test_each_award_has_its_own_salt(earned):
    salts = set(BadgeAward.objects.values_list("salt", flat=True))

    assert len(salts) == BadgeAward.objects.count() == 2


def test_the_achievement_aligns_to_the_badges_competencies(course_award):
    achievement = payload(course_award.credential_jwt)["credentialSubject"][
        "achievement"
    ]

    assert [a["targetName"] for a in achievement["alignment"]] == ["De-escalation"]
    assert achievement["criteria"]["narrative"] == course_award.badge_class.criteria
    assert achievement["image"]["type"] == "Image"


def test_every_id_in_the_credential_answers_without_signing_in(client, course_award):
    claims = payload(course_award.credential_jwt)
    achievement = claims["credentialSubject"]["achievement"]
    urls = [
        claims["id"],
        claims["issuer"]["id"],
        achievement["id"],
        achievement["image"]["id"],
        achievement["alignment"][0]["targetUrl"],
        claims["credentialStatus"]["statusListCredential"],
    ]

    statuses = [client.get(urlsplit(url).path).status_code for url in urls]

    assert statuses == [200] * len(urls)
    issuer = client.get("/badges/issuer/").json()
    assert issuer["type"] == ["Profile"] and issuer["id"] == claims["issuer"]["id"]
