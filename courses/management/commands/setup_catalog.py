from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from courses.models import CatalogPage

WAGTAIL_WELCOME_PAGE = "Welcome to your new Wagtail site!"


class Command(BaseCommand):
    help = "Make a learning catalogue the home page of the default site (idempotent)."

    @transaction.atomic
    def handle(self, **options):
        if CatalogPage.objects.exists():
            self.stdout.write("Catalogue page already exists; nothing to do.")
            return
        root = Page.get_first_root_node()
        catalogue = root.add_child(
            instance=CatalogPage(title="Learning", slug="learning", intro=INTRO)
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=catalogue, is_default_site=True
            )
        else:
            old_home = site.root_page
            site.root_page = catalogue
            site.save()
            # Only the untouched placeholder Wagtail creates is removed.
            if (
                old_home.title == WAGTAIL_WELCOME_PAGE
                and not old_home.get_children().exists()
            ):
                old_home.delete()
        self.stdout.write(
            f"Created catalogue page '{catalogue.title}' as the site's home page."
        )


INTRO = (
    "Bite-sized leadership learning for contact-centre professionals who are "
    "getting ready to lead a team. Pick a programme to start."
)
