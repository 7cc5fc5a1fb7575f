from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.demo import create_demo_project, create_demo_users, demo_password


class Command(BaseCommand):
    help = "Create the demo accounts (admin, trainer, manager, mentor, three learners)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="allow when DEBUG is off"
        )

    def handle(self, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo accounts have known passwords: use --force outside DEBUG."
            )
        self.stdout.write(
            "Demo accounts (learners sign in at /accounts/login/; trainers, managers "
            "and mentors at /admin/):"
        )
        for user, created in create_demo_users():
            role = ", ".join(user.groups.values_list("name", flat=True)) or "superuser"
            password = (
                demo_password(user.username)
                if created
                else "(unchanged; existed already)"
            )
            self.stdout.write(f"  {user.username:<10} {password:<28} {role}")
        project = create_demo_project()
        if project:
            self.stdout.write(
                f"Stretch project for {project.learner}: {project.title} "
                f"(cohort {project.cohort}, mentor {project.mentor})"
            )
