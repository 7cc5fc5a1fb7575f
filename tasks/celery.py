"""The Celery app. Settings come from Django's CELERY_* settings."""

import os

from celery import Celery

from tasks.schedule import BEAT_SCHEDULE

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

# The jobs, one module per concept: a worker imports them all when it starts.
JOB_MODULES = (
    "tasks.health",
    "tasks.accounts",
    "tasks.progress",
    "tasks.cohorts",
    "tasks.notifications",
    "tasks.stretch",
    "tasks.time_audit",
    "tasks.review",
    "tasks.assessment",
    "tasks.readiness",
)

app = Celery("frontline")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.imports = JOB_MODULES
app.conf.beat_schedule = BEAT_SCHEDULE
# Optional apps (lms.contrib.*) bring their own jobs in a `jobs` module.
app.autodiscover_tasks(related_name="jobs")
