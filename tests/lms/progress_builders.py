"""Old home of the progress builders: they live in tests.builders now."""

from tests.builders.events import Quiz  # noqa: F401
from tests.builders.pages import PROMPT, make_quiz_module, scenario  # noqa: F401
from tests.builders.people import make_learner  # noqa: F401
from tests.builders.progress import (  # noqa: F401
    Planned,
    Scene,
    actual_rollups,
    best_score_bounds,
    by_learner,
    expected_rollups,
    make_scene,
    random_journey,
)
