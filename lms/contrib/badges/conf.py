"""The badge settings, with their defaults. Read at use, so tests can change them."""

from django.conf import settings

DEFAULTS = {
    # Who issues the badges: the issuer profile's name, and its home page
    # (WAGTAILADMIN_BASE_URL when empty). Every credential URL starts from it.
    "ISSUER_NAME": "",
    "ISSUER_URL": "",
    "ISSUER_EMAIL": "",
    # The passphrase that encrypts the private keys stored in the database
    # (SECRET_KEY when empty). Changing it makes stored keys unreadable.
    "KEY_PASSPHRASE": "",
    # A PEM file holding the RSA signing key, for a site that keeps its key
    # outside the database (a secret mount); the database then holds only the
    # public half, so the key stays published after a rotation.
    "SIGNING_KEY_FILE": "",
    # Bits per status list (the Bitstring Status List's minimum, 16 KiB).
    "STATUS_LIST_SIZE": 131_072,
    # How long My learning keeps a learner's badge summary (seconds); an award
    # or a revocation forgets it at once where the cache is shared.
    "PANEL_SECONDS": 300,
}


def badges_setting(name):
    return getattr(settings, f"LMS_BADGES_{name}", DEFAULTS[name])


def site_url():
    """The issuer's base URL, without a trailing slash."""
    return (badges_setting("ISSUER_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def issuer_name():
    return badges_setting("ISSUER_NAME") or getattr(
        settings, "WAGTAIL_SITE_NAME", "Learning"
    )
