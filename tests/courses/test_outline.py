"""A programme's outline is read once, then served from the cache until the
curriculum changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.outline import programme_outline
from tests.builders.pages import (
    make_competency,
    make_course,
    make_module,
    make_programme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    page = make_programme()
    course = make_course(page, slug="course-a", title="Course A")
    make_module(course, slug="m1", title="One")
    make_module(course, slug="m2", title="Two")
    return page


def titles(programme):
    outline = programme_outline(programme)
    return [c.title for c in outline.courses], [m.title for m in outline.modules]


def test_the_outline_lists_live_courses_and_modules_in_order_with_their_tags(
    programme,
):
    outline = programme_outline(programme)

    assert titles(programme) == (["Course A"], ["One", "Two"])
    (course,) = outline.courses
    assert [m.title for m in outline.modules_of(course)] == ["One", "Two"]
    assert all(len(m.competency_ids) == 1 for m in outline.modules)
    assert outline.modules[0].url.endswith("/course-a/m1/")


def test_a_second_read_costs_no_query(programme):
    programme_outline(programme)

    with CaptureQueriesContext(connection) as captured:
        programme_outline(programme)

    assert len(captured) == 0


def test_a_new_module_shows_at_once(programme):
    titles(programme)
    course = programme.get_children().get(slug="course-a")

    make_module(course, slug="m3", title="Three")

    assert titles(programme)[1] == ["One", "Two", "Three"]


def test_an_unpublished_module_leaves_the_outline(programme):
    titles(programme)

    programme.get_descendants().get(slug="m1").specific.unpublish()

    assert titles(programme)[1] == ["Two"]


def test_a_published_retitle_shows(programme):
    titles(programme)
    module = programme.get_descendants().get(slug="m2").specific

    module.title = "Two, revised"
    module.save_revision().publish()

    assert titles(programme)[1] == ["One", "Two, revised"]


def test_a_module_moved_to_another_programme_moves_in_both_outlines(programme):
    other = make_programme(slug="other", title="Other")
    target = make_course(other, slug="course-b", title="Course B")
    titles(programme), titles(other)

    programme.get_descendants().get(slug="m1").move(target, pos="last-child")

    assert titles(programme)[1] == ["Two"]
    assert titles(other)[1] == ["One"]


def test_retagging_a_module_changes_its_competencies(programme):
    outline = programme_outline(programme)
    module = programme.get_descendants().get(slug="m1").specific
    added = make_competency(name="Coaching", slug="coaching")

    module.competencies.add(added)
    module.save()

    (first, _second) = programme_outline(programme).modules
    assert added.pk in first.competency_ids
    assert added.pk not in outline.modules[0].competency_ids
