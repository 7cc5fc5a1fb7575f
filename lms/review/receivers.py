"""Answered questions become review cards; publishing a module retires removed
ones; review answers join the JSON API."""

from wagtail.signals import page_published

from courses.models import ModulePage
from lms.review.cards import cards_from_events, retire_removed
from lms.review.recall import refresh_recall
from lms.signals import events_applied


def on_events_applied(sender, events, **kwargs):
    if cards_from_events(events):
        refresh_recall({e.user_id for e in events if e.kind == "answered"})


def on_module_published(sender, instance, **kwargs):
    ids = [block.id for block in instance.body if block.block_type == "question"]
    retire_removed(instance.pk, ids)


def connect():
    from lms.review.api import attach

    attach()
    events_applied.connect(on_events_applied, dispatch_uid="lms.review.cards")
    page_published.connect(
        on_module_published, sender=ModulePage, dispatch_uid="lms.review.retire"
    )
