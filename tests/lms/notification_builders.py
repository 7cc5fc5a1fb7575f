"""Old home of the email builders: they live in tests.builders now."""

from tests.builders import people
from tests.builders.cohorts import days_ago, join  # noqa: F401
from tests.builders.cohorts import make_open_cohort as make_cohort  # noqa: F401
from tests.builders.pages import make_programme_of  # noqa: F401
from tests.builders.people import make_user as make_person  # noqa: F401


def make_manager(*cohorts, **kwargs):
    """The old signature, cohorts first; tests.builders.people.make_manager is the one."""
    return people.make_manager(kwargs.pop("username", None), cohorts, **kwargs)
