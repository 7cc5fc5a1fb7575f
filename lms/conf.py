"""The plugin's settings, each with its default: `from lms.conf import lms_settings`.

A host site sets any of them in its Django settings as `LMS_<NAME>`. Each
access reads `django.conf.settings` again, so `override_settings` and tests
that move a folder need no cache to clear.
"""

from django.conf import settings

DEFAULTS = {
    # Where evidence files are kept: outside MEDIA_ROOT, served only by a view
    # that checks who asks. No default: `manage.py check` asks for one (lms.E001).
    "PRIVATE_ROOT": None,
    # Evidence files: the largest accepted, and how many one piece may bring.
    "EVIDENCE_MAX_BYTES": 10 * 1024 * 1024,
    "EVIDENCE_MAX_FILES": 5,
    # ...and how many one project may hold in all, however many posts bring them.
    "EVIDENCE_MAX_FILES_PER_PROJECT": 20,
    # An apply task also applies up to this many other waiting progress events.
    "APPLY_DRAIN": 500,
    # An event that fails to apply this many times alone is set aside, shown
    # under Reports → Progress events set aside, and the others go on.
    "APPLY_MAX_FAILURES": 3,
    # Events a web process records within this many seconds share one apply
    # task (0: one task each).
    "HANDOFF_SECONDS": 0.1,
    # Cohort time-audit averages are hidden for groups smaller than this, so
    # no average is one person's hours.
    "TIME_AUDIT_MIN_GROUP": 3,
    # Daily review: the most cards a learner is asked a day, and the share of
    # cards FSRS aims to have remembered when due, overridable per programme
    # page id ({programme_id: retention}).
    "REVIEW_DAILY_CAP": 5,
    "REVIEW_RETENTION": 0.9,
    "REVIEW_RETENTION_BY_PROGRAMME": {},
    # Weeks after a completed self-assessment before the learner is invited
    # (once) to rate themselves again.
    "REASSESS_WEEKS": 6,
    # At most this many event ids wait in a web process for the next hand-off;
    # more (a broker down for long) are left to the sweeper.
    "HANDOFF_MAX_PENDING": 10_000,
    # The sweeper runs every SWEEP_SECONDS and re-enqueues events still
    # unapplied SWEEP_AGE_SECONDS after they were received.
    "SWEEP_SECONDS": 60,
    "SWEEP_AGE_SECONDS": 30,
}


class LmsSettings:
    """`lms_settings.NAME` is `settings.LMS_NAME`, or its default when unset."""

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"there is no plugin setting LMS_{name}")
        return getattr(settings, f"LMS_{name}", DEFAULTS[name])


lms_settings = LmsSettings()
