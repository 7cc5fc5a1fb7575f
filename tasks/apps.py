from django.apps import AppConfig


class TasksConfig(AppConfig):
    """What runs in the background: the Celery app, its schedule and jobs."""

    name = "tasks"
    verbose_name = "Background jobs"

    def ready(self):
        from lms.signals import events_recorded

        from .dispatch import enqueue_recorded_events

        events_recorded.connect(
            enqueue_recorded_events, dispatch_uid="tasks.enqueue_events"
        )
