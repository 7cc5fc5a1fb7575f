from django.core.management.base import BaseCommand, CommandError

from lms.core.progress_bar import bar_line
from lms.models import ReviewCard
from lms.review.recall import BATCH_USERS, refresh_everyone


class Command(BaseCommand):
    help = (
        "Work out every learner's predicted recall per competency as of now, as "
        "the nightly job does (after an upgrade, or to show today's figures now). "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH_USERS,
            help=f"learners refreshed per round (default {BATCH_USERS})",
        )

    def handle(self, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        total = (
            ReviewCard.objects.filter(retired_at__isnull=True)
            .values("user_id")
            .distinct()
            .count()
        )
        done = refresh_everyone(
            batch=batch, progress=lambda n: self.stdout.write(bar_line(n, total))
        )
        self.stdout.write(f"Refreshed the recall of {done:,} learners.")
