"""A focus gap closes by itself once newly applied evidence reaches the target."""

from lms.assessment.focus import close_reached
from lms.signals import events_applied


def on_events_applied(sender, events, **kwargs):
    close_reached({event.user_id for event in events if event.kind == "answered"})


def connect():
    events_applied.connect(on_events_applied, dispatch_uid="lms.assessment.focus")
