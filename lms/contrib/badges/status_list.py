"""Revocation as a W3C Bitstring Status List: one bit per award, set when it
is revoked, published as a signed BitstringStatusListCredential.

Award n sits at index n mod LMS_BADGES_STATUS_LIST_SIZE of list n div that
size, so its place is known before the credential is signed and never moves.
Bit 0 is the most significant bit of the first byte, as the specification
says; the list is GZIP-compressed and written as multibase base64url (a
leading "u", no padding).
"""

import base64
import gzip
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from lms.contrib.badges import signing
from lms.contrib.badges.conf import badges_setting, site_url
from lms.contrib.badges.models import BadgeAward
from lms.contrib.badges.standards import VC_CONTEXT

PURPOSE = "revocation"
MAX_ENCODED = 1 << 20  # what we inflate of a list read back, at most


def size():
    return int(badges_setting("STATUS_LIST_SIZE"))


@dataclass(frozen=True)
class Place:
    list_number: int
    index: int


def place_of(award_pk):
    return Place(*divmod(award_pk, size()))


def list_url(list_number):
    path = reverse("lms_badges:status_list", args=[list_number])
    return f"{site_url()}{path}"


def entry(award_pk):
    """The credentialStatus of the award's credential."""
    place = place_of(award_pk)
    url = list_url(place.list_number)
    return {
        "id": f"{url}#{place.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(place.index),
        "statusListCredential": url,
    }


def encode(indices, bits=None):
    """The encodedList with the given indices set."""
    bits = bits or size()
    raw = bytearray(bits // 8)
    for index in indices:
        raw[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(raw), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded):
    """The bitstring an encodedList holds; ValueError when it is not one."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url.")
    text = encoded[1:]
    packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    inflated = gzip.decompress(packed)
    if len(inflated) > MAX_ENCODED:
        raise ValueError("The status list is too large.")
    return inflated


def is_set(bitstring, index):
    if not 0 <= index < len(bitstring) * 8:
        raise ValueError("The status index is outside the list.")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def revoked_indices(list_number):
    first = list_number * size()
    pks = BadgeAward.objects.filter(
        revoked_at__isnull=False, pk__gte=first, pk__lt=first + size()
    ).values_list("pk", flat=True)
    return [pk - first for pk in pks]


def list_credential(list_number, now=None):
    """The status list as a credential (before signing)."""
    from lms.contrib.badges.credentials import issuer_id

    url = list_url(list_number)
    now = (now or timezone.now()).replace(microsecond=0)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": now.isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(revoked_indices(list_number)),
        },
    }


def signed_list(list_number):
    """The status list credential as a VC-JWT, as its URL serves it."""
    token, _kid = signing.sign(list_credential(list_number))
    return token
