"""Cache generations: forget a whole family of cached values by starting a new
generation, rather than finding and deleting each key."""

import uuid

from django.core.cache import cache


def generation(key, timeout=None):
    """The current generation under `key`, starting one when there is none."""
    current = cache.get(key)
    if current is None:
        current = uuid.uuid4().hex
        # add, not set: two first readers must agree on one generation.
        if not cache.add(key, current, timeout):
            current = cache.get(key, current)
    return current


def new_generation(key, timeout=None):
    """Forget every value cached under the generation at `key`."""
    cache.set(key, uuid.uuid4().hex, timeout)
