from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _grant_roles(sender, **kwargs):
    # Permissions of every app exist only once the last app has migrated, and
    # lms has made its groups by then (its receiver was connected first).
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last_app:
        from lms.contrib.badges.roles import grant_roles

        grant_roles()


class BadgesConfig(AppConfig):
    name = "lms.contrib.badges"
    label = "lms_badges"
    verbose_name = "Open Badges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.contrib.badges import receivers
        from lms.contrib.badges.policies import register_policies

        register_policies()
        receivers.connect()
        post_migrate.connect(_grant_roles, dispatch_uid="lms_badges.grant_roles")
