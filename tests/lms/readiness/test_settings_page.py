"""A programme's readiness settings page, reached from a cohort's Readiness page:
who sees it, who changes it, and what it accepts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from lms.cohorts.admin.access import cohort_url
from lms.models import ReadinessSettings
from lms.readiness.settings_policy import may_change_settings
from tests.builders.readiness import make_readiness_scene
from tests.builders.readiness_history import make_superuser
from tests.builders.web import section, text_of

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
HOME = reverse("wagtailadmin_home")
EVERYONE = [
    "anonymous",
    "learner",
    "other_learner",
    "mentor",
    "other_mentor",
    "manager",
    "other_manager",
    "superuser",
]
VALID = {
    "performance_low": "40",
    "performance_high": "80",
    "potential_low": "30",
    "potential_high": "90",
    "show_readiness_to_learner": "on",
}


@pytest.fixture
def scene():
    return make_readiness_scene()


@pytest.fixture
def sole(scene):
    """The scene with `manager` also managing the programme's other cohort: they
    now run every cohort on it, `other_manager` still only one."""
    scene.other_cohort.managers.add(scene.manager)
    return scene


def person(scene, who):
    if who == "anonymous":
        return AnonymousUser()
    if who == "superuser":
        return make_superuser()
    return scene.people()[who]


def signed_in(client, scene, who):
    user = person(scene, who)
    if user.is_authenticated:
        client.force_login(user)
    return client


def settings_url(scene):
    return cohort_url("readiness_settings", scene.cohort.pk)


def turned_away(response):
    return response.status_code == 302 and (
        response.url.startswith(LOGIN) or response.url == HOME
    )


def saved():
    return list(ReadinessSettings.objects.values_list(*VALID))


# Who sees and who changes


@pytest.mark.parametrize(
    ("who", "answer"),
    [
        ("anonymous", "away"),
        ("learner", "away"),
        ("other_learner", "away"),
        ("mentor", "away"),
        ("other_mentor", "away"),
        ("manager", "read-only"),  # other_manager's cohort shares the programme
        ("other_manager", 404),  # not their cohort
        ("superuser", "form"),
    ],
)
def test_who_opens_the_settings_of_a_shared_programme(client, scene, who, answer):
    response = signed_in(client, scene, who).get(settings_url(scene))

    if answer == "away":
        assert turned_away(response)
    elif answer == 404:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        has_form = 'id="readiness-settings-form"' in response.content.decode()
        assert has_form == (answer == "form")


@pytest.mark.parametrize("who", EVERYONE)
def test_only_a_superuser_changes_a_shared_programmes_settings(client, scene, who):
    response = signed_in(client, scene, who).post(settings_url(scene), VALID)

    if who == "superuser":
        assert response.status_code == 302
        assert saved() == [(40, 80, 30, 90, True)]
    else:
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or turned_away(response)
        assert saved() == []


@pytest.mark.parametrize("who", ["manager", "other_manager"])
def test_a_manager_running_every_cohort_on_it_changes_them(client, sole, who):
    response = signed_in(client, sole, who).post(settings_url(sole), VALID)

    if who == "manager":
        assert response.status_code == 302
        assert response.url == cohort_url("readiness", sole.cohort.pk)
        assert saved() == [(40, 80, 30, 90, True)]
    else:
        assert response.status_code == 404
        assert saved() == []


def test_the_other_manager_changes_nothing_through_their_own_cohort(client, sole):
    client.force_login(sole.other_manager)
    url = cohort_url("readiness_settings", sole.other_cohort.pk)

    page = client.get(url)
    response = client.post(url, VALID)

    assert 'id="who-may-change"' in page.content.decode()
    assert turned_away(response) and saved() == []


@pytest.mark.parametrize(
    ("who", "view", "change"),
    [
        ("anonymous", False, False),
        ("learner", False, False),
        ("mentor", False, False),
        ("manager", True, True),
        ("other_manager", True, False),
        ("superuser", True, True),
    ],
)
def test_the_settings_policy(sole, who, view, change):
    row = ReadinessSettings.objects.create(programme=sole.cohort.programme)
    user = person(sole, who)
    policy = policy_registry.get_by_type(ReadinessSettings)

    def allowed(action):
        return policy.instances_user_has_permission_for(user, action).contains(row)

    assert (allowed("view"), allowed("change"), allowed("add")) == (
        view,
        change,
        change,
    )
    assert may_change_settings(user, row.programme_id) == change
    assert not allowed("delete")


def test_a_manager_who_lost_the_role_changes_nothing(sole):
    sole.manager.groups.clear()
    manager = type(sole.manager).objects.get(pk=sole.manager.pk)

    assert not may_change_settings(manager, sole.cohort.programme_id)


# What the form shows and accepts


def test_the_form_starts_from_the_defaults_with_the_label_off(client, sole):
    client.force_login(sole.manager)

    form = section(client.get(settings_url(sole)), "readiness-settings-form")

    values = {
        field["name"]: field.get("value")
        for field in form.find_all("input")
        if field.get("type") == "number"
    }
    assert values == {
        "performance_low": "50",
        "performance_high": "75",
        "potential_low": "50",
        "potential_high": "75",
    }
    assert not form.find("input", attrs={"name": "show_readiness_to_learner"}).get(
        "checked"
    )
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_saving_updates_the_one_row_and_logs_who(client, sole):
    client.force_login(sole.manager)

    client.post(settings_url(sole), VALID)
    client.post(settings_url(sole), {**VALID, "show_readiness_to_learner": ""})

    assert saved() == [(40, 80, 30, 90, False)]
    row = ReadinessSettings.objects.get()
    entries = ModelLogEntry.objects.for_instance(row).order_by("timestamp", "pk")
    assert [(e.action, e.user_id) for e in entries] == [
        ("wagtail.create", sole.manager.pk),
        ("wagtail.edit", sole.manager.pk),
    ]
    assert "Last changed" in text_of(client.get(settings_url(sole)))


def test_the_readiness_page_shows_the_new_cut_points(client, sole):
    client.force_login(sole.manager)

    response = client.post(settings_url(sole), VALID, follow=True)

    html = response.content.decode()
    assert "performance 40 and 80, potential 30 and 90" in html
    assert "Learners see their readiness label" in text_of(response)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"performance_low": "80"}, "performance_high", "must be above the lower"),
        ({"potential_high": "30"}, "potential_high", "must be above the lower"),
        ({"performance_low": "0"}, "performance_low", "from 1 to 99"),
        ({"potential_high": "101"}, "potential_high", "from 2 to 100"),
        ({"potential_low": "ten"}, "potential_low", "whole number"),
        ({"performance_high": ""}, "performance_high", "whole number"),
        ({"performance_low": "-5"}, "performance_low", "from 1 to 99"),
    ],
)
def test_bad_cut_points_are_refused_with_a_clear_error(
    client, sole, change, field, message
):
    client.force_login(sole.manager)

    response = client.post(settings_url(sole), {**VALID, **change})

    assert response.status_code == 200
    errors = (
        section(response, "readiness-settings-form")
        .find(attrs={"name": field})
        .find_parent(class_="w-field")
    )
    assert message in errors.get_text()
    assert saved() == []


def test_the_form_needs_its_csrf_token(sole):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(sole.manager)

    response = client.post(settings_url(sole), VALID)

    assert response.status_code == 403
    assert saved() == []


# The link from the Readiness page


@pytest.mark.parametrize(
    ("who", "label"),
    [("manager", "Change"), ("superuser", "Change"), ("other_manager", "Who may")],
)
def test_the_readiness_page_links_to_the_settings(client, scene, who, label):
    cohort = scene.other_cohort if who == "other_manager" else scene.cohort
    signed_in(client, scene, who)
    if who == "manager":
        scene.other_cohort.managers.add(scene.manager)

    link = section(client.get(cohort_url("readiness", cohort.pk)), "settings-link")

    assert link["href"] == cohort_url("readiness_settings", cohort.pk)
    assert link.get_text(strip=True).startswith(label)
