"""The order a learner sees a question's options in.

The order is a pure function of the options and a seed (say, the learner's
and the question's ids), so a reload or a return visit shows the same order
and different learners see different ones. It uses hashlib rather than the
random module: no shared state, the same order in every process and version.
Pinned options ("All of the above") keep the position they were written in.
"""

import hashlib


def _pinned(option):
    # A bound block (a page's option as templates see it) holds its fields in .value.
    option = getattr(option, "value", option)
    getter = getattr(option, "get", None)
    return bool(getter("pinned") if getter else getattr(option, "pinned", False))


def _rank(seed, index):
    return hashlib.sha256(f"{seed}\x1f{index}".encode()).digest()


def shuffled_options(options, seed):
    """The options in a seed-determined order; pinned ones stay at their index.

    Options may be dicts, StructValues, bound blocks or objects with a `pinned` attribute;
    the same objects are returned, never copies.
    """
    options = list(options)
    free = [n for n, option in enumerate(options) if not _pinned(option)]
    order = sorted(free, key=lambda n: _rank(seed, n))
    result = list(options)
    for slot, source in zip(free, order, strict=True):
        result[slot] = options[source]
    return result
