"""Where a learner takes a badge: its public page, and LinkedIn's "Add
licence or certification" form filled in from the credential."""

from urllib.parse import urlencode

from django.utils import timezone

from lms.contrib.badges.conf import issuer_name
from lms.contrib.badges.credentials import credential_url

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_url(award):
    """LinkedIn's prefilled link for the award (month and year of the award,
    the public page as the certificate's URL, the credential's id as its id)."""
    when = timezone.localtime(award.awarded_at)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.badge_class.name,
        "organizationName": issuer_name(),
        "issueYear": when.year,
        "issueMonth": when.month,
        "certUrl": credential_url(award),
        "certId": str(award.credential_id),
    }
    return f"{LINKEDIN_ADD}?{urlencode(query)}"
