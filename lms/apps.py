from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    # Permissions of every app exist only once the last app has migrated.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last_app:
        from lms.roles import ensure_roles

        ensure_roles()


def _connect_receivers():
    """Each concept connects its own signal receivers (`<concept>.receivers.connect`),
    so a new concept subscribes to `events_applied` without editing this file."""
    import importlib
    import importlib.util
    import pkgutil

    import lms

    for concept in pkgutil.iter_modules(lms.__path__):
        name = f"lms.{concept.name}.receivers"
        if concept.ispkg and importlib.util.find_spec(name) is not None:
            importlib.import_module(name).connect()


class LmsConfig(AppConfig):
    """Who learns and how it goes: one app, a subpackage per concept."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lms"
    verbose_name = "Learning"

    def ready(self):
        from lms import checks  # noqa: F401 - registers the system checks
        from lms.core.spreadsheets import guard_wagtail_exports
        from lms.permissions import register_policies

        register_policies()
        guard_wagtail_exports()
        _connect_receivers()

        post_migrate.connect(_ensure_roles, dispatch_uid="lms.ensure_roles")
