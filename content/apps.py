from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The curriculum as Markdown files and the command that imports it."""

    name = "content"
    verbose_name = "Curriculum content"
