"""Saving a programme's readiness settings, and which programmes show learners
their readiness label, known without a query on every "My learning".

My learning asks on every view whether the learner's programme shows the
label; almost none does (it is off by default). The ids of those that do are
cached under a generation that every save or delete of a settings row renews
(lms.readiness.receivers), so while no programme shows it the panel costs no
query at all. A stale entry can only cost a query, never show a label: the
panel reads the setting again with the learner's enrolments.
"""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from courses.generations import generation, new_generation
from lms.models import ReadinessSettings

GENERATION_KEY = "lms:readiness:shown:generation"
FIELDS = (
    "performance_low",
    "performance_high",
    "potential_low",
    "potential_high",
    "show_readiness_to_learner",
)


def save_settings(programme_id, values, user):
    """Create or update the programme's settings from `values` (FIELDS), checked by
    the model and its constraints, and log who changed them."""
    try:
        return _save(programme_id, values, user)
    except IntegrityError:
        # Two first saves at once: the other one made the row, this one updates it.
        return _save(programme_id, values, user)


def _save(programme_id, values, user):
    with transaction.atomic():
        settings = (
            ReadinessSettings.objects.select_for_update()
            .filter(programme_id=programme_id)
            .first()
        ) or ReadinessSettings(programme_id=programme_id)
        created = settings.pk is None
        for name in FIELDS:
            setattr(settings, name, values[name])
        settings.full_clean(validate_unique=False)
        settings.save()
        log(settings, "wagtail.create" if created else "wagtail.edit", user=user)
    return settings


def last_change(settings):
    """The newest log entry of a saved settings row (who and when), or None."""
    from wagtail.models import ModelLogEntry

    if settings.pk is None:
        return None
    return (
        ModelLogEntry.objects.for_instance(settings)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )


def shown_programmes():
    """frozenset of the ids of programmes whose learners see their label: from the
    cache, else one query."""
    key = f"lms:readiness:shown:{generation(GENERATION_KEY)}"
    found = cache.get(key)
    if found is None:
        found = frozenset(
            ReadinessSettings.objects.filter(
                show_readiness_to_learner=True
            ).values_list("programme_id", flat=True)
        )
        cache.set(key, found, None)
    return found


def forget_shown_programmes(**kwargs):
    """Signal receiver: a settings row changed, so the cached ids may be wrong."""
    new_generation(GENERATION_KEY)
