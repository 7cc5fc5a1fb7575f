"""Database errors worth another try, as opposed to an error in the data."""

from django.db import IntegrityError, InterfaceError, OperationalError

# Deadlocks, lost connections and a racing insert pass; a bad row does not.
TRANSIENT = (OperationalError, InterfaceError, IntegrityError)
