"""Wagtail's site history, scoped per object by the lms permission policies.

Wagtail shows a non-superuser every log entry of a content type they hold any
permission on, so a manager of one cohort would read the audit trail (names,
who edited, when) of every other cohort. Entries about lms objects are kept
only where the object's policy lets the user view it; entries about lms kinds
that have no policy are for superusers alone.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models.audit_log import ModelLogEntryManager

APP_LABEL = "lms"
_viewable = ModelLogEntryManager.viewable_by_user
_policies = {}


def _visible_ids(policy, user):
    objects = policy.instances_user_has_permission_for(user, "view")
    return objects.annotate(object_id_text=Cast("pk", CharField())).values(
        "object_id_text"
    )


def _scoped(self, user):
    entries = _viewable(self, user)
    if user.is_superuser:
        return entries
    hidden = Q(content_type__app_label=APP_LABEL)
    for model, policy in _policies.items():
        kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
        hidden &= ~Q(content_type=kind)
        hidden |= Q(content_type=kind) & ~Q(object_id__in=_visible_ids(policy, user))
    return entries.exclude(hidden)


def scope_site_history(policies):
    """Scope Wagtail's model log entries by `policies` ({model: policy})."""
    _policies.update(policies)
    ModelLogEntryManager.viewable_by_user = _scoped
