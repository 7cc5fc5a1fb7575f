"""Old home of the learner-page builders: they live in tests.builders now."""

from tests.builders import people
from tests.builders.cohorts import enrol_in  # noqa: F401
from tests.builders.learner import make_action_item, make_entry  # noqa: F401
from tests.builders.pages import (  # noqa: F401
    CALM_STEP,
    FIRST_STEP,
    GOOD_ENDING,
    action,
    block_ids,
    make_learning_module,
    reflection,
    scenario,
)
from tests.builders.people import PASSWORD  # noqa: F401
from tests.builders.progress import complete_rollups, make_progress  # noqa: F401
from tests.builders.web import (  # noqa: F401
    EagerClient,
    choice_value,
    form_data,
    option_value,
    section,
    soup,
    text_of,
)


def make_learner(username="learner", **kwargs):
    """The old default name; tests.builders.people.make_learner is the one."""
    return people.make_learner(username, **kwargs)
