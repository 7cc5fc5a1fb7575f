"""The standards' documents, shipped so nothing is fetched at run time.

- `credentials-v2.json`: the W3C Verifiable Credentials 2.0 context
  (https://www.w3.org/ns/credentials/v2), and `ob-v3p0-context-3.0.3.json`:
  the Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json),
  both byte for byte as the PyPI package openbadgeslib 4.6.3 ships them
  (SHA-256 59955ced… and 3d34f4d4…, the digests that package records for the
  published documents).
- `ob_v3p0_achievementcredential_schema.json`: a JSON Schema (draft 2019-09)
  for OpenBadgeCredential, written here from the data model of the Open Badges
  3.0 specification (revision 3.0.3, on the VC 2.0 data model): no PyPI
  package ships 1EdTech's schema file.
"""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)

FILES = {
    VC_CONTEXT: "credentials-v2.json",
    OB_CONTEXT: "ob-v3p0-context-3.0.3.json",
    OB_SCHEMA: "ob_v3p0_achievementcredential_schema.json",
}


@cache
def document(url):
    """The shipped document published at `url`; KeyError for any other."""
    return json.loads((HERE / FILES[url]).read_text(encoding="utf-8"))
