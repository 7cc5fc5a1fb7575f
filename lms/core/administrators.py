"""Pages for the site's administrators only (superusers), whatever roles a user holds."""

import functools

from django.core.exceptions import PermissionDenied


def administrators_only(view):
    """403 for anyone but a superuser: these pages act on every learner's data."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
