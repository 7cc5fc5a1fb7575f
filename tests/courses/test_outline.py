"""A programme's outline is read once, then served from the cache until the
curriculum changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.outline import course_modules, programme_outline
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


# A course's module list


def course_titles(programme):
    course = programme.get_children().get(slug="course-a")
    return [m.title for m in course_modules(course.path)]


def test_a_course_lists_its_live_modules_in_order_with_their_tag_names(programme):
    course = programme.get_children().get(slug="course-a")

    modules = course_modules(course.path)

    assert [m.title for m in modules] == ["One", "Two"]
    assert all(len(m.competency_names) == 1 for m in modules)
    assert all(m.is_public for m in modules)
    assert modules[1].url.endswith("/course-a/m2/")


def test_a_second_read_of_a_course_costs_no_query(programme):
    path = programme.get_children().get(slug="course-a").path
    course_modules(path)

    with CaptureQueriesContext(connection) as captured:
        course_modules(path)

    assert len(captured) == 0


def test_a_trainers_publish_shows_in_the_course_list(programme):
    course_titles(programme)
    module = programme.get_descendants().get(slug="m1").specific

    module.title = "One, revised"
    module.save_revision().publish()

    assert course_titles(programme) == ["One, revised", "Two"]


def test_a_restricted_module_is_listed_as_not_public(programme):
    course_titles(programme)
    module = programme.get_descendants().get(slug="m2")

    PageViewRestriction.objects.create(page=module, restriction_type="login")

    course = programme.get_children().get(slug="course-a")
    public = {m.title: m.is_public for m in course_modules(course.path)}
    assert public == {"One": True, "Two": False}
