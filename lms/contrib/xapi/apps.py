from django.apps import AppConfig


class XapiConfig(AppConfig):
    name = "lms.contrib.xapi"
    label = "lms_xapi"
    verbose_name = "xAPI statements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.contrib.xapi import receivers

        receivers.connect()
