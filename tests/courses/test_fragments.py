"""A module's blocks that every learner sees alike are rendered once per live
revision; a trainer's publish shows at once, and no answer is ever cached."""

from unittest import mock

import pytest

from courses import fragments
from courses.markdown import render_markdown
from courses.models import ModulePage
from tests.builders.cohorts import enrol_in
from tests.builders.pages import make_learning_module, make_module, make_term
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return make_module(body=[("markdown", "Let the caller **finish**.")])


def live(page):
    return ModulePage.objects.get(pk=page.pk)


def markdown_renders(client, url):
    """How many times the Markdown renderer ran for one view of the page."""
    with mock.patch(
        "courses.blocks.render_markdown", wraps=render_markdown
    ) as renderer:
        response = client.get(url)
    assert response.status_code == 200
    return renderer.call_count, response.content.decode()


def test_a_second_view_renders_no_markdown(client, module):
    first, html = markdown_renders(client, module.url)
    second, again = markdown_renders(client, module.url)

    assert (first, second) == (1, 0)
    assert "Let the caller <strong>finish</strong>." in again
    assert "<li>Listen first</li>" in again


def test_a_trainers_publish_shows_at_once(client, module):
    client.get(module.url)
    page = live(module)

    page.body = [("markdown", "Pause, then **answer**.")]
    page.save_revision().publish()

    html = client.get(module.url).content.decode()
    assert "Pause, then <strong>answer</strong>." in html
    assert "Let the caller" not in html


def test_a_renamed_glossary_term_shows_at_once(client):
    term = make_term()
    page = make_module(body=[("markdown", "Mind your [[aht]].")])
    assert "average handle time" in client.get(page.url).content.decode()

    term.term = "Average talk time"
    term.save()

    assert "average talk time" in client.get(page.url).content.decode()


def test_no_answer_and_no_learner_is_in_the_cached_fragments(client):
    page = make_learning_module()
    learner = make_learner("cached")
    enrol_in(learner, page)
    client.force_login(learner)
    client.get(page.url)

    held = fragments.shared_fragments(live(page))

    cached = " ".join(html for html in held["blocks"] if html)
    types = [raw["type"] for raw in live(page).body.raw_data]
    assert [html is not None for html in held["blocks"]] == [
        kind in fragments.SHARED_BLOCKS for kind in types
    ]
    assert "Feedback" not in cached and "Option" not in cached
    assert "cached" not in cached and "csrf" not in cached
    assert "Let the caller" in cached


def test_the_page_with_fragments_matches_the_page_rendered_afresh(client):
    page = make_learning_module()
    client.get(page.url)  # fills the cache

    cached = client.get(page.url).content.decode()
    with mock.patch.object(fragments, "_cached", fragments._render):
        fresh = client.get(page.url).content.decode()

    assert cached == fresh


def test_a_preview_renders_the_draft_not_the_cache(module):
    fragments.shared_fragments(live(module))
    draft = live(module)
    draft.body = [("markdown", "A **draft**.")]

    held = fragments.shared_fragments(draft, preview=True)

    assert "A <strong>draft</strong>." in held["blocks"][0]
    assert "finish" in fragments.shared_fragments(live(module))["blocks"][0]


def test_a_published_course_title_shows_in_its_modules_breadcrumbs(client, module):
    client.get(module.url)
    course = module.get_parent().specific

    course.title = "Hard conversations"
    course.save_revision().publish()

    crumbs = client.get(module.url).content.decode().split('class="breadcrumbs"')[1]
    assert "Hard conversations" in crumbs.split("</nav>")[0]


def test_a_published_course_intro_shows_at_once(client, module):
    course = module.get_parent().specific
    course.intro = "First **intro**."
    course.save_revision().publish()
    client.get(course.url)

    course.intro = "Second **intro**."
    course.save_revision().publish()

    html = client.get(course.url).content.decode()
    assert "Second <strong>intro</strong>." in html
    assert "First" not in html
