"""Progress: events in, roll-ups out. The API and the plain forms record events
(`recording`, graded by `grading`, validated by `schemas`); a worker applies them
to the roll-ups exactly once (`rollup`) and then sends `events_applied` with the
applied events (`applied`), which other concepts subscribe to."""
