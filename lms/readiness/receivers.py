"""Keep the cached ids of programmes that show learners their readiness label in
step with the settings rows (lms.readiness.programme_settings)."""

from django.db.models.signals import post_delete, post_save

from lms.models import ReadinessSettings
from lms.readiness.programme_settings import forget_shown_programmes


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            forget_shown_programmes,
            sender=ReadinessSettings,
            dispatch_uid=f"lms.readiness.shown.{signal}",
        )
