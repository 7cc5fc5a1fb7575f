"""The xAPI settings, with their defaults. Read at use, so tests can change them."""

from django.conf import settings

DEFAULTS = {
    "ENDPOINT": "",  # the LRS's xAPI base, e.g. https://lrs.example.com/xAPI/
    "USERNAME": "",
    "PASSWORD": "",
    "BATCH": 200,  # statements per POST
    "TIMEOUT": 10,  # seconds for one POST
    "BACKOFF_MAX": 600,  # seconds between retries at most
}


def xapi_setting(name):
    return getattr(settings, f"LMS_XAPI_{name}", DEFAULTS[name])
