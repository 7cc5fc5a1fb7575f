"""Ralph's LRS application, its filesystem backend appending to its file.

Ralph 5.1's filesystem backend writes each POST as a new file and refuses once
its one file exists, so a second POST fails; appending is one of the write
modes it offers, and the one a long-running store needs.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the backend is set up)

__all__ = ["app"]
