"""A trainer builds, previews, submits and publishes a module in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from courses.models import (
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
    StretchTemplate,
)
from lms.roles import LEARNERS, TRAINERS
from tests.builders.pages import (
    make_catalog,
    make_competency,
    make_course,
    make_programme,
)
from tests.builders.people import make_user
from tests.courses.forms import module_form_data, question_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client):
    make_competency(name="De-escalation")
    client.force_login(make_user(TRAINERS.lower(), TRAINERS))
    return client


def add_url(model, parent):
    meta = model._meta
    return reverse(
        "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_module(client, course, action=None, **form):
    """POST the module add form under course; action is "submit" or "publish"."""
    data = module_form_data(**form)
    if action:
        data[f"action-{action}"] = action
    return client.post(add_url(ModulePage, course), data)


def create_module(client, course, **form):
    add_module(client, course, **form)
    return ModulePage.objects.child_of(course).get()


def messages_of(response, level_tag):
    return [
        str(m.message).strip()
        for m in get_messages(response.wsgi_request)
        if m.level_tag == level_tag
    ]


def warnings(response):
    return messages_of(response, "warning")


def test_trainers_group_exists_after_migrate():
    assert Group.objects.filter(name=TRAINERS).exists()


def test_trainer_creates_a_programme_under_the_catalogue(trainer_client):
    catalog = make_catalog()
    data = {
        "title": "Team leader",
        "slug": "team-leader",
        "summary": "Lead.",
        "intro": "",
        "self_enrol": "on",
    }

    response = trainer_client.post(add_url(ProgrammePage, catalog), data)

    programme = ProgrammePage.objects.get(slug="team-leader")
    assert response.status_code == 302
    assert programme.get_parent().pk == catalog.pk
    assert not programme.live


def test_trainer_creates_a_course_under_a_programme(trainer_client):
    programme = make_programme()
    data = {
        "title": "Hard calls",
        "slug": "hard-calls",
        "summary": "Calls.",
        "skill_area": "difficult-personalities",
        "intro": "",
    }

    response = trainer_client.post(add_url(CoursePage, programme), data)

    assert response.status_code == 302
    assert CoursePage.objects.child_of(programme).get().slug == "hard-calls"


def test_trainer_creates_a_module_with_markdown_and_a_question(trainer_client):
    course = make_course()
    body = [("markdown", "Let them **finish**."), ("question", question_data())]

    response = add_module(trainer_client, course, body=body)

    module = ModulePage.objects.child_of(course).get()
    assert response.status_code == 302
    assert [block.block_type for block in module.body] == ["markdown", "question"]
    options = module.body[1].value["options"]
    assert [option["correct"] for option in options] == [False, True, False]
    assert [c.name for c in module.competencies.all()] == ["De-escalation"]


def test_trainer_previews_a_new_module(trainer_client):
    course = make_course()
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["courses", "modulepage", course.pk]
    )
    data = module_form_data(body=[("markdown", "Preview **me**.")])

    posted = trainer_client.post(url, data)
    shown = trainer_client.get(url)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    assert "Preview <strong>me</strong>." in shown.content.decode()


def test_trainer_previews_an_edited_module(trainer_client):
    module = create_module(trainer_client, make_course())
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[module.pk])

    posted = trainer_client.post(url, module_form_data(title="Renamed module"))
    shown = trainer_client.get(url)

    assert posted.json()["is_valid"] is True
    assert shown.status_code == 200
    assert "Renamed module" in shown.content.decode()


def test_trainer_submits_a_module_for_moderation(trainer_client):
    course = make_course()

    add_module(trainer_client, course, action="submit")

    module = ModulePage.objects.child_of(course).get()
    state = module.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderators approval"
    assert not module.live


def test_another_trainer_approves_a_submitted_module_and_it_goes_live(trainer_client):
    module = create_module(trainer_client, make_course(), action="submit")
    reviewer = Client()
    reviewer.force_login(make_user("reviewer", TRAINERS))
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[module.pk, "approve", module.current_workflow_task_state.pk],
    )

    reviewer.post(url, {"comment": "Reads well."})

    module.refresh_from_db()
    assert module.live
    assert not module.workflow_in_progress


def test_a_moderator_approves_a_submitted_module_and_it_goes_live(trainer_client):
    module = create_module(trainer_client, make_course(), action="submit")
    moderator = make_user("moderators", "Moderators")
    client = Client()
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[module.pk, "approve", module.current_workflow_task_state.pk],
    )

    client.post(url, {"comment": ""})

    module.refresh_from_db()
    assert module.live
    assert not module.workflow_in_progress


def test_trainer_publishes_an_edited_module(trainer_client):
    module = create_module(trainer_client, make_course())
    data = module_form_data()
    data["action-publish"] = "Publish"

    response = trainer_client.post(edit_url(module), data)

    module.refresh_from_db()
    assert response.status_code == 302
    assert module.live
    assert module.live_revision is not None


def test_a_long_module_is_saved_with_a_warning(trainer_client):
    course = make_course()

    response = add_module(trainer_client, course, minutes="9")

    assert ModulePage.objects.child_of(course).get().minutes == 9
    assert warnings(response) == [
        "'The first minute' is estimated at 9 minutes. "
        "Modules are bite-sized: aim for 7 or fewer."
    ]


def test_a_long_module_warns_again_on_edit(trainer_client):
    module = create_module(trainer_client, make_course())

    response = trainer_client.post(edit_url(module), module_form_data(minutes="12"))

    assert len(warnings(response)) == 1
    assert "estimated at 12 minutes" in warnings(response)[0]


def test_a_bite_sized_module_gets_no_warning(trainer_client):
    response = add_module(trainer_client, make_course(), minutes="7")

    assert response.status_code == 302
    assert warnings(response) == []


def test_a_module_over_fifteen_minutes_is_rejected(trainer_client):
    response = add_module(trainer_client, make_course(), minutes="16")

    assert response.status_code == 200
    assert "minutes" in response.context["form"].errors
    assert not ModulePage.objects.exists()


def test_a_single_choice_question_with_two_correct_options_is_rejected(trainer_client):
    body = [("question", question_data(kind="single", correct=(0, 1)))]

    response = add_module(trainer_client, make_course(), body=body)

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "exactly one correct option, found 2" in response.content.decode()
    assert not ModulePage.objects.exists()


def test_a_module_cannot_be_added_under_a_programme(trainer_client):
    programme = make_programme()

    response = add_module(trainer_client, programme)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert messages_of(response, "error") == [
        "Sorry, you do not have permission to access this area."
    ]
    assert not ModulePage.objects.exists()


def test_a_learner_is_sent_away_from_the_admin(client):
    client.force_login(make_user(LEARNERS.lower(), LEARNERS))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert messages_of(response, "error") == [
        "You do not have permission to access the admin."
    ]


@pytest.mark.parametrize(
    ("model_name", "shown"),
    [
        ("competency", "De-escalation"),
        ("glossaryterm", "Average handle time"),
        ("stretchtemplate", "Run the morning huddle"),
    ],
)
def test_trainer_sees_the_curriculum_snippet_lists(trainer_client, model_name, shown):
    GlossaryTerm.objects.create(term="Average handle time", slug="aht", definition="-")
    StretchTemplate.objects.create(
        title="Run the morning huddle", slug="huddle", purpose="Lead a team."
    )
    url = reverse(f"wagtailsnippets_courses_{model_name}:list")

    response = trainer_client.get(url)

    assert response.status_code == 200
    assert shown in response.content.decode()
