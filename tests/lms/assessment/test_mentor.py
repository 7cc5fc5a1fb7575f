"""The mentor's page of a learner's self-assessment: only their mentor opens it;
it shows the ratings beside the evidence, the focus (no unshared reflection),
the pipeline; the mentor's ratings are history, the newest counting."""

import pytest
from django.test import Client

import lms.assessment.hooks  # noqa: F401 - registers the mentor's home panel
from lms.assessment.evidence import latest_mentor_levels
from lms.assessment.focus import choose_focus
from lms.models import FocusGap, MentorRating
from tests.builders.assessment_mentor import make_mentee_scene, rated_round
from tests.builders.web import section, text_of

pytestmark = pytest.mark.django_db

SECRET = "I freeze when a caller shouts at me."


@pytest.fixture
def scene():
    scene = make_mentee_scene()
    rated_round(
        scene.enrolment,
        {scene.programme.de_escalation: 2, scene.programme.coaching: 3},
        traits={"humility": 4},
    )
    return scene


def page_url(scene):
    return f"/learn/assessment/learners/{scene.enrolment.pk}/"


def rate_url(scene, competency):
    return f"{page_url(scene)}rate/{competency.pk}/"


def as_user(client, user):
    client.force_login(user)
    return client


def test_the_mentor_opens_the_page(client, scene):
    response = as_user(client, scene.mentor).get(page_url(scene))

    assert response.status_code == 200
    text = text_of(response)
    assert "Ada Lovelace: self-assessment" in text
    coaching = text_of_section(response, scene.programme.coaching)
    assert "Their own rating Level 3" in coaching


@pytest.mark.parametrize("who", ["other_mentor", "learner", "manager"])
def test_anyone_but_the_mentor_gets_a_404(client, scene, who):
    response = as_user(client, getattr(scene, who)).get(page_url(scene))

    assert response.status_code == 404


def test_a_superuser_who_is_not_the_mentor_gets_a_404(client, django_user_model):
    scene = make_mentee_scene()
    admin = django_user_model.objects.create_superuser("root", "root@example.com")

    assert as_user(client, admin).get(page_url(scene)).status_code == 404


def test_the_mentor_cannot_rate_someone_elses_mentee(client, scene):
    response = as_user(client, scene.other_mentor).post(
        rate_url(scene, scene.programme.coaching), {"level": "2"}
    )

    assert response.status_code == 404
    assert not MentorRating.objects.exists()


def test_each_rating_is_kept_and_the_newest_is_current(client, scene):
    client = as_user(client, scene.mentor)
    coaching = scene.programme.coaching
    client.post(rate_url(scene, coaching), {"level": "2", "comment": "Early days."})
    response = client.post(
        rate_url(scene, coaching),
        {"level": "4", "comment": "Coached <b>two</b> agents & it showed."},
    )

    assert response.status_code == 302
    rows = MentorRating.objects.filter(enrolment=scene.enrolment).order_by("pk")
    assert [(r.level, r.comment, r.rated_by) for r in rows] == [
        (2, "Early days.", scene.mentor),
        (4, "Coached two agents & it showed.", scene.mentor),
    ]
    assert latest_mentor_levels(scene.enrolment, [coaching.pk]) == {coaching.pk: 4}
    text = text_of_section(client.get(page_url(scene)), coaching)
    assert "The current mentor rating Level 4 by mentor" in text
    assert "Early days." in text and "Coached two agents & it showed." in text


@pytest.mark.parametrize(
    "data",
    [{}, {"level": "5"}, {"level": "two"}, {"level": "3", "comment": "x" * 2_001}],
    ids=["no level", "level 5", "not a number", "comment too long"],
)
def test_bad_input_shows_the_form_with_an_error_and_saves_nothing(client, scene, data):
    response = as_user(client, scene.mentor).post(
        rate_url(scene, scene.programme.coaching), data
    )

    assert response.status_code == 400
    errors = section(response, f"competency-{scene.programme.coaching.pk}").select(
        ".errors"
    )
    assert errors and errors[0].get_text(strip=True)
    assert not MentorRating.objects.exists()


def test_a_competency_outside_the_programme_is_a_404(client, scene):
    from tests.builders.pages import make_competency

    stranger = make_competency(name="Forecasting", slug="forecasting")
    response = as_user(client, scene.mentor).post(
        rate_url(scene, stranger), {"level": "3"}
    )

    assert response.status_code == 404
    assert not MentorRating.objects.exists()


def test_rating_needs_the_csrf_token(scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.mentor)

    response = client.post(rate_url(scene, scene.programme.coaching), {"level": "3"})

    assert response.status_code == 403
    assert not MentorRating.objects.exists()


def test_the_focus_shows_without_an_unshared_reflection(client, scene):
    gap = choose_focus(
        scene.enrolment, scene.programme.de_escalation, FocusGap.Kind.SKILL, SECRET
    )
    response = as_user(client, scene.mentor).get(page_url(scene))

    focus = section(response, "focus").get_text(" ", strip=True)
    assert "De-escalation" in focus and "A skill I can learn" in focus
    assert SECRET not in response.content.decode()

    gap.reflection.shared = True
    gap.reflection.save()
    assert SECRET in client.get(page_url(scene)).content.decode()


def test_the_pipeline_shows_traits_and_the_wish_to_lead(client, scene):
    response = as_user(client, scene.mentor).get(page_url(scene))

    pipeline = section(response, "pipeline").get_text(" ", strip=True)
    assert "Keen: I want a team-leader role in the next year" in pipeline
    assert "I like helping the team grow." in pipeline
    assert "Humility Level 4" in pipeline


def test_the_mentors_admin_home_links_each_mentee(client, scene):
    response = as_user(client, scene.mentor).get("/admin/")

    panel = section(response, "mentee-assessments-home-content")
    links = [a["href"] for a in panel.find_all("a")]
    assert links == [page_url(scene)]
    assert "round 1 completed" in panel.get_text(" ", strip=True)


def text_of_section(response, competency):
    return " ".join(section(response, f"competency-{competency.pk}").stripped_strings)
