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
