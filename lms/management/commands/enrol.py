from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from courses.models import ProgrammePage
from lms.enrolment.services import enrol
from lms.models import Enrolment


class Command(BaseCommand):
    help = "Enrol existing users in a programme (by username and programme slug)."

    def add_arguments(self, parser):
        parser.add_argument("programme", help="slug of the programme page")
        parser.add_argument("usernames", nargs="+")

    def handle(self, programme, usernames, **options):
        page = ProgrammePage.objects.filter(slug=programme).first()
        if page is None:
            raise CommandError(f"No programme with slug '{programme}'.")
        users = {
            u.username: u
            for u in get_user_model().objects.filter(username__in=usernames)
        }
        missing = sorted(set(usernames) - set(users))
        if missing:
            raise CommandError(
                f"Unknown user(s): {', '.join(missing)}. Nobody was enrolled."
            )
        for username in usernames:
            _enrolment, created = enrol(
                users[username], page, source=Enrolment.Source.MANAGER
            )
            self.stdout.write(
                f"{username}: {'enrolled' if created else 'already enrolled'}"
            )
