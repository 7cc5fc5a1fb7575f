"""The curriculum's snippets and module fields as a trainer edits them in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import Competency, ModulePage, RubricCriterion, StretchTemplate
from lms.roles import TRAINERS
from tests.builders.pages import make_competency, make_course, make_module
from tests.courses.forms import module_form_data

pytestmark = pytest.mark.django_db

ANCHORS = {
    1: "Follows the script.",
    2: "Adapts.",
    3: "Calms most.",
    4: "Coaches others.",
}


@pytest.fixture
def trainer(client):
    user = get_user_model().objects.create_user(username="trainer")
    user.groups.add(Group.objects.get(name=TRAINERS))
    client.force_login(user)
    return client


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def labels_of(soup, field_input):
    """The text of every label that names an input, by `for` or by wrapping it."""
    labels = list(soup.find_all("label", attrs={"for": field_input.get("id")}))
    wrapping = field_input.find_parent("label")
    if wrapping is not None and not any(label is wrapping for label in labels):
        labels.append(wrapping)
    return [label.get_text(" ", strip=True) for label in labels]


# Competencies on a module page ------------------------------------------------


@pytest.fixture
def module_edit_page(trainer):
    make_competency(name="De-escalation", slug="de-escalation")
    make_competency(
        name="Giving feedback", slug="giving-feedback", skill_area="coaching"
    )
    module = make_module(parent=make_course())
    return page(trainer.get(reverse("wagtailadmin_pages:edit", args=[module.pk])))


def test_module_competencies_are_labelled_checkboxes_of_the_controlled_list(
    module_edit_page,
):
    inputs = module_edit_page.select('input[name="competencies"]')

    assert [i["type"] for i in inputs] == ["checkbox", "checkbox"]
    assert [labels_of(module_edit_page, i) for i in inputs] == [
        ["De-escalation"],
        ["Giving feedback"],
    ]
    assert not module_edit_page.select('[data-controller="w-tag"]')


def test_module_competencies_are_grouped_by_skill_area(module_edit_page):
    legends = [
        legend.get_text(strip=True)
        for legend in module_edit_page.select(".competency-checkboxes legend")
    ]

    assert legends == [
        "Dealing with difficult personalities",
        "Managing and coaching others",
    ]


def test_module_competencies_help_says_they_come_from_the_controlled_list(
    module_edit_page,
):
    field = module_edit_page.find(id="id_competencies").find_parent(
        class_="w-field__wrapper"
    )

    assert "controlled list (Curriculum › Competencies)" in field.get_text(" ")


def test_module_competencies_field_is_headed_competencies_not_tags(module_edit_page):
    wrapper = module_edit_page.find(id="id_competencies").find_parent(
        class_="w-field__wrapper"
    )

    assert wrapper.find_previous(class_="w-field__label").get_text(strip=True) == (
        "Competencies*"
    )


def test_module_competencies_ticked_in_the_admin_are_saved(trainer):
    make_competency(name="De-escalation", slug="de-escalation")
    make_competency(
        name="Giving feedback", slug="giving-feedback", skill_area="coaching"
    )
    course = make_course()
    data = module_form_data()
    data["competencies"] = ["De-escalation", "Giving feedback"]
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])

    response = trainer.post(url, data)

    module = ModulePage.objects.child_of(course).get()
    assert response.status_code == 302
    assert sorted(c.slug for c in module.competencies.all()) == [
        "de-escalation",
        "giving-feedback",
    ]


# Competency level anchors -------------------------------------------------------


def test_competency_anchors_are_the_written_levels_in_order():
    competency = make_competency(level_3="Calms most.", level_1="Follows the script.")

    assert competency.anchors == [(1, "Follows the script."), (3, "Calms most.")]


def test_a_competency_without_levels_has_no_anchors():
    assert make_competency().anchors == []


def test_trainer_edits_level_anchors_in_the_competency_snippet(trainer):
    competency = make_competency()
    url = reverse("wagtailsnippets_courses_competency:edit", args=[competency.pk])
    form = page(trainer.get(url))
    data = {
        "name": "De-escalation",
        "slug": "de-escalation",
        "skill_area": "difficult-personalities",
        "description": "",
        **{f"level_{n}": text for n, text in ANCHORS.items()},
    }

    response = trainer.post(url, data)

    assert [
        form.find("label", attrs={"for": f"id_level_{n}"}).get_text(strip=True)
        for n in ANCHORS
    ] == [f"Level {n}" for n in ANCHORS]
    assert response.status_code == 302
    assert Competency.objects.get(pk=competency.pk).anchors == list(ANCHORS.items())


# Rubric levels ------------------------------------------------------------------


def test_rubric_criterion_levels_are_the_written_levels_in_order():
    criterion = RubricCriterion(
        criterion="Planning", description="-", level_2="Dates.", level_4="Owners."
    )

    assert criterion.levels == [(2, "Dates."), (4, "Owners.")]


def test_the_stretch_template_editor_shows_evidence_and_levels_per_criterion(trainer):
    template = StretchTemplate.objects.create(
        title="Huddles", slug="huddles", purpose="-"
    )
    template.rubric_criteria = [RubricCriterion(criterion="Planning", description="-")]
    template.save()
    url = reverse("wagtailsnippets_courses_stretchtemplate:edit", args=[template.pk])

    soup = page(trainer.get(url))

    names = {
        field["name"] for field in soup.select("textarea[name^=rubric_criteria-0-]")
    }
    assert {
        "rubric_criteria-0-evidence",
        *(f"rubric_criteria-0-level_{n}" for n in range(1, 5)),
    } <= names
