from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """What is taught: the page tree, blocks, competencies, glossary, templates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .markdown import forget_term_names
        from .models import GlossaryTerm

        post_save.connect(forget_term_names, sender=GlossaryTerm, dispatch_uid="saved")
        post_delete.connect(forget_term_names, sender=GlossaryTerm, dispatch_uid="gone")
        self._forget_outlines_on_change()

    def _forget_outlines_on_change(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import CoursePage, ModulePage, ProgrammePage, TaggedCompetency
        from .outline import forget_outlines

        changes = [(post_save, TaggedCompetency), (post_delete, TaggedCompetency)]
        for model in (ProgrammePage, CoursePage, ModulePage):
            for signal in (post_save, post_delete, page_published, page_unpublished):
                changes.append((signal, model))
        # A course's module list says which modules are public, and their URLs,
        # which a site's root page decides.
        changes += [
            (post_save, Site),
            (post_delete, Site),
            (post_save, PageViewRestriction),
            (post_delete, PageViewRestriction),
        ]
        for number, (signal, model) in enumerate(changes):
            signal.connect(
                forget_outlines, sender=model, dispatch_uid=f"courses.outline.{number}"
            )
        # A move of any page (a catalogue too) changes the paths below it.
        post_page_move.connect(forget_outlines, dispatch_uid="courses.outline.move")
        self._forget_fragments_on_change(changes)

    def _forget_fragments_on_change(self, page_changes):
        """Shared fragments show pages, glossary terms and images."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .fragments import forget_fragments
        from .models import CatalogPage, GlossaryTerm

        changes = list(page_changes)
        # Breadcrumbs show the catalogue's title (a site's change is a page change).
        for model in (CatalogPage, GlossaryTerm, get_image_model()):
            changes += [(post_save, model), (post_delete, model)]
        changes += [(page_published, CatalogPage), (page_unpublished, CatalogPage)]
        for number, (signal, model) in enumerate(changes):
            signal.connect(
                forget_fragments,
                sender=model,
                dispatch_uid=f"courses.fragments.{number}",
            )
        post_page_move.connect(forget_fragments, dispatch_uid="courses.fragments.move")
