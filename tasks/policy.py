"""The retry and idempotency policy every job shares."""

from lms.core.transient import TRANSIENT

__all__ = ["SCHEDULED", "TRANSIENT"]

# Scheduled jobs are idempotent (update_or_create, notification keys), so they
# are acked late and retried; a retry of an email job sends only what is missing.
SCHEDULED = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "retry_backoff": 60,
    "retry_backoff_max": 480,  # below the broker visibility timeout (600 s)
    "retry_jitter": True,
    "max_retries": 5,
}
