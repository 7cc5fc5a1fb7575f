"""Public path of the sign-in backend, for host sites' AUTHENTICATION_BACKENDS."""

from lms.core.backends import ModelBackend

__all__ = ["ModelBackend"]
