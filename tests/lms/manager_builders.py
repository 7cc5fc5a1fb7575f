"""Old home of the manager builders: they live in tests.builders now."""

from tests.builders.cohorts import (  # noqa: F401
    enrol_learner,
    make_cohort,
    snapshot,
)
from tests.builders.pages import Programme, make_programme_with_modules  # noqa: F401
from tests.builders.people import make_manager, make_mentor, make_user  # noqa: F401
from tests.builders.progress import answer, mastery, progress_event  # noqa: F401
from tests.builders.uploads import csv_upload as upload  # noqa: F401
from tests.builders.web import cohort_url, csv_rows, xlsx_rows  # noqa: F401
