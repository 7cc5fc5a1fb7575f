"""Privacy: a week is the learner's; their mentor reads what they share; managers
see averages only. No unshared hours appear on anyone else's page or export."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from lms.time_audit.admin_views import CohortTimeAuditView
from tests.builders.cohorts import enrol_in_cohort
from tests.builders.people import make_user
from tests.builders.time_audit import (
    log_week,
    make_audit_scene,
    make_profile,
    week_path,
    weeks_back,
)
from tests.builders.web import cohort_url

pytestmark = pytest.mark.django_db

# Hours no other learner logs, so finding them on a page means a leak.
SECRET = (7.5, 11.5, 13.5, 3.5, 9.5)
# As the weeks table, the chart's titles and the CSV write them.
SECRET_TEXTS = (
    "Developing staff 7.5",
    "Developing staff: 7.5 h",
    "45.5",
    "Secret week",
)


@pytest.fixture
def scene():
    scene = make_audit_scene()
    log_week(scene.learner, weeks_back(1), hours=SECRET, note="Secret week")
    return scene


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def leaks(response):
    text = body(response)
    return [secret for secret in SECRET_TEXTS if secret in text]


def mentee_url(user):
    return f"/learn/time/learners/{user.pk}/"


def test_the_learner_sees_their_own_week(client, scene):
    client.force_login(scene.learner)
    assert leaks(client.get("/learn/time/")) == list(SECRET_TEXTS)


def test_another_learners_pages_and_export_hold_none_of_it(client, scene):
    client.force_login(scene.other_learner)
    make_profile(scene.other_learner)
    for url in ("/learn/time/", "/learn/time/export.csv", "/learn/"):
        assert leaks(client.get(url)) == []
    # A learner has no mentor role: another learner's page is refused outright
    assert client.get(mentee_url(scene.learner)).status_code == 403


def test_a_learner_cannot_correct_anothers_week_by_its_address(client, scene):
    client.force_login(scene.other_learner)
    make_profile(scene.other_learner)
    client.post(week_path(weeks_back(1)), {f"hours_{n}": "1" for n in range(1, 6)})
    log = [w.hours_1 for w in scene.learner.audit_weeks.all()]
    assert [str(h) for h in log] == ["7.5"]


def test_the_mentor_sees_nothing_unshared(client, scene):
    client.force_login(scene.mentor)
    response = client.get(mentee_url(scene.learner))
    assert response.status_code == 200
    assert leaks(response) == []
    assert "has not shared a week" in response.content.decode()


def test_the_mentor_sees_a_week_once_it_is_shared(client, scene):
    log_week(scene.learner, weeks_back(0), hours=(1, 2, 3, 4, 5), shared=True)
    client.force_login(scene.mentor)
    page = client.get(mentee_url(scene.learner)).content.decode()
    assert "Developing staff 1.0" in page
    assert [t for t in SECRET_TEXTS if t in page] == []


def test_sharing_always_shares_every_week(client, scene):
    make_profile(scene.learner, share_always=True)
    client.force_login(scene.mentor)
    assert leaks(client.get(mentee_url(scene.learner))) == list(SECRET_TEXTS)


def test_another_mentor_gets_a_404_even_for_shared_weeks(client, scene):
    make_profile(scene.learner, share_always=True)
    client.force_login(scene.other_mentor)
    response = client.get(mentee_url(scene.learner))
    assert response.status_code == 404
    assert leaks(response) == []


def test_a_manager_has_no_learner_page_and_no_export_of_theirs(client, scene):
    make_profile(scene.learner, share_always=True)
    client.force_login(scene.manager)
    assert client.get(mentee_url(scene.learner)).status_code == 403
    export = body(client.get("/learn/time/export.csv"))
    assert [secret for secret in SECRET_TEXTS if secret in export] == []
    assert len(list(csv.reader(io.StringIO(export)))) == 1  # the heading only


def test_a_superuser_does_not_read_unshared_weeks_either(client, scene):
    admin = make_user("root", is_superuser=True, is_staff=True)
    enrol_in_cohort(make_user("x"), scene.cohort, admin)
    client.force_login(admin)
    assert client.get(mentee_url(scene.learner)).status_code == 404
    assert leaks(client.get("/learn/time/export.csv")) == []


def cohort_page(client, scene):
    return client.get(cohort_url("time_audit", scene.cohort))


def test_the_cohort_page_counts_who_logged_but_hides_a_small_groups_average(
    client, scene
):
    client.force_login(scene.manager)
    response = cohort_page(client, scene)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 of 2</strong> learners logged week" in page
    assert "Averages hidden" in page
    assert leaks(response) == []


@override_settings(LMS_TIME_AUDIT_MIN_GROUP=2)
def test_the_cohort_average_split_from_enough_learners(client, scene):
    log_week(scene.other_learner, weeks_back(1), hours=(0.5, 0.5, 0.5, 0.5, 0.5))
    client.force_login(scene.manager)
    page = cohort_page(client, scene).content.decode()
    # Developing staff: (7.5 + 0.5) / 2 = 4.0 hours; one person's 7.5 is not shown
    assert '<th scope="row">Developing staff</th><td>4.0</td>' in page
    assert "7.5" not in page.replace("47.5", "")


def test_a_manager_of_another_cohort_gets_a_404(client, scene):
    client.force_login(scene.other_manager)
    assert cohort_page(client, scene).status_code == 404


def test_a_mentor_has_no_cohort_aggregates(client, scene):
    """Wagtail answers the missing permission (a 403) by sending them to the admin home."""
    client.force_login(scene.mentor)
    response = cohort_page(client, scene)
    assert (response.status_code, response.url) == (302, "/admin/")


def test_without_the_role_the_cohort_page_is_a_403_outside_wagtails_wrapper(rf, scene):
    request = rf.get("/")
    request.user = scene.mentor
    with pytest.raises(PermissionDenied):
        CohortTimeAuditView.as_view()(request, pk=scene.cohort.pk)


def test_the_mentors_admin_home_lists_only_learners_who_share(client, scene):
    log_week(scene.other_learner, weeks_back(0), shared=True)  # not this mentor's
    client.force_login(scene.mentor)
    assert "None of your learners has shared" in client.get("/admin/").content.decode()
    log_week(scene.learner, weeks_back(0), shared=True)
    page = client.get("/admin/").content.decode()
    assert f'href="{mentee_url(scene.learner)}"' in page
    assert "1 week shared" in page
    assert mentee_url(scene.other_learner) not in page
