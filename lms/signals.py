"""Signals lms sends; background jobs listen, so lms never imports them."""

from django.dispatch import Signal

# Sent inside the recording transaction with event_ids=[...]; receivers enqueue on commit.
events_recorded = Signal()

# Sent inside the transaction that moved a stretch project, with assignment=,
# action= (a key of lms.stretch.states.MOVES) and user=; receivers email on commit.
assignment_changed = Signal()
