"""Mail delivery that goes wrong in the ways the retry tests need."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


def lose_the_first_send(monkeypatch):
    """The first batch sent loses its connection; later ones go out. Returns the batches."""
    real_send = EmailBackend.send_messages
    calls = []

    def fail_first(backend, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_first)
    return calls
