"""Signals lms sends; background jobs listen, so lms never imports them."""

from django.dispatch import Signal

# Sent inside the recording transaction with event_ids=[...]; receivers enqueue on commit.
events_recorded = Signal()
