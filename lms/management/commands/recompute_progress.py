from django.core.management.base import BaseCommand, CommandError

from lms.core.progress_bar import bar_line
from lms.progress.recompute import learners_with_events, recompute


class Command(BaseCommand):
    help = (
        "Rebuild every learner's progress, scores and mastery from their stored "
        "events, with today's counting rules. Safe to run again; run it with the "
        "workers stopped, or run it twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=100,
            help="learners rebuilt per transaction (default 100)",
        )

    def handle(self, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        learners = learners_with_events()
        done = events = 0
        for start in range(0, len(learners), batch):
            part = learners[start : start + batch]
            events += recompute(part)
            done += len(part)
            self.stdout.write(bar_line(done, len(learners)))
        self.stdout.write(
            f"Rebuilt the progress of {done:,} learners from {events:,} events."
        )
