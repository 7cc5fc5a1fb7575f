"""VC-JWT: a credential signed as a compact JWS (RS256), as Open Badges 3.0
secures credentials with JOSE.

The JWT's payload is the credential itself, its members at the top level,
with the registered claims the specification maps onto them: `iss` (the
issuer's id), `jti` (the credential's id), `nbf` (validFrom) and `sub` when
the subject has an id. The header names the signing key by `kid`, its RFC 7638
thumbprint, which the issuer's JWKS publishes.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from jwcrypto import jws
from jwcrypto.common import JWException

from lms.contrib.badges import keys

VALID, TAMPERED, UNKNOWN_KEY, MALFORMED = (
    "valid",
    "tampered",
    "unknown-key",
    "malformed",
)


def claims_of(credential):
    """The JWT payload for a credential: the credential plus its registered claims."""
    claims = dict(credential)
    claims["iss"] = _id_of(credential["issuer"])
    claims["jti"] = credential["id"]
    claims["nbf"] = int(datetime.fromisoformat(credential["validFrom"]).timestamp())
    subject_id = credential.get("credentialSubject", {}).get("id")
    if subject_id:
        claims["sub"] = subject_id
    return claims


def _id_of(issuer):
    return issuer["id"] if isinstance(issuer, dict) else issuer


def sign(credential):
    """(compact JWS, kid) of the credential, signed with the active key."""
    key, kid = keys.signing_key()
    payload = json.dumps(
        claims_of(credential), separators=(",", ":"), ensure_ascii=False
    )
    token = jws.JWS(payload.encode("utf-8"))
    token.add_signature(
        key, alg=keys.ALG, protected={"alg": keys.ALG, "kid": kid, "typ": "JWT"}
    )
    return token.serialize(compact=True), kid


@dataclass(frozen=True)
class Checked:
    """What a token's signature says: `state` is VALID, TAMPERED (the
    signature does not match what it signs), UNKNOWN_KEY (no key of this
    issuer made it) or MALFORMED (not a compact JWS with a JSON payload)."""

    state: str
    claims: dict | None = None
    kid: str = ""

    @property
    def valid(self):
        return self.state == VALID


def check(token):
    """Verify a compact JWS against the issuer's published keys (retired ones
    included), with the algorithm fixed to RS256 whatever the header says."""
    token = (token or "").strip()
    if token.count(".") != 2:
        return Checked(MALFORMED)
    signed = jws.JWS()
    try:
        signed.deserialize(token)
        header = signed.jose_header
    except (JWException, ValueError, TypeError):
        return Checked(MALFORMED)
    kid = header.get("kid") if isinstance(header, dict) else None
    key = keys.public_key(kid) if isinstance(kid, str) else None
    if key is None:
        return Checked(UNKNOWN_KEY, kid=kid if isinstance(kid, str) else "")
    try:
        signed.verify(key, alg=keys.ALG)
    except (JWException, ValueError, TypeError):
        return Checked(TAMPERED, kid=kid)
    try:
        claims = json.loads(signed.payload)
    except (ValueError, UnicodeDecodeError):
        return Checked(MALFORMED, kid=kid)
    if not isinstance(claims, dict):
        return Checked(MALFORMED, kid=kid)
    return Checked(VALID, claims, kid)


def unverified_claims(token):
    """The payload of a compact JWS without checking it, or None: to say what a
    tampered credential claims to be."""
    signed = jws.JWS()
    try:
        signed.deserialize((token or "").strip())
        claims = json.loads(signed.objects["payload"])
    except (JWException, ValueError, TypeError, KeyError):
        return None
    return claims if isinstance(claims, dict) else None
