"""Public path of the evidence storage; migration 0003 imports it from here."""

from lms.stretch.storage import private_storage

__all__ = ["private_storage"]
