from django.apps import AppConfig


class TasksConfig(AppConfig):
    """What runs in the background: the Celery app, its schedule and jobs."""

    name = "tasks"
    verbose_name = "Background jobs"

    def ready(self):
        from lms.signals import assignment_changed, events_recorded

        from .dispatch import enqueue_recorded_events, enqueue_stretch_news

        events_recorded.connect(
            enqueue_recorded_events, dispatch_uid="tasks.enqueue_events"
        )
        assignment_changed.connect(
            enqueue_stretch_news, dispatch_uid="tasks.enqueue_stretch_news"
        )
