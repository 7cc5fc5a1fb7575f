from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from content.errors import CurriculumInvalid
from content.importer import import_curriculum
from content.lint import RULES, lint

DEFAULT_ROOT = Path(__file__).resolve().parents[2]


class Command(BaseCommand):
    help = "Import the Markdown curriculum into Wagtail: idempotent and all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(DEFAULT_ROOT), help="content folder"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="validate and lint only; write nothing",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="with --check: lint findings fail the command too",
        )
        parser.add_argument(
            "--rule",
            action="append",
            choices=sorted(RULES),
            help="with --check: run only this lint rule (repeatable)",
        )
        parser.add_argument(
            "--parent", type=int, help="id of the page programmes go under"
        )
        parser.add_argument(
            "--no-publish", action="store_true", help="save revisions as drafts"
        )

    def handle(self, path, check, strict, rule, parent, no_publish, **options):
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
            self._lint(curriculum, rule, strict)
            return
        for line in report.lines():
            self.stdout.write(line)

    def _lint(self, curriculum, rules, strict):
        findings = lint(curriculum, rules)
        for finding in findings:
            self.stderr.write(f"warning: {finding}")
        modules = len(curriculum.modules())
        if findings and strict:
            raise CommandError(
                f"{modules} modules checked: {len(findings)} lint finding(s)."
            )
        summary = (
            f"{len(findings)} lint warning(s)" if findings else "no problems found"
        )
        self.stdout.write(f"{modules} modules checked: {summary}.")

    def _parent(self, page_id):
        if page_id is None:
            return None
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No page with id {page_id}.")
        return page.specific
