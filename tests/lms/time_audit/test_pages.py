"""The learner's pages: choosing, logging and correcting a week, ranking, the overview."""

from decimal import Decimal

import pytest

from lms.models import AuditProfile, AuditWeek
from lms.time_audit.categories import AGENT, LEADER, week_label
from tests.builders.people import make_user
from tests.builders.time_audit import (
    all_weeks,
    log_week,
    make_profile,
    week_path,
    week_post,
    weeks_back,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = make_user("learner")
    client.force_login(user)
    return user


def test_a_first_visit_asks_for_the_choices_first(client, learner):
    response = client.get("/learn/time/")
    assert response.status_code == 302
    assert response["Location"].startswith("/learn/time/settings/?next=/learn/time/")


def test_choosing_the_agent_version_labels_the_entry_with_its_categories(
    client, learner
):
    response = client.post(
        "/learn/time/settings/",
        {
            "version": AGENT,
            "contracted_hours": "50",
            "sacred_goal": "3",
            "next": "/learn/time/",
        },
    )
    assert response.status_code == 302
    profile = AuditProfile.objects.get(user=learner)
    assert (profile.version, profile.contracted_hours) == (AGENT, 50)
    assert profile.ranking == ["queue", "peers", "projects", "learning", "admin"]
    page = client.get(week_path(weeks_back(0))).content.decode()
    assert "Own queue" in page and "Helping peers" in page
    assert "Developing staff" not in page


def test_a_week_is_logged_and_shown_with_its_totals(client, learner):
    make_profile(learner)
    response = client.post(week_path(weeks_back(0)), week_post(note="Busy launch"))
    assert response.status_code == 302
    week = AuditWeek.objects.get(user=learner)
    assert week.total == Decimal("40") and week.contracted_hours == 40
    page = client.get("/learn/time/").content.decode()
    assert "Busy launch" in page
    assert "40.0 of 40" in page
    assert "<svg" in page and "Developing staff: 4 h" in page


def test_a_past_week_is_corrected_in_place(client, learner):
    monday = weeks_back(3)
    log_week(learner, monday)
    client.post(week_path(monday), week_post(hours=(8, 8, 8, 8, 8)))
    (week,) = all_weeks(learner)
    assert week.week_start == monday and week.hours_1 == Decimal("8")


def test_a_correction_keeps_the_categories_the_week_was_logged_with(client, learner):
    monday = weeks_back(1)
    log_week(learner, monday)
    make_profile(learner, version=AGENT)
    page = client.get(week_path(monday)).content.decode()
    assert "Developing staff" in page
    client.post(week_path(monday), week_post())
    assert all_weeks(learner)[0].version == LEADER


def test_a_week_that_has_not_started_cannot_be_logged(client, learner):
    make_profile(learner)
    future = weeks_back(-1)
    assert client.get(week_path(future)).status_code == 404
    assert client.post(week_path(future), week_post()).status_code == 404
    assert not AuditWeek.objects.exists()


@pytest.mark.parametrize("label", ["2026-W60", "nonsense", "2026-W4"])
def test_a_malformed_week_is_a_404(client, learner, label):
    make_profile(learner)
    assert client.get(f"/learn/time/week/{label}/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        week_post(hours=(-1, 0, 0, 0, 0)),
        week_post(hours=(100, 100, 0, 0, 0)),
        week_post(hours=(1, 1, 1, 1, 1), in_work=4, leading=2),
        {**week_post(), "hours_3": "lots"},
    ],
    ids=["negative", "over-168", "split-over-total", "not-a-number"],
)
def test_bad_hours_are_a_400_and_nothing_is_saved(client, learner, data):
    make_profile(learner)
    response = client.post(week_path(weeks_back(0)), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not AuditWeek.objects.exists()


def test_the_value_ranking_is_saved_and_shown_beside_the_chart(client, learner):
    make_profile(learner)
    log_week(learner, weeks_back(0))
    ranking = ["personal", "developing", "supporting", "admin", "other"]
    data = {f"rank_{n}": key for n, key in enumerate(ranking, start=1)}
    assert client.post("/learn/time/values/", data).status_code == 302
    assert AuditProfile.objects.get(user=learner).ranking == ranking
    page = client.get("/learn/time/").content.decode()
    values = page[page.index('id="values-heading"') :]
    assert values.index("Personal development") < values.index("Developing staff")


def test_a_category_ranked_twice_is_refused(client, learner):
    make_profile(learner)
    data = {f"rank_{n}": "admin" for n in range(1, 6)}
    response = client.post("/learn/time/values/", data)
    assert response.status_code == 400
    assert AuditProfile.objects.get(user=learner).ranking[0] == "developing"


def test_my_learning_links_to_this_weeks_entry(client, learner):
    page = client.get("/learn/").content.decode()
    assert f'href="/learn/time/week/{week_label(weeks_back(0))}/"' in page
    assert "Log this week" in page
    log_week(learner, weeks_back(0))
    assert "40.0 hours logged" in client.get("/learn/").content.decode()


def test_the_streak_shows_on_the_overview(client, learner):
    for n in (2, 1, 0):
        log_week(learner, weeks_back(n))
    page = client.get("/learn/time/").content.decode()
    assert '<span class="stat">3</span> weeks in a row' in page


def test_the_settings_only_return_to_our_own_pages(client, learner):
    data = {"version": LEADER, "contracted_hours": "40", "sacred_goal": "0"}
    response = client.post(
        "/learn/time/settings/", {**data, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/learn/time/"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/learn/time/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_week_is_picked_by_its_iso_number(client, learner):
    monday = weeks_back(5)
    response = client.get("/learn/time/week/", {"week": week_label(monday).lower()})
    assert response.status_code == 302
    assert response["Location"] == week_path(monday)


@pytest.mark.parametrize("picked", ["", "next year", week_label(weeks_back(-2))])
def test_a_week_not_started_or_not_a_week_cannot_be_picked(client, learner, picked):
    assert client.get("/learn/time/week/", {"week": picked}).status_code == 400


def test_choices_that_do_not_fit_are_a_400_and_change_nothing(client, learner):
    make_profile(learner)
    data = {"version": "manager", "contracted_hours": "45", "sacred_goal": "-1"}
    response = client.post("/learn/time/settings/", data)
    assert response.status_code == 400
    profile = AuditProfile.objects.get(user=learner)
    assert (profile.version, profile.contracted_hours) == (LEADER, 40)


def test_after_a_change_of_version_the_old_weeks_stay_and_the_gap_waits(
    client, learner
):
    log_week(learner, weeks_back(1))
    make_profile(learner, version=AGENT)
    page = client.get("/learn/time/").content.decode()
    assert "Developing staff 4.0" in page  # the old week, in its own categories
    assert "Log a week with the agent" in page


def test_a_category_left_empty_counts_as_no_hours(client, learner):
    make_profile(learner)
    data = {"hours_1": "6", "hours_3": "30", "note": ""}
    assert client.post(week_path(weeks_back(0)), data).status_code == 302
    (week,) = all_weeks(learner)
    assert (week.total, week.hours_2, week.in_work) == (Decimal("36"), 0, 0)


def test_a_new_week_has_no_zeros_to_delete_before_typing(client, learner):
    make_profile(learner)
    page = client.get(week_path(weeks_back(0))).content.decode()
    assert 'name="hours_1" inputmode="decimal"' in page  # no zero to delete first
