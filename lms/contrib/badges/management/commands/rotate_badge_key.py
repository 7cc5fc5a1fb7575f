from django.core.management.base import BaseCommand, CommandError

from lms.contrib.badges import keys
from lms.contrib.badges.conf import badges_setting


class Command(BaseCommand):
    help = (
        "Retire the issuer's signing key and make a new one. The retired key stays "
        "in the published JWKS, so credentials it signed still verify; new ones "
        "are signed with the new key."
    )

    def handle(self, **options):
        if badges_setting("SIGNING_KEY_FILE"):
            raise CommandError(
                "The signing key comes from LMS_BADGES_SIGNING_KEY_FILE: put the new "
                "key in that file instead; the old one stays published."
            )
        new, old = keys.rotate()
        self.stdout.write(f"New signing key {new}.")
        if old:
            self.stdout.write(f"Retired {old}; it stays in the JWKS.")
