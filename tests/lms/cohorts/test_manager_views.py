"""Programme managers in the Wagtail admin: cohorts, dashboards, exports, enrolment, home."""

import io
import re
from datetime import datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.cohorts.snapshots import take_snapshot
from lms.models import Cohort, Enrolment, ModuleProgress
from lms.roles import LEARNERS
from tests.builders.cohorts import enrol_learner, make_cohort, snapshot
from tests.builders.learner import make_entry
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager, make_mentor, make_user
from tests.builders.progress import answer, mastery, progress_event
from tests.builders.uploads import csv_upload
from tests.builders.web import cohort_url, csv_rows, section, soup, xlsx_rows

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")
DASHBOARD_BUDGET = 12


@pytest.fixture
def programme():
    return make_programme_with_modules()


@pytest.fixture
def manager():
    return make_manager()


@pytest.fixture
def cohort(programme, manager):
    return make_cohort(programme.page, managers=[manager], name="Spring leaders")


@pytest.fixture
def other_cohort(programme):
    return make_cohort(
        programme.page, managers=[make_manager("other")], name="Autumn leaders"
    )


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def people(programme, cohort):
    """Four learners: on track, behind, at risk (inactive), at risk (failing)."""
    course_a = programme.courses[0]
    olivia = enrol_learner(
        cohort,
        "olivia",
        first_name="Olivia",
        last_name="Stone",
        team="Inbound",
        site="Leeds",
        completed=[(course_a, 3)],
    )
    ben = enrol_learner(
        cohort,
        "ben",
        first_name="Ben",
        last_name="Hale",
        team="Outbound",
        site="York",
        completed=[(course_a, 1)],
    )
    rita = enrol_learner(
        cohort,
        "rita",
        first_name="Rita",
        last_name="Moss",
        team="Inbound",
        days_inactive=10,
    )
    fred = enrol_learner(
        cohort,
        "fred",
        first_name="Fred",
        last_name="Fern",
        team="Outbound",
        completed=[(course_a, 3)],
        questions_answered=5,
        questions_correct=1,
    )
    return {"olivia": olivia, "ben": ben, "rita": rita, "fred": fred}


def table_rows(response, element_id=None):
    """The visible text of each body row of a table, cell by cell."""
    root = section(response, element_id) if element_id else soup(response)
    table = root if root.name == "table" else root.find("table")
    return [
        [_text(cell) for cell in row.find_all(["th", "td"])]
        for row in table.find("tbody").find_all("tr")
    ]


def learner_table(response):
    """(name, status) of each row of the learner table."""
    return [(row[0], row[-1]) for row in table_rows(response, "listing-results")]


def _text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


# Who may see what


def every_view(cohort, enrolment):
    """(method, url) of every view and export of one cohort."""
    return [
        ("get", cohort_url("dashboard", cohort)),
        ("get", cohort_url("dashboard", cohort) + "?export=csv"),
        ("get", cohort_url("dashboard", cohort) + "?export=xlsx"),
        ("get", cohort_url("learner", cohort, enrolment.pk)),
        ("get", cohort_url("remove_learner", cohort, enrolment.pk)),
        ("post", cohort_url("remove_learner", cohort, enrolment.pk)),
        ("get", cohort_url("enrol", cohort)),
        ("post", cohort_url("upload", cohort)),
        ("post", cohort_url("add_learner", cohort)),
        ("get", cohort_url("enrol_template_csv", cohort)),
        ("get", cohort_url("enrol_template_xlsx", cohort)),
        ("get", reverse("lms_cohorts:edit", args=[cohort.pk])),
        ("post", reverse("lms_cohorts:edit", args=[cohort.pk])),
        ("get", reverse("lms_cohorts:history", args=[cohort.pk])),
    ]


def statuses(client, views):
    return {
        f"{method} {url}": getattr(client, method)(url).status_code
        for method, url in views
    }


def test_a_manager_gets_404_for_every_view_of_another_managers_cohort(
    manager_client, other_cohort
):
    theirs = enrol_learner(other_cohort, "theirs")

    found = statuses(manager_client, every_view(other_cohort, theirs))

    assert found == dict.fromkeys(found, 404)
    theirs.refresh_from_db()
    assert theirs.cohort == other_cohort


def test_a_learner_of_another_cohort_is_404_under_my_cohort(
    manager_client, cohort, other_cohort
):
    theirs = enrol_learner(other_cohort, "theirs")

    found = statuses(
        manager_client,
        [
            ("get", cohort_url("learner", cohort, theirs.pk)),
            ("get", cohort_url("remove_learner", cohort, theirs.pk)),
            ("post", cohort_url("remove_learner", cohort, theirs.pk)),
        ],
    )

    assert found == dict.fromkeys(found, 404)
    theirs.refresh_from_db()
    assert theirs.cohort == other_cohort


def test_a_learner_gets_no_admin_access(client, cohort):
    mine = enrol_learner(cohort, "someone")
    client.force_login(mine.user)

    for method, url in every_view(cohort, mine):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(LOGIN), url


def test_anonymous_visitors_are_sent_to_the_login(client, cohort):
    mine = enrol_learner(cohort, "someone")

    for method, url in every_view(cohort, mine):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{LOGIN}?next="), url


def test_a_mentor_without_the_manager_role_is_turned_away(client, cohort):
    mentor = make_mentor()
    cohort.managers.add(mentor)  # even if listed, the role is missing
    client.force_login(mentor)

    response = client.get(cohort_url("dashboard", cohort))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_superuser_sees_any_cohort(client, other_cohort):
    client.force_login(make_user("root", is_superuser=True))

    assert client.get(cohort_url("dashboard", other_cohort)).status_code == 200


# Cohorts listing, create and edit


def test_the_cohort_list_shows_only_my_cohorts(manager_client, cohort, other_cohort):
    response = manager_client.get(reverse("lms_cohorts:index"))

    names = [row[0] for row in table_rows(response, "listing-results")]
    assert names and names[0].startswith("Spring leaders")
    assert not any("Autumn leaders" in name for name in names)


def test_a_superuser_lists_every_cohort(client, cohort, other_cohort):
    client.force_login(make_user("root", is_superuser=True))

    response = client.get(reverse("lms_cohorts:index"))

    text = _text(soup(response))
    assert "Spring leaders" in text and "Autumn leaders" in text


def cohort_form(programme, **kwargs):
    data = {
        "programme": programme.page.pk,
        "name": "Summer leaders",
        "start_date": "2030-06-01",
        "end_date": "2030-09-01",
        "pacing": Cohort.Pacing.WEEKLY,
        "behind_threshold": 3,
    }
    data.update(kwargs)
    return data


def test_a_manager_who_creates_a_cohort_manages_it(manager_client, manager, programme):
    mentor = make_mentor()

    response = manager_client.post(
        reverse("lms_cohorts:add"), cohort_form(programme, mentors=[mentor.pk])
    )

    assert response.status_code == 302
    created = Cohort.objects.get(name="Summer leaders")
    assert list(created.managers.all()) == [manager]
    assert list(created.mentors.all()) == [mentor]
    assert created.pacing == Cohort.Pacing.WEEKLY


def test_managers_and_mentors_come_from_their_groups(manager_client, programme):
    learner = make_user("learner", LEARNERS)

    response = manager_client.post(
        reverse("lms_cohorts:add"),
        cohort_form(programme, managers=[learner.pk], mentors=[learner.pk]),
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"managers", "mentors"}
    assert not Cohort.objects.filter(name="Summer leaders").exists()


def test_a_manager_edits_their_own_cohort(manager_client, manager, cohort, programme):
    response = manager_client.post(
        reverse("lms_cohorts:edit", args=[cohort.pk]),
        cohort_form(programme, name="Spring leaders II", managers=[manager.pk]),
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Spring leaders II"


# The dashboard


def test_the_dashboard_gives_each_learner_a_status(manager_client, cohort, people):
    response = manager_client.get(cohort_url("dashboard", cohort))

    assert sorted(learner_table(response)) == [
        ("Ben Hale", "behind"),
        ("Fred Fern", "at risk"),
        ("Olivia Stone", "on track"),
        ("Rita Moss", "at risk"),
    ]
    page = soup(response)
    assert page.find(id="count-on-track").text == "1"
    assert page.find(id="count-behind").text == "1"
    assert page.find(id="count-at-risk").text == "2"


def test_each_learner_row_shows_who_they_are_and_how_far_they_got(
    manager_client, programme, cohort
):
    mentor = make_mentor(first_name="Maria", last_name="Lopez")
    enrol_learner(
        cohort,
        "olivia",
        first_name="Olivia",
        last_name="Stone",
        team="Inbound",
        site="Leeds",
        mentor=mentor,
        completed=[(programme.courses[0], 3)],
        questions_answered=4,
        questions_correct=3,
    )
    enrol_learner(cohort, "nameless")

    response = manager_client.get(cohort_url("dashboard", cohort))

    rows = table_rows(response, "listing-results")
    assert [row[:7] + row[8:] for row in rows] == [
        ["nameless", "", "", "", "0/6", "0%", "", "behind"],
        [
            "Olivia Stone",
            "Inbound",
            "Leeds",
            "Maria Lopez",
            "3/6",
            "50%",
            "75%",
            "on track",
        ],
    ]


def test_the_dashboard_shows_completion_overall_and_per_course(
    manager_client, cohort, people
):
    response = manager_client.get(cohort_url("dashboard", cohort))

    # 7 of course A's 3 x 4 modules; none of course B's; 7 of 24 overall.
    assert table_rows(response, "course-completion-table") == [
        ["Difficult conversations", "3", "58%"],
        ["Coaching others", "3", "0%"],
    ]
    figures = _text(section(response, "figures"))
    assert "29% complete" in figures
    assert "3 active this week" in figures
    assert "As of" in figures


def test_course_and_competency_figures_count_only_this_cohorts_learners(
    manager_client, programme, cohort, other_cohort, people
):
    course_a = programme.courses[0]
    outsider = enrol_learner(other_cohort, "outsider", completed=[(course_a, 3)])
    mastery(outsider.user, programme.de_escalation, answered=10, correct=0)
    mastery(people["olivia"].user, programme.de_escalation, answered=4, correct=3)

    response = manager_client.get(cohort_url("dashboard", cohort))

    assert table_rows(response, "course-completion-table")[0][-1] == "58%"
    average = section(response, "heat-map-table").find("tfoot")
    assert [_text(cell) for cell in average.find_all("td")] == ["75%"]


def test_every_figure_says_as_of_when(manager_client, cohort, people):
    snapshot(cohort, days_ago=1, completion=20, at_risk=1)

    response = manager_client.get(cohort_url("dashboard", cohort))

    for panel in ("course-completion", "learners", "heat-map", "most-missed", "trend"):
        assert "As of" in _text(section(response, f"{panel}-section")), panel


def test_the_heat_map_colours_each_learner_by_mastery(
    manager_client, programme, cohort, people
):
    mastery(people["olivia"].user, programme.de_escalation, answered=5, correct=4)
    mastery(people["olivia"].user, programme.coaching, answered=1, correct=1)
    mastery(people["ben"].user, programme.de_escalation, answered=4, correct=1)

    response = manager_client.get(cohort_url("dashboard", cohort))

    table = section(response, "heat-map-table")
    header = [_text(th) for th in table.find("thead").find_all("th")]
    assert header == ["Learner", "De-escalation", "Coaching"]  # weakest first
    rows = {row[0]: row[1:] for row in table_rows(response, "heat-map-table")}
    assert rows["Olivia Stone"] == ["80%", "100%"]
    assert rows["Ben Hale"] == ["25%", "–"]
    assert rows["Rita Moss"] == ["–", "–"]
    olivia = table.find("th", string="Olivia Stone").find_parent("tr")
    assert "lms-mastery--4" in olivia.find_all("td")[0]["class"]
    average = [_text(cell) for cell in table.find("tfoot").find_all(["th", "td"])]
    assert average == ["Cohort average", "56%", "100%"]


def test_the_learner_table_links_dates_and_flags_each_row(
    manager_client, cohort, people
):
    hacker = enrol_learner(
        cohort, "hacker", first_name="<b>Al</b>", team="<i>x</i>", days_inactive=None
    )

    response = manager_client.get(cohort_url("dashboard", cohort), {"ordering": "name"})

    body = section(response, "listing-results").find("tbody")
    rows = {_text(tr.find("td")): tr for tr in body.find_all("tr")}
    olivia = rows["Olivia Stone"]
    assert olivia.find("a")["href"] == cohort_url(
        "learner", cohort, people["olivia"].pk
    )
    when = olivia.find("time")
    assert when["datetime"] == people["olivia"].last_activity_at.isoformat()
    assert _text(when) == "1 day ago"
    assert not olivia.find(class_="w-status--primary")
    rita = rows["Rita Moss"]
    assert _text(rita.find("time")) == "1 week ago"
    assert _text(rita.find(class_="w-status--primary")) == "at risk"
    al = rows["<b>Al</b>"]  # shown as text, never as markup
    assert al.find("b") is None and al.find("i") is None
    assert al.find("time") is None
    assert al.find("a")["href"] == cohort_url("learner", cohort, hacker.pk)


def test_the_most_missed_question_shows_its_favourite_wrong_option(
    manager_client, programme, cohort, people
):
    quiz = programme.quiz
    first, right, (wrong_a, wrong_b) = programme.question(0)
    second, second_right, _wrong = programme.question(1)
    answer(people["olivia"].user, quiz, first, right, True)
    answer(people["ben"].user, quiz, first, wrong_b, False)
    answer(people["rita"].user, quiz, first, wrong_b, False)
    answer(people["fred"].user, quiz, first, wrong_a, False)
    for name in ("olivia", "ben", "rita"):
        answer(people[name].user, quiz, second, second_right, True)
    outsiders = [make_user(f"outsider{n}") for n in range(3)]
    for outsider in outsiders:  # not in the cohort: must not count
        answer(outsider, quiz, first, wrong_a, False)
    take_snapshot(cohort, timezone.localdate())

    response = manager_client.get(cohort_url("dashboard", cohort))

    assert table_rows(response, "most-missed-table") == [
        ["Who speaks first?", "The first minute", "25%", "4", "Option 2 (2)"],
        ["What do you say back?", "The first minute", "100%", "3", ""],
    ]


def test_the_most_missed_questions_are_the_latest_snapshots_with_its_time(
    manager_client, programme, cohort, people
):
    first, right, (wrong_a, _wrong_b) = programme.question(0)
    for name in ("olivia", "ben", "rita"):
        answer(people[name].user, programme.quiz, first, wrong_a, False)
    yesterday = timezone.now() - timedelta(days=1)
    take_snapshot(cohort, timezone.localdate() - timedelta(days=1), now=yesterday)
    answer(people["fred"].user, programme.quiz, first, right, True)

    response = manager_client.get(cohort_url("dashboard", cohort))

    panel = _text(section(response, "most-missed-section"))
    assert f"As of {timezone.localtime(yesterday):%-d %b %Y, %H:%M}" in panel
    assert table_rows(response, "most-missed-table") == [
        ["Who speaks first?", "The first minute", "0%", "3", "Option 0 (3)"],
    ]


def test_before_the_first_snapshot_the_most_missed_panel_says_when_it_comes(
    manager_client, programme, cohort, people
):
    first, _right, (wrong_a, _wrong_b) = programme.question(0)
    for name in ("olivia", "ben", "rita"):
        answer(people[name].user, programme.quiz, first, wrong_a, False)

    response = manager_client.get(cohort_url("dashboard", cohort))

    panel = _text(section(response, "most-missed-section"))
    assert "first list appears after tonight's snapshot" in panel
    assert not section(response, "most-missed-section").find("table")


def test_the_trend_chart_is_drawn_from_the_snapshots(manager_client, cohort):
    for days_ago, completion, at_risk in ((3, 10, 4), (2, 20, 3), (1, 35, 1)):
        snapshot(cohort, days_ago, completion, at_risk)

    response = manager_client.get(cohort_url("dashboard", cohort))

    chart = section(response, "trend-chart")
    assert chart.name == "svg"
    completion = chart.find("polyline", class_="lms-trend__completion")
    at_risk = chart.find("polyline", class_="lms-trend__at-risk")
    assert len(completion["points"].split()) == 3
    assert len(at_risk["points"].split()) == 3
    titles = [title.text for title in chart.find_all("title")]
    assert any("35% complete" in title for title in titles)
    assert any("1 of 10 at risk" in title for title in titles)
    assert not soup(response).find("script", src=re.compile("chart", re.I))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "at risk"}, ["Fred Fern", "Rita Moss"]),
        ({"team": "Outbound"}, ["Ben Hale", "Fred Fern"]),
        ({"q": "oliv"}, ["Olivia Stone"]),
        ({"q": "RITA@example"}, ["Rita Moss"]),
        ({"status": "behind", "team": "Inbound"}, []),
    ],
)
def test_the_learner_table_filters(manager_client, cohort, people, query, expected):
    response = manager_client.get(cohort_url("dashboard", cohort), query)

    assert response.status_code == 200
    if expected:
        assert sorted(name for name, _status in learner_table(response)) == expected
    else:
        assert not section(response, "listing-results").find("table")


def test_the_learner_table_sorts(manager_client, cohort, people):
    response = manager_client.get(
        cohort_url("dashboard", cohort), {"ordering": "-status"}
    )

    statuses_shown = [status for _name, status in learner_table(response)]
    assert statuses_shown == ["at risk", "at risk", "behind", "on track"]


def test_a_bad_filter_value_is_a_form_error_not_a_crash(manager_client, cohort, people):
    response = manager_client.get(
        cohort_url("dashboard", cohort), {"status": "asleep", "ordering": "nope"}
    )

    assert response.status_code == 200
    assert "status" in response.context["filter_form"].errors
    assert len(learner_table(response)) == 4


def test_an_empty_cohort_has_a_dashboard_and_an_empty_export(manager_client, cohort):
    page = manager_client.get(cohort_url("dashboard", cohort))
    export = manager_client.get(cohort_url("dashboard", cohort), {"export": "csv"})

    assert page.status_code == 200
    assert "No knowledge checks answered yet." in _text(soup(page))
    assert csv_rows(export) == []


def test_the_learner_table_is_paginated_by_50(manager_client, cohort):
    crowd(cohort, 55)

    first = manager_client.get(cohort_url("dashboard", cohort))
    second = manager_client.get(cohort_url("dashboard", cohort), {"p": 2})

    assert len(learner_table(first)) == 50
    assert len(learner_table(second)) == 5


def crowd(cohort, size):
    """`size` learners, each with a mastery row and one answer, written in bulk."""
    user_model = get_user_model()
    prefix = f"c{cohort.pk}-"
    users = user_model.objects.bulk_create(
        [
            user_model(username=f"{prefix}{n}", email=f"{prefix}{n}@example.com")
            for n in range(size)
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(user=user, programme=cohort.programme, cohort=cohort)
            for user in users
        ]
    )
    return users


@pytest.mark.parametrize("who", ["manager", "superuser"])
def test_the_dashboard_page_stays_within_12_queries_wagtail_chrome_included(
    client, programme, who
):
    """The view's own 6 (cohort, courses, learners, snapshots, competencies,
    heat-map) plus Wagtail's: session, user with profile, locales, and for a
    manager their permissions and page and collection permissions."""
    if who == "superuser":
        user = get_user_model().objects.create_superuser("root", "root@example.com")
    else:
        user = make_manager("pat")
    client.force_login(user)
    cohort = make_cohort(programme.page, managers=[user])
    question_id, _right, wrong = programme.question(0)
    for n, user in enumerate(crowd(cohort, 5)):
        mastery(user, programme.de_escalation, answered=4, correct=n % 5)
        answer(user, programme.quiz, question_id, wrong[n % 2], False)
    take_snapshot(cohort, timezone.localdate())
    client.get(cohort_url("dashboard", cohort))  # warm caches

    with CaptureQueriesContext(connection) as queries:
        response = client.get(cohort_url("dashboard", cohort))

    assert section(response, "most-missed-table")
    assert len(queries) <= DASHBOARD_BUDGET


def test_the_dashboard_costs_the_same_queries_for_5_or_60_learners(
    manager_client, manager, programme
):
    small = make_cohort(programme.page, managers=[manager])
    large = make_cohort(programme.page, managers=[manager])
    question_id, right, wrong = programme.question(0)
    for cohort, size in ((small, 5), (large, 60)):
        for n, user in enumerate(crowd(cohort, size)):
            mastery(user, programme.de_escalation, answered=4, correct=n % 5)
            answer(user, programme.quiz, question_id, wrong[n % 2], False)
        snapshot(cohort, days_ago=1, completion=10, at_risk=1)
        take_snapshot(cohort, timezone.localdate())
    manager_client.get(cohort_url("dashboard", small))  # warm caches

    counts = []
    for cohort in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = manager_client.get(cohort_url("dashboard", cohort))
        assert response.status_code == 200
        assert section(response, "heat-map-table")
        assert section(response, "most-missed-table")
        counts.append(len(queries))

    assert counts[0] == counts[1]


# Exports


def test_the_csv_export_matches_the_filtered_table(manager_client, cohort, people):
    url = cohort_url("dashboard", cohort)
    query = {"status": "at risk", "ordering": "name"}
    table = learner_table(manager_client.get(url, query))

    response = manager_client.get(url, {**query, "export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "spring-leaders-learners" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [(row["Name"], row["Status"]) for row in rows] == table
    fred = rows[0]
    assert fred["Email"] == "fred@example.com"
    assert fred["Team"] == "Outbound"
    assert fred["Modules completed"] == "3"
    assert fred["Modules in programme"] == "6"
    assert fred["Completed (%)"] == "50"
    assert fred["Knowledge-check score (%)"] == "20"
    # An ISO time to the second: no microseconds for a spreadsheet to choke on.
    last = datetime.fromisoformat(fred["Last active"])
    assert last.microsecond == 0 and last.tzinfo is not None
    assert "." not in fred["Last active"]


def test_the_xlsx_export_matches_the_filtered_table(manager_client, cohort, people):
    url = cohort_url("dashboard", cohort)
    query = {"team": "Inbound"}
    table = learner_table(manager_client.get(url, query))

    response = manager_client.get(url, {**query, "export": "xlsx"})

    rows = xlsx_rows(response)
    assert [(row["Name"], row["Status"]) for row in rows] == table
    olivia = next(row for row in rows if row["Name"] == "Olivia Stone")
    assert olivia["Site"] == "Leeds"
    assert olivia["Modules completed"] == 3
    assert olivia["Last active"] is not None
    rita = next(row for row in rows if row["Name"] == "Rita Moss")
    assert rita["Knowledge-check score (%)"] is None


def test_the_export_is_not_paginated(manager_client, cohort):
    crowd(cohort, 55)

    response = manager_client.get(cohort_url("dashboard", cohort), {"export": "csv"})

    assert len(csv_rows(response)) == 55


# The learner drill-down


def test_the_drill_down_shows_activity_modules_and_only_shared_journal_entries(
    manager_client, programme, cohort, people
):
    olivia = people["olivia"]
    quiz = programme.quiz
    progress_event(olivia, quiz, "started", minutes_ago=10)
    progress_event(olivia, quiz, "answered", minutes_ago=9, result={"correct": True})
    ModuleProgress.objects.create(
        user=olivia.user, module=quiz, status="completed", best_score=0.5, attempts=2
    )
    make_entry(olivia.user, text="I let them finish.", shared=True, module=quiz)
    make_entry(olivia.user, text="My private worry.", shared=False, module=quiz)

    response = manager_client.get(cohort_url("learner", cohort, olivia.pk))

    assert response.status_code == 200
    timeline = _text(section(response, "timeline-list"))
    assert "Started a module: The first minute" in timeline
    assert "Answered a question: The first minute (correct)" in timeline
    modules = {row[0]: row[1:] for row in table_rows(response, "modules-table")}
    assert modules["The first minute"][:3] == ["Completed", "50%", "2"]
    assert modules["Module b1"][0] == "Not started"
    journal = _text(section(response, "journal-section"))
    assert "I let them finish." in journal
    assert "My private worry." not in journal


def test_the_timeline_shows_the_latest_50_events(
    manager_client, programme, cohort, people
):
    for minutes in range(55):
        progress_event(people["ben"], programme.quiz, minutes_ago=minutes)

    response = manager_client.get(cohort_url("learner", cohort, people["ben"].pk))

    assert len(section(response, "timeline-list").find_all("li")) == 50


# Enrolling and removing


def test_an_upload_with_a_bad_row_says_why_and_applies_nothing(manager_client, cohort):
    text = "email,first_name,last_name\nann@example.com,Ann,Lee\nnot-an-email,Bo,Ray\n"

    response = manager_client.post(
        cohort_url("upload", cohort), {"file": csv_upload(text)}
    )

    assert response.status_code == 200
    report = table_rows(response, "report-table")
    assert report[1][:3] == ["3", "not-an-email", "Rejected"]
    assert "'not-an-email' is not a valid email address." in report[1][3]
    assert "nothing was enrolled" in _text(section(response, "rejected"))
    assert not get_user_model().objects.filter(email="ann@example.com").exists()
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_an_unreadable_upload_is_a_form_error(manager_client, cohort):
    latin1 = "email,first_name\nzoe@example.com,Zoë\n".encode("latin-1")

    response = manager_client.post(
        cohort_url("upload", cohort), {"file": csv_upload(latin1)}
    )

    assert response.status_code == 200
    assert "not UTF-8" in " ".join(response.context["upload_form"].errors["file"])
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_an_upload_without_a_file_is_a_form_error(manager_client, cohort):
    response = manager_client.post(cohort_url("upload", cohort), {})

    assert response.status_code == 200
    assert "file" in response.context["upload_form"].errors


def test_a_good_upload_enrols_everyone_and_reports_each_row(
    manager_client, manager, cohort
):
    mentor = make_mentor(email="mentor@example.com")
    text = (
        "email,first_name,last_name,team,site,mentor_email\n"
        "ann@example.com,Ann,Lee,Inbound,Leeds,mentor@example.com\n"
        "bo@example.com,Bo,Ray,Outbound,York,\n"
    )

    response = manager_client.post(
        cohort_url("upload", cohort), {"file": csv_upload(text)}
    )

    assert response.status_code == 200
    outcomes = [row[2] for row in table_rows(response, "report-table")]
    assert outcomes == ["New account, enrolled", "New account, enrolled"]
    ann = Enrolment.objects.get(cohort=cohort, user__email="ann@example.com")
    assert (ann.team, ann.site, ann.mentor, ann.enrolled_by) == (
        "Inbound",
        "Leeds",
        mentor,
        manager,
    )
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_a_manager_adds_one_learner_by_hand(manager_client, cohort):
    mentor = make_mentor(email="mentor@example.com")

    response = manager_client.post(
        cohort_url("add_learner", cohort),
        {
            "email": "cy@example.com",
            "first_name": "Cy",
            "last_name": "Dee",
            "team": "Inbound",
            "site": "Hull",
            "mentor_email": "mentor@example.com",
        },
    )

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(cohort=cohort, user__email="cy@example.com")
    assert enrolment.user.get_full_name() == "Cy Dee"
    assert (enrolment.team, enrolment.site, enrolment.mentor) == (
        "Inbound",
        "Hull",
        mentor,
    )


def test_adding_one_learner_with_an_unknown_mentor_says_why(manager_client, cohort):
    response = manager_client.post(
        cohort_url("add_learner", cohort),
        {"email": "cy@example.com", "mentor_email": "nobody@example.com"},
    )

    assert response.status_code == 200
    errors = response.context["add_form"].non_field_errors()
    assert "No account uses the mentor email" in errors[0]
    assert not get_user_model().objects.filter(email="cy@example.com").exists()


def test_adding_one_learner_with_a_bad_email_is_a_form_error(manager_client, cohort):
    response = manager_client.post(cohort_url("add_learner", cohort), {"email": "nope"})

    assert response.status_code == 200
    assert "email" in response.context["add_form"].errors


def test_removing_a_learner_asks_first_then_keeps_their_progress(
    manager_client, cohort, people
):
    ben = people["ben"]
    url = cohort_url("remove_learner", cohort, ben.pk)

    confirm = manager_client.get(url)
    response = manager_client.post(url)

    assert "Yes, remove" in _text(soup(confirm))
    assert response.status_code == 302
    assert response.url == cohort_url("dashboard", cohort)
    ben.refresh_from_db()
    assert ben.cohort is None
    assert ben.modules_completed == 1


def test_every_form_needs_the_csrf_token(manager, cohort, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    ben = people["ben"]

    for url, data in (
        (cohort_url("remove_learner", cohort, ben.pk), {}),
        (cohort_url("add_learner", cohort), {"email": "cy@example.com"}),
        (cohort_url("upload", cohort), {"file": csv_upload("email\ncy@example.com\n")}),
        (reverse("lms_cohorts:edit", args=[cohort.pk]), {"name": "Hijacked"}),
    ):
        assert client.post(url, data).status_code == 403, url
    ben.refresh_from_db()
    assert ben.cohort == cohort


def test_the_templates_download_as_csv_and_xlsx(manager_client, cohort):
    as_csv = manager_client.get(cohort_url("enrol_template_csv", cohort))
    as_xlsx = manager_client.get(cohort_url("enrol_template_xlsx", cohort))

    assert as_csv.content.decode("utf-8-sig").startswith(
        "email,first_name,last_name,team,site,mentor_email"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    header = next(workbook.active.iter_rows(values_only=True))
    assert header[0] == "email"


def test_the_enrol_page_offers_every_form(manager_client, cohort):
    response = manager_client.get(cohort_url("enrol", cohort))

    page = soup(response)
    for form_id in ("upload-form", "add-form"):
        assert page.find(id=form_id).find(
            "input", attrs={"name": "csrfmiddlewaretoken"}
        )
    assert page.find(id="template-csv") and page.find(id="template-xlsx")


# The admin home panel


def test_the_home_panel_lists_only_my_cohorts_with_their_at_risk_counts(
    manager_client, cohort, other_cohort
):
    enrol_learner(cohort, "a")
    enrol_learner(cohort, "b")
    snapshot(cohort, days_ago=2, completion=5, at_risk=2)
    snapshot(cohort, days_ago=1, completion=9, at_risk=1, learners=2)
    snapshot(other_cohort, days_ago=1, completion=9, at_risk=7)

    response = manager_client.get(reverse("wagtailadmin_home"))

    assert table_rows(response, "managed-cohorts-table")[0][:2] == [
        "Spring leaders",
        "2",
    ]
    rows = table_rows(response, "managed-cohorts-table")
    assert len(rows) == 1
    assert rows[0][2].startswith("1 as of")
    assert "Autumn leaders" not in _text(soup(response))


def test_the_home_panel_costs_the_same_for_one_or_five_cohorts(client, programme):
    def home_queries(manager):
        client.force_login(manager)
        client.get(reverse("wagtailadmin_home"))  # warm caches
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("wagtailadmin_home"))
        return len(queries)

    one, five = make_manager("one"), make_manager("five")
    make_cohort(programme.page, managers=[one])
    for _n in range(5):
        cohort = make_cohort(programme.page, managers=[five])
        enrol_learner(cohort)
        snapshot(cohort, days_ago=1, completion=5, at_risk=1)

    assert home_queries(one) == home_queries(five)
