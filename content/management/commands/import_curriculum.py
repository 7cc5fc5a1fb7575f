from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from content.errors import CurriculumInvalid
from content.importer import import_curriculum

DEFAULT_ROOT = Path(__file__).resolve().parents[2]


class Command(BaseCommand):
    help = "Import the Markdown curriculum into Wagtail: idempotent and all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(DEFAULT_ROOT), help="content folder"
        )
        parser.add_argument(
            "--check", action="store_true", help="validate only; write nothing"
        )
        parser.add_argument(
            "--parent", type=int, help="id of the page programmes go under"
        )
        parser.add_argument(
            "--no-publish", action="store_true", help="save revisions as drafts"
        )

    def handle(self, path, check, parent, no_publish, **options):
        parent_page = self._parent(parent)
        try:
            report, curriculum = import_curriculum(
                path, parent=parent_page, publish=not no_publish, dry_run=check
            )
        except CurriculumInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(invalid.errors)} problem(s) found; nothing was imported."
            ) from None
        if check:
            self.stdout.write(
                f"{len(curriculum.modules())} modules checked: no problems found."
            )
            return
        for line in report.lines():
            self.stdout.write(line)

    def _parent(self, page_id):
        if page_id is None:
            return None
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No page with id {page_id}.")
        return page.specific
