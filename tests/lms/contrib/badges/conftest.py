import pytest

from tests.builders.badges import Kind, make_badge_scene


@pytest.fixture
def scene(db):
    return make_badge_scene()


@pytest.fixture
def earned(scene, django_capture_on_commit_callbacks):
    """The scene's learner has finished the course, and so the programme."""
    scene.finish_all(django_capture_on_commit_callbacks)
    return scene


@pytest.fixture
def course_award(earned):
    return earned.award_of(Kind.COURSE)
