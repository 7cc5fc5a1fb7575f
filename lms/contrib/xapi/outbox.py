"""Putting statements in the outbox, and asking for them to be sent once it commits."""

from django.db import transaction

from lms.contrib.xapi.models import OutboxStatement


def add(statements):
    """Store the statements (those already stored under their id are left as they
    are, so announcing an event twice makes one statement) and send on commit."""
    if not statements:
        return 0
    rows = [
        OutboxStatement(
            statement_id=made["id"],
            verb=made["verb"]["display"]["en-US"],
            statement=made,
        )
        for made in statements
    ]
    with transaction.atomic():
        OutboxStatement.objects.bulk_create(rows, ignore_conflicts=True)
        transaction.on_commit(_send_soon, robust=True)
    return len(rows)


def _send_soon():
    from lms.contrib.xapi.jobs import deliver_statements

    deliver_statements.delay()
