"""Old home of the stretch builders: they live in tests.builders now."""

from datetime import timedelta

from tests.builders import cohorts
from tests.builders.cohorts import enrol_in_cohort as enrol  # noqa: F401
from tests.builders.stretch import (  # noqa: F401
    START,
    StretchScene,
    make_stretch_scene,
    make_template,
)


def make_cohort(programme, name, manager, mentors, start=START):
    """The old signature; tests.builders.cohorts.make_cohort is the one."""
    return cohorts.make_cohort(
        programme,
        name,
        managers=[manager],
        mentors=mentors,
        start_date=start,
        end_date=start + timedelta(weeks=12),
    )
