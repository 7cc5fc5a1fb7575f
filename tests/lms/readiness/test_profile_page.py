"""A learner's readiness profile: both axes' figures, each linked to the page it
rests on among those the viewer opens, the box and how it was placed, the
verdict, the next step and the history; linked from the cohort's Readiness page."""

import pytest
from django.urls import reverse

from lms.assessment.traits import TRAITS_BY_SLUG
from lms.cohorts.admin.access import cohort_url
from lms.models import StretchAssignment
from lms.readiness import ratings
from lms.readiness.links import readiness_url
from tests.builders.readiness import (
    full_evidence,
    logged_weeks,
    make_readiness_scene,
    rate_all,
)
from tests.builders.web import section, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)  # moved by the manager to (3, 2)
    return scene


def profile(client, scene, who, enrolment=None):
    client.force_login(scene.people()[who] if isinstance(who, str) else who)
    return client.get(readiness_url("profile", (enrolment or scene.enrolment).pk))


def hrefs(response, element_id):
    return {a["href"] for a in section(response, element_id).find_all("a")}


def test_the_box_says_how_it_was_placed_and_why(client, scene):
    response = profile(client, scene, "manager")

    placement = section(response, "placement-section").get_text(" ", strip=True)
    assert response.status_code == 200
    assert "High performer (moved by a manager)" in placement
    assert "Calibrated at the talent review." in placement
    assert "Ready in 6-12 months, by manager" in placement
    assert "Delivering: stretch them" in placement
    assert "cut points: performance 50 and 75" in placement


def test_each_competency_shows_first_answers_recall_and_the_self_rating(client, scene):
    rows = section(profile(client, scene, "manager"), "competency-table")

    cells = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr("td")]
        for tr in rows.tbody("tr")
    }
    # De-escalation: 6 of 10 first answers, recall 3.0 of 4 cards, rated 4 in
    # the latest round; coaching: 4 of 5, 1.2 of 2, not rated in that round.
    assert cells["De-escalation"][0].startswith("60%")
    assert cells["De-escalation"][1].startswith("75%")
    assert cells["De-escalation"][2] == "4"
    assert cells["Coaching"][0].startswith("80%")
    assert cells["Coaching"][1].startswith("60%")
    assert cells["Coaching"][2] == "–"


def test_the_rubric_counts_each_projects_latest_approving_review(client, scene):
    response = profile(client, scene, "manager")

    projects = section(response, "stretch-projects").get_text(" ", strip=True)
    means = section(response, "stretch-means").get_text(" ", strip=True)
    # Changes were asked at 2 and 3; the approval gave 3 and 4.
    assert "Criterion 0 3" in projects and "Criterion 1 4" in projects
    assert "Criterion 0 mean 3.0 of 1 rating" in means
    assert "Criterion 1 mean 4.0 of 1 rating" in means


def test_the_traits_show_each_roles_newest_level_with_its_anchor(client, scene):
    ratings.rate_trait(
        scene.enrolment, scene.mentor, "mentor", "humility", 4, "Shared credit."
    )

    table = section(profile(client, scene, "manager"), "trait-table")

    humility = next(tr for tr in table.tbody("tr") if "Humility" in tr.th.text)
    mentor, manager = [td.get_text(strip=True) for td in humility("td")]
    assert mentor == f"4: {TRAITS_BY_SLUG['humility'].levels[3]}"
    assert manager == f"3: {TRAITS_BY_SLUG['humility'].levels[2]}"


def test_the_history_keeps_every_rating_verdict_and_move(client, scene):
    response = profile(client, scene, "manager")

    traits = section(response, "trait-history-list")("li")
    verdicts = section(response, "verdict-history-list")("li")
    moves = section(response, "move-history-list")("li")
    assert len(traits) == 16  # four traits, twice, by each role
    assert len(verdicts) == 2 and "Ready in 6-12 months" in verdicts[0].text
    assert "Not yet" in verdicts[1].text
    assert "manager" in moves[0].text and "High performer" in moves[0].text


def test_a_managers_figures_link_to_the_cohorts_pages(client, scene):
    response = profile(client, scene, "manager")
    project = StretchAssignment.objects.get(learner=scene.learner)
    cohort = scene.cohort.pk

    performance = hrefs(response, "performance-section")
    assert f"{cohort_url('learner', cohort, scene.enrolment.pk)}#modules" in performance
    assert cohort_url("project", cohort, project.pk) in performance
    assert cohort_url("time_audit", cohort) in performance
    assert any(
        url.startswith(cohort_url("dashboard", cohort)) and "heat=recall" in url
        for url in performance
    )
    assert cohort_url("readiness", cohort) in hrefs(response, "placement-section")
    assert "#traits" in hrefs(response, "potential-section")
    mentor_pages = reverse("lms:assessment_mentee", args=[scene.enrolment.pk])
    assert not any(url.startswith(mentor_pages) for url in performance)


def test_a_mentors_figures_link_to_the_mentors_pages(client, scene):
    response = profile(client, scene, "mentor")
    project = StretchAssignment.objects.get(learner=scene.learner)
    competency = scene.programme.de_escalation.pk

    performance = hrefs(response, "performance-section")
    mentee = reverse("lms:assessment_mentee", args=[scene.enrolment.pk])
    assert f"{mentee}#competency-{competency}" in performance
    assert reverse("lms_mentoring:review", args=[project.pk]) in performance
    assert reverse("lms:time_audit_mentee", args=[scene.learner.pk]) in performance
    assert f"{mentee}#pipeline" in hrefs(response, "potential-section")
    assert not any(url.startswith("/admin/cohorts/") for url in performance)


def test_the_streak_shows_only_when_shared(client, scene):
    other = scene.other_enrolment
    logged_weeks(other.user, [True, True], shared=False)

    assert "Not shared with their mentor" in text_of(
        profile(client, scene, "manager", other)
    )
    assert "2 weeks in a row" in text_of(profile(client, scene, "manager"))


def test_the_mentor_rates_and_the_manager_also_moves(client, scene):
    mentor = soup(profile(client, scene, "mentor"))
    manager = soup(profile(client, scene, "manager"))

    assert mentor.find(id="traits-form") and mentor.find(id="verdict-form")
    assert not mentor.find(id="move-form") and not mentor.find(id="clear-form")
    assert manager.find(id="move-form") and manager.find(id="traits-form")
    assert "You rate as their mentor" in mentor.get_text()


def test_the_clear_form_shows_only_while_a_move_is_in_force(client, scene):
    other = scene.other_enrolment

    assert not soup(profile(client, scene, "manager", other)).find(id="clear-form")
    assert soup(profile(client, scene, "manager")).find(id="clear-form")


def test_a_superuser_reads_the_profile_and_gets_no_form(
    client, scene, django_user_model
):
    root = django_user_model.objects.create_superuser("root", "root@example.com")

    page = soup(profile(client, scene, root))

    assert page.find(id="placement-section") is not None
    assert page.find("form", id="traits-form") is None
    assert page.find("form", id="move-form") is None


def test_a_learner_with_no_evidence_is_not_placed_yet(client, scene):
    response = profile(client, scene, "manager", scene.other_enrolment)

    assert section(response, "profile-box").get_text(strip=True) == "Not placed yet"
    assert "No evidence yet: rate them" in text_of(response)


def test_the_readiness_page_links_each_learner_to_their_profile(client, scene):
    rate_all(scene.other_enrolment, scene.manager, "manager", 2)
    client.force_login(scene.manager)

    response = client.get(cohort_url("readiness", scene.cohort.pk))

    ada = readiness_url("profile", scene.enrolment.pk)
    bo = readiness_url("profile", scene.other_enrolment.pk)
    table = {a["href"] for a in soup(response).select("#listing-results a[href]")}
    assert {ada, bo} <= table
    assert ada in hrefs(response, "box-learners-3-2")
