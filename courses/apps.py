from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """What is taught: the page tree, blocks, competencies, glossary, templates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = "Courses"
