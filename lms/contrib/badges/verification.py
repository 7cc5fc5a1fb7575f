"""Is this credential ours, untouched and not revoked? Checked from what the
issuer publishes: the signature with the key its JWKS lists under the token's
kid (retired keys included), then the bit of the status list credential it
names, itself checked the same way.
"""

from dataclasses import dataclass

from django.urls import Resolver404, resolve

from lms.contrib.badges import signing, status_list
from lms.contrib.badges.conf import site_url
from lms.contrib.badges.credentials import issuer_id
from lms.contrib.badges.models import BadgeAward

VALID, REVOKED, TAMPERED = "valid", "revoked", "tampered"
NOT_OURS, UNREADABLE = "not-ours", "unreadable"

VERDICTS = {
    VALID: "Valid: issued by us, unchanged since, and not revoked.",
    REVOKED: "Revoked: the issuer has withdrawn this credential.",
    TAMPERED: "Tampered: its content does not match its signature.",
    NOT_OURS: "Not verifiable here: no key of this issuer signed it.",
    UNREADABLE: "Not a credential: this is not a signed credential (a VC-JWT).",
}


@dataclass(frozen=True)
class Verdict:
    state: str
    claims: dict | None = None  # what the credential says (only when signed by us)
    award: BadgeAward | None = None
    reason: str = ""  # a revocation's reason, when there is one

    @property
    def message(self):
        return VERDICTS[self.state]


def verify(token):
    """The Verdict on a compact VC-JWT."""
    checked = signing.check(token)
    if checked.state == signing.MALFORMED:
        return Verdict(UNREADABLE)
    if checked.state == signing.UNKNOWN_KEY:
        return Verdict(NOT_OURS)
    if checked.state == signing.TAMPERED:
        return Verdict(TAMPERED, signing.unverified_claims(token))
    claims = checked.claims
    if claims.get("iss") != issuer_id():
        return Verdict(NOT_OURS, claims)
    award = _award_of(claims)
    if _revoked(claims.get("credentialStatus")):
        return Verdict(REVOKED, claims, award, award.revoke_reason if award else "")
    return Verdict(VALID, claims, award)


def _award_of(claims):
    credential_id = str(claims.get("jti") or "").rstrip("/").rsplit("/", 1)[-1]
    try:
        return (
            BadgeAward.objects.select_related("badge_class", "learner")
            .filter(credential_id=credential_id)
            .first()
        )
    except (ValueError, TypeError):  # not a UUID: not one of ours
        return None


def _revoked(status):
    """Whether the status entry's bit is set on the list it names, read from
    the signed list credential as anyone would read it."""
    if not isinstance(status, dict):
        return False
    try:
        index = int(status["statusListIndex"])
        list_number = _list_number(status["statusListCredential"])
    except (KeyError, TypeError, ValueError):
        return True  # ours, signed, yet its status cannot be read: do not vouch
    listed = signing.check(status_list.signed_list(list_number))
    if not listed.valid:
        return True
    subject = listed.claims["credentialSubject"]
    bits = status_list.decode(subject["encodedList"])
    return status_list.is_set(bits, index)


def _list_number(url):
    """The number of our status list at `url`; ValueError for any other URL."""
    site = site_url()
    if not isinstance(url, str) or not url.startswith(f"{site}/"):
        raise ValueError("Not one of our status lists.")
    try:
        match = resolve(url[len(site) :])
    except Resolver404 as error:
        raise ValueError("Not one of our status lists.") from error
    if match.view_name != "lms_badges:status_list":
        raise ValueError("Not one of our status lists.")
    return match.kwargs["list_number"]
