"""The learner's own rows: journal entries and action-plan items."""

from django.utils import timezone

from lms.models import ActionItem, JournalEntry


def make_entry(user, **kwargs):
    kwargs.setdefault("prompt", "When did your last difficult call turn?")
    kwargs.setdefault("text", "When I let them finish.")
    kwargs.setdefault("created_at", timezone.now())
    return JournalEntry.objects.create(user=user, **kwargs)


def make_action_item(user, **kwargs):
    kwargs.setdefault("title", "Count to three")
    kwargs.setdefault("instructions", "Pause before answering.")
    return ActionItem.objects.create(user=user, **kwargs)
