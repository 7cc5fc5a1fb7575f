from django.apps import AppConfig


class TasksConfig(AppConfig):
    """What runs in the background: the Celery app, its schedule and jobs."""

    name = "tasks"
    verbose_name = "Background jobs"

    def ready(self):
        import importlib

        from tasks.celery import JOB_MODULES

        # Every process knows every job by name, as a worker does.
        for module in JOB_MODULES:
            importlib.import_module(module)

        from lms.signals import assignment_changed, events_recorded, learners_invited
        from tasks.accounts import enqueue_invitations
        from tasks.dispatch import enqueue_recorded_events
        from tasks.stretch import enqueue_stretch_news

        events_recorded.connect(
            enqueue_recorded_events, dispatch_uid="tasks.enqueue_events"
        )
        assignment_changed.connect(
            enqueue_stretch_news, dispatch_uid="tasks.enqueue_stretch_news"
        )
        learners_invited.connect(
            enqueue_invitations, dispatch_uid="tasks.enqueue_invitations"
        )
