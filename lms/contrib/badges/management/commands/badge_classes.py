from django.core.management.base import BaseCommand

from lms.contrib.badges.badge_classes import ensure_defaults


class Command(BaseCommand):
    help = (
        "Make the missing badge classes of the curriculum: one per course, one per "
        "programme, one per stretch-project template. Existing ones are left as "
        "they are; running it again makes nothing."
    )

    def handle(self, **options):
        made = ensure_defaults()
        self.stdout.write(
            f"Badge classes made: {made['course']} for courses, "
            f"{made['programme']} for programmes, {made['project']} for "
            "stretch-project templates."
        )
