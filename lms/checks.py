"""System checks: the plugin's settings, before a request or a job needs them."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connections

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


SUPPORTED_VENDORS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


@register(Tags.database)
def database_vendor_check(app_configs, databases=None, **kwargs):
    """Progress is written with SQL that PostgreSQL and SQLite both run (lms.core.sql)."""
    problems = []
    for alias in databases or ():
        vendor = connections[alias].vendor
        if vendor not in SUPPORTED_VENDORS:
            problems.append(
                Error(
                    f"The database '{alias}' is {vendor}, which lms does not support.",
                    hint="Use PostgreSQL (production) or SQLite (one machine): "
                    "progress is recorded with SQL written for those two.",
                    id="lms.E003",
                )
            )
    return problems
