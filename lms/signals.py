"""Signals lms sends. Lower layers announce; higher ones (background jobs, spaced
review, badges, xAPI, readiness) listen, so nothing below imports them."""

from django.dispatch import Signal

# Sent inside the recording transaction with event_ids=[...]; receivers enqueue on commit.
events_recorded = Signal()

# Sent once the roll-up transaction has committed, with events=[AppliedEvent, ...]
# in time order (lms.progress.applied). Receivers do their own idempotent work:
# an event can be announced again if a worker dies between commit and send.
events_applied = Signal()

# Sent inside the transaction that moved a stretch project, with assignment=,
# action= (a key of lms.stretch.states.MOVES) and user=; receivers email on commit.
assignment_changed = Signal()

# Sent inside the transaction that stored a daily-review answer, with
# answer_ids=[...] (lms.models.ReviewAnswer, newly stored, source "review");
# receivers act on commit. A retry of a stored answer sends nothing.
review_answered = Signal()

# Sent inside the transaction that enrolled accounts without a usable password,
# with user_ids=[...], programme_id= and invited_by_id=; receivers email each an
# invitation to set their password, on commit (lms.accounts.invitations).
learners_invited = Signal()
