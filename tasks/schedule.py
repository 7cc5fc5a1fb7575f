"""The beat schedule: every periodic job, when it runs and when a missed run expires."""

from celery.schedules import crontab

from lms.conf import lms_settings

HOUR = 3600

# Every entry expires, so runs missed while workers were down never pile up:
# frequent ones after one interval; the daily emails go in the morning or not
# at all (the next day's run catches up); crontabs are in Celery's time zone.
BEAT_SCHEDULE = {
    "sweep-unapplied-events": {
        "task": "tasks.sweep_unapplied_events",
        "schedule": float(lms_settings.SWEEP_SECONDS),
        "options": {"expires": lms_settings.SWEEP_SECONDS},
    },
    "snapshot-cohorts-nightly": {
        "task": "tasks.take_cohort_snapshots",
        "schedule": crontab(hour=1, minute=0),
        "options": {"expires": 12 * HOUR},
    },
    # Before the morning's nudges and the managers' first look at the heat-map.
    "refresh-recall-nightly": {
        "task": "tasks.refresh_recall",
        "schedule": crontab(hour=2, minute=0),
        "options": {"expires": 12 * HOUR},
    },
    # After the recall refresh, so the night's grid reads fresh recall.
    "snapshot-readiness-nightly": {
        "task": "tasks.take_readiness_snapshots",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 12 * HOUR},
    },
    # Hourly: each learner's review email goes at the hour they chose.
    "review-reminders-hourly": {
        "task": "tasks.send_review_reminders",
        "schedule": crontab(minute=5),
        "options": {"expires": 50 * 60},
    },
    "pacing-emails-daily": {
        "task": "tasks.send_pacing_emails",
        "schedule": crontab(hour=6, minute=0),
        "options": {"expires": 6 * HOUR},
    },
    "stretch-reminders-daily": {
        "task": "tasks.send_stretch_reminders",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 6 * HOUR},
    },
    "inactivity-nudges-daily": {
        "task": "tasks.send_inactivity_nudges",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 6 * HOUR},
    },
    "time-audit-reminders-daily": {
        "task": "tasks.send_time_audit_reminders",
        "schedule": crontab(hour=8, minute=0),
        "options": {"expires": 6 * HOUR},
    },
    "reassessment-invitations-daily": {
        "task": "tasks.send_reassessment_invitations",
        "schedule": crontab(hour=8, minute=30),
        "options": {"expires": 6 * HOUR},
    },
    "manager-digest-weekly": {
        "task": "tasks.send_manager_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "options": {"expires": 24 * HOUR},
    },
}
