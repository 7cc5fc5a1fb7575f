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
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import CoursePage, ModulePage, ProgrammePage, TaggedCompetency
        from .outline import forget_outlines

        changes = [(post_save, TaggedCompetency), (post_delete, TaggedCompetency)]
        for model in (ProgrammePage, CoursePage, ModulePage):
            for signal in (post_save, post_delete, page_published, page_unpublished):
                changes.append((signal, model))
        for number, (signal, model) in enumerate(changes):
            signal.connect(
                forget_outlines, sender=model, dispatch_uid=f"courses.outline.{number}"
            )
        # A move of any page (a catalogue too) changes the paths below it.
        post_page_move.connect(forget_outlines, dispatch_uid="courses.outline.move")
