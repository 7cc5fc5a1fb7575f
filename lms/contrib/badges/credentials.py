"""An award as an Open Badges 3.0 OpenBadgeCredential (VC 2.0 data model).

Every id is a stable URL on the issuer's site: the credential's own page, the
issuer profile, the achievement (the badge class), its image and each aligned
competency, all answered without signing in. The learner appears only as a
salted SHA-256 of their email address (an IdentityObject), never by name or
address; evidence (a stretch project's rubric summary) only when they let it.
"""

import hashlib

from django.urls import reverse

from lms.contrib.badges.conf import badges_setting, issuer_name, site_url
from lms.contrib.badges.evidence import rubric_summary
from lms.contrib.badges.models import BadgeClass
from lms.contrib.badges.standards import OB_CONTEXT, OB_SCHEMA, VC_CONTEXT
from lms.contrib.badges.status_list import entry

CONTEXT = [VC_CONTEXT, OB_CONTEXT]
TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
ACHIEVEMENT_TYPES = {
    BadgeClass.Kind.COURSE: "Course",
    BadgeClass.Kind.PROGRAMME: "LearningProgram",
    BadgeClass.Kind.PROJECT: "Assignment",
}


def url(name, *args):
    return f"{site_url()}{reverse(f'lms_badges:{name}', args=args)}"


def issuer_id():
    return url("issuer")


def credential_url(award):
    return url("credential", award.credential_id)


def issuer_profile():
    """The issuer's Profile, as its id URL answers it."""
    profile = {
        "@context": CONTEXT,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": issuer_name(),
        "url": f"{site_url()}/",
    }
    if badges_setting("ISSUER_EMAIL"):
        profile["email"] = badges_setting("ISSUER_EMAIL")
    return profile


def _issuer():
    profile = issuer_profile()
    del profile["@context"]
    return profile


def achievement_of(badge_class, competencies):
    """The badge class as an Achievement, aligned to its competencies."""
    return {
        "id": url("achievement", badge_class.pk),
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES[badge_class.kind],
        "name": badge_class.name,
        "description": badge_class.description,
        "criteria": {"narrative": badge_class.criteria},
        "image": {"id": url("class_image", badge_class.pk), "type": "Image"},
        "alignment": [alignment_of(c) for c in competencies],
    }


def alignment_of(competency):
    made = {
        "type": ["Alignment"],
        "targetName": competency.name,
        "targetUrl": url("competency", competency.slug),
        "targetType": "ceasn:Competency",
    }
    if competency.description:
        made["targetDescription"] = competency.description
    return made


def identity_hash(identity, salt):
    """'sha256$' and the hex digest of the identity followed by the salt, UTF-8."""
    digest = hashlib.sha256(f"{identity}{salt}".encode()).hexdigest()
    return f"sha256${digest}"


def identity_of(user, salt):
    """The learner as an IdentityObject: their email (trimmed, lower case), else
    their username, hashed with the award's salt."""
    email = (user.email or "").strip().lower()
    kind, identity = ("emailAddress", email) if email else ("userName", user.username)
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(identity, salt),
        "identityType": kind,
        "hashed": True,
        "salt": salt,
    }


def credential_of(award):
    """The award's OpenBadgeCredential, unsigned."""
    badge_class = award.badge_class
    competencies = sorted(badge_class.competencies.all(), key=lambda c: c.name)
    credential = {
        "@context": CONTEXT,
        "id": credential_url(award),
        "type": TYPE,
        "name": badge_class.name,
        "description": badge_class.description,
        "issuer": _issuer(),
        "validFrom": award.awarded_at.replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [identity_of(award.learner, award.salt)],
            "achievement": achievement_of(badge_class, competencies),
        },
        "credentialStatus": entry(award.pk),
        "credentialSchema": [{"id": OB_SCHEMA, "type": "JsonSchema"}],
    }
    evidence = evidence_of(award)
    if evidence:
        credential["evidence"] = evidence
    return credential


def evidence_of(award):
    """The approved project's rubric summary, if the learner lets it be shown."""
    if not (award.share_evidence and award.assignment_id):
        return []
    summary = rubric_summary(award.assignment)
    if summary is None:
        return []
    return [
        {
            "id": f"{credential_url(award)}#evidence",
            "type": ["Evidence"],
            "name": summary.title,
            "genre": "Stretch project",
            "narrative": summary.narrative,
        }
    ]
