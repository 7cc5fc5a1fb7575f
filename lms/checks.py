"""System checks: the plugin's settings, before a request or a job needs them."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register

from lms.conf import lms_settings


@register()
def private_root_check(app_configs, **kwargs):
    """Evidence needs a private folder, and one no public URL serves."""
    root = lms_settings.PRIVATE_ROOT
    if not root:
        return [
            Error(
                "LMS_PRIVATE_ROOT is not set.",
                hint="Set it to a folder outside MEDIA_ROOT and STATIC_ROOT where "
                "learners' evidence files are kept.",
                id="lms.E001",
            )
        ]
    root = Path(root).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and root.is_relative_to(Path(public).resolve()):
            return [
                Error(
                    f"LMS_PRIVATE_ROOT is inside {name}, which the web server "
                    "may serve to anyone.",
                    hint=f"Move it outside {name}.",
                    id="lms.E002",
                )
            ]
    return []


@register()
def base_url_check(app_configs, **kwargs):
    """Emails, calendar feeds and credentials link to the site by this address."""
    if getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
        return []
    return [
        Warning(
            "WAGTAILADMIN_BASE_URL is not set: links in emails and calendar feeds "
            "will not reach the site.",
            hint="Set it to the site's public address, e.g. https://learn.example.com.",
            id="lms.W001",
        )
    ]
