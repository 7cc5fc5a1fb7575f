"""Old home of the recording builders: they live in tests.builders now."""

from tests.builders.cohorts import enrolled_learner  # noqa: F401
from tests.builders.events import (  # noqa: F401
    answered,
    event,
    in_the_future,
    reflected,
    right_answers,
    scenario_step,
)
from tests.builders.pages import (  # noqa: F401
    blocks,
    choice,
    choice_id,
    option_id,
    programme_of,
    scenario,
    step,
)
from tests.builders.pages import (  # noqa: F401
    make_mixed_quiz_module as make_quiz_module,
)
from tests.builders.people import make_learner  # noqa: F401
from tests.builders.web import post_json  # noqa: F401
