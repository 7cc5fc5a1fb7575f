"""A learner finds their way: links, done markers, sign-in prompts, search."""

import pytest
from django.urls import reverse

from lms.models import ModuleProgress
from tests.builders.cohorts import enrolled_learner
from tests.builders.pages import make_mixed_quiz_module
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return make_mixed_quiz_module(title="The first minute with an escalated caller")


def test_course_names_on_my_learning_link_to_the_course(client, module):
    client.force_login(enrolled_learner(module))

    page = client.get(reverse("lms:home")).content.decode()

    assert f'href="{module.get_parent().url}"' in page


def test_the_course_page_marks_modules_done_and_in_progress(client, module):
    second = make_mixed_quiz_module(
        parent=module.get_parent(), slug="second", title="Second"
    )
    third = make_mixed_quiz_module(
        parent=module.get_parent(), slug="third", title="Third"
    )
    learner = enrolled_learner(module)
    ModuleProgress.objects.create(user=learner, module=module, status="completed")
    ModuleProgress.objects.create(user=learner, module=second)
    client.force_login(learner)

    response = client.get(module.get_parent().url)

    assert response.context["module_status"] == {
        module.pk: "done",
        second.pk: "in progress",
    }
    page = response.content.decode()
    assert "✓ Done" in page and "In progress" in page
    assert third.pk not in response.context["module_status"]


def test_a_visitor_is_offered_a_sign_in_link_back_to_the_module(client, module):
    page = client.get(module.url).content.decode()

    assert (
        f'href="{reverse("lms:login")}?next={module.url.replace("/", "%2F")}"' in page
    )


def test_someone_signed_in_but_not_enrolled_is_pointed_to_the_programme(client, module):
    client.force_login(make_learner())

    page = client.get(module.url).content.decode()

    programme = module.get_parent().get_parent()
    assert f'<a href="{programme.url}">Enrol in this programme</a>' in page


def test_module_search_finds_modules_by_their_words(client, module):
    make_mixed_quiz_module(
        parent=module.get_parent(), slug="other", title="Budgets in brief"
    )

    response = client.get(reverse("courses:search"), {"q": "escalated"})

    titles = [m.title for m in response.context["page"]]
    assert titles == ["The first minute with an escalated caller"]


def test_a_search_with_no_match_says_so_and_points_to_the_glossary(client, module):
    page = client.get(reverse("courses:search"), {"q": "zzzz"}).content.decode()

    assert "No module matches" in page
    assert reverse("courses:glossary") in page


def test_an_unknown_page_gets_our_own_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_an_empty_glossary_search_is_not_a_broken_list(client, db):
    page = client.get(reverse("courses:glossary"), {"q": "zzzz"}).content.decode()

    assert "No terms found." in page
    assert "<dd>No terms found.</dd>" not in page


def test_the_admin_asks_no_outside_service(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
