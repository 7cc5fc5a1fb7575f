"""The issuer's signing keys: made when first needed, rotated by a command,
published as a JWKS in which retired keys stay (marked so) for old credentials.

A key made here is stored encrypted (PKCS#8, the passphrase from
LMS_BADGES_KEY_PASSPHRASE, else SECRET_KEY) and its private half never leaves
this module. A site that keeps its key elsewhere names a PEM file in
LMS_BADGES_SIGNING_KEY_FILE: the file signs, the database keeps only the
public half, so the key is still published after the file is replaced.
"""

from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from jwcrypto import jwk

from lms.contrib.badges.conf import badges_setting
from lms.contrib.badges.models import IssuerKey

KEY_SIZE = 2048
ALG = "RS256"


def _passphrase():
    return (badges_setting("KEY_PASSPHRASE") or settings.SECRET_KEY).encode()


def _public(key):
    """The public JWK as published: kid, alg and use added."""
    public = key.export_public(as_dict=True)
    return {**public, "kid": key.thumbprint(), "alg": ALG, "use": "sig"}


def signing_key():
    """(private JWK, kid) of the active key, making or recording one if needed."""
    path = badges_setting("SIGNING_KEY_FILE")
    if path:
        return _file_key(path)
    row = IssuerKey.objects.filter(active=True).first() or _new_key()
    return _unlocked(row.kid, row.private_pem), row.kid


# Decrypting a stored key runs the PKCS#8 key derivation, about 0.35 s on this
# machine; each process does it once per key, not once per signature.
_UNLOCKED = {}


def _unlocked(kid, pem):
    if kid not in _UNLOCKED:
        _UNLOCKED[kid] = jwk.JWK.from_pem(pem.encode(), password=_passphrase())
    return _UNLOCKED[kid]


def _new_key():
    """A fresh key, stored encrypted, made the active one."""
    key = jwk.JWK.generate(kty="RSA", size=KEY_SIZE)
    pem = key.export_to_pem(private_key=True, password=_passphrase()).decode()
    return _activate(key, pem)


def _activate(key, pem):
    """Make `key` the active one; the key active before is retired."""
    kid = key.thumbprint()
    try:
        with transaction.atomic():
            IssuerKey.objects.filter(active=True).exclude(kid=kid).update(
                active=False, retired_at=timezone.now()
            )
            row, _created = IssuerKey.objects.update_or_create(
                kid=kid,
                defaults={
                    "public_jwk": _public(key),
                    "private_pem": pem,
                    "active": True,
                    "retired_at": None,
                },
            )
            return row
    except IntegrityError:
        # Another process made a key at the same moment: use the one that won.
        return IssuerKey.objects.get(active=True)


def _file_key(path):
    """The key in the file; its public half recorded (and made active) once."""
    key = jwk.JWK.from_pem(Path(path).read_bytes())
    kid = key.thumbprint()
    if not IssuerKey.objects.filter(kid=kid, active=True).exists():
        _activate(key, "")
    return key, kid


def rotate():
    """Retire the active key and make a new one; returns (new kid, old kid)."""
    old = IssuerKey.objects.filter(active=True).first()
    new = _new_key()
    return new.kid, old.kid if old else None


def public_key(kid):
    """The published key with this kid (active or retired), or None."""
    row = IssuerKey.objects.filter(kid=kid).first()
    return jwk.JWK(**row.public_jwk) if row else None


def jwks():
    """Every key the issuer has signed with: the active one first, then the
    retired ones, each retired one saying since when."""
    keys = []
    for row in IssuerKey.objects.order_by("-active", "-created_at", "-pk"):
        published = dict(row.public_jwk)
        if not row.active:
            published["status"] = "retired"
            if row.retired_at:
                published["retired_at"] = row.retired_at.isoformat()
        keys.append(published)
    return {"keys": keys}
