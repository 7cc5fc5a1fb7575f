"""Movement since the snapshot a week ago and the cohort's "ready now" count over
time, on the cohort's Readiness page, read from the nightly snapshots."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.cohorts.admin.access import cohort_url
from lms.readiness import ratings
from lms.readiness.movement import (
    ACROSS,
    DOWN,
    NEW,
    SAME,
    UP,
    baseline_for,
    movement,
    ready_now_trend,
)
from tests.builders.readiness import (
    COMMENT,
    learner_in,
    make_readiness_scene,
    measured,
    rate_all,
)
from tests.builders.readiness_history import snapshot_on
from tests.builders.web import section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("was", "now", "kind"),
    [
        ((1, 1), (2, 1), UP),
        ((2, 2), (3, 3), UP),
        ((3, 2), (2, 2), DOWN),
        ((1, 3), (1, 2), DOWN),
        ((2, 2), (2, 2), SAME),
        ((3, 1), (1, 3), ACROSS),  # one axis up, the other down by as much
        ((2, 3), (3, 2), ACROSS),
        (None, (2, 2), NEW),  # not placed then
        ((2, 2), None, ""),  # not placed now: no arrow
        (None, None, ""),
    ],
)
def test_movement_between_two_boxes(was, now, kind):
    assert movement(was, now).kind == kind


def test_the_words_say_where_from():
    assert movement((2, 2), (3, 3)).label == "Up from Core"
    assert movement((3, 2), (2, 2)).label == "Down from High performer"
    assert movement((2, 3), (3, 2)).label == "Across from High potential"
    assert movement(None, (1, 1)).label == "New on the grid"
    assert movement((1, 1), (1, 1)).label == "Same box"


@pytest.fixture
def scene():
    return make_readiness_scene()


def test_the_baseline_is_the_latest_snapshot_at_least_a_week_old(scene):
    ada, bo = scene.enrolment, scene.other_enrolment
    snapshot_on(ada, 10, (1, 1))
    snapshot_on(ada, 8, (2, 1))
    snapshot_on(bo, 8)  # unplaced that night
    snapshot_on(ada, 6, (3, 3))  # too recent
    snapshot_on(scene.outsider_enrolment, 7, (3, 3))  # another cohort

    baseline = baseline_for(scene.cohort, timezone.localdate())

    assert baseline.taken_on == timezone.localdate() - timedelta(days=8)
    assert baseline.boxes == {ada.pk: (2, 1), bo.pk: None}


def test_without_a_snapshot_a_week_old_there_is_no_arrow(scene):
    snapshot_on(scene.enrolment, 3, (1, 1))

    baseline = baseline_for(scene.cohort, timezone.localdate())

    assert baseline.taken_on is None
    assert baseline.boxes == {}


def test_the_trend_counts_ready_now_one_snapshot_a_week(scene):
    ada, bo = scene.enrolment, scene.other_enrolment
    for days, ada_verdict in ((14, "not_yet"), (7, "ready_now"), (10, "ready_now")):
        snapshot_on(ada, days, (2, 2), ada_verdict)
        snapshot_on(bo, days, None, "ready_now" if days == 7 else "")
    today = timezone.localdate()

    trend = ready_now_trend(scene.cohort, today, ready_now=1, learners=2)

    assert [(p.day, p.ready, p.learners) for p in trend.points] == [
        (today - timedelta(days=14), 0, 2),
        (today - timedelta(days=7), 2, 2),  # the 10-days-ago night is off the week
        (None, 1, 2),
    ]


def ready_now_ada(scene, bo_placed=True):
    """Ada placed (3, 3) by the evidence and rated ready now; Bo placed (1, 1)."""
    programme = scene.programme
    measured(scene.enrolment, programme.de_escalation, 10, 9)
    rate_all(scene.enrolment, scene.mentor, "mentor", 4)
    ratings.rate_readiness(
        scene.enrolment, scene.manager, "manager", "ready_now", COMMENT
    )
    if bo_placed:
        measured(scene.other_enrolment, programme.de_escalation, 10, 1)
        rate_all(scene.other_enrolment, scene.other_mentor, "mentor", 1)


def page(client, scene, **query):
    client.force_login(scene.manager)
    return client.get(cohort_url("readiness", scene.cohort.pk), query)


def test_the_table_shows_each_learners_arrow(client, scene):
    ready_now_ada(scene)
    snapshot_on(scene.enrolment, 7, (2, 2))
    snapshot_on(scene.other_enrolment, 7, (1, 1))
    newcomer = learner_in(scene.cohort, scene.mentor, "dee")

    table = section(page(client, scene), "listing-results")

    cells = {
        row.find("td").get_text(strip=True): row.find(class_="lms-movement")
        for row in table.find("tbody").find_all("tr")
    }
    assert cells["Ada"].get_text(" ", strip=True) == "↑ Up from Core"
    assert cells["Bo"].get_text(" ", strip=True) == "= Same box"
    assert cells[newcomer.user.first_name] is None  # not placed: no arrow
    assert cells["Ada"].find("span")["aria-hidden"] == "true"


def test_the_page_names_the_baseline_and_shows_the_trend(client, scene):
    ready_now_ada(scene)
    snapshot_on(scene.enrolment, 7, (2, 2), "not_yet")
    snapshot_on(scene.enrolment, 14, (2, 2), "not_yet")
    day = timezone.localdate() - timedelta(days=7)

    response = page(client, scene)

    assert f"snapshot of {day:%-d %b %Y}" in section(response, "movement-baseline").text
    rows = section(response, "trend-table").find("tbody").find_all("tr")
    assert [[c.get_text(strip=True) for c in r.find_all(["th", "td"])] for r in rows][
        -2:
    ] == [[f"{day:%-d %b %Y}", "0", "1"], ["Today (live)", "1", "2"]]
    assert "1 rated ready now, against 0" in section(response, "trend-summary").text


def test_a_cohort_without_snapshots_says_so(client, scene):
    response = page(client, scene)

    assert "No snapshot a week old yet" in section(response, "movement-baseline").text
    assert "once a weekly snapshot" in section(response, "trend-summary").text


def test_the_export_carries_the_movement_and_the_table_sorts_by_it(client, scene):
    ready_now_ada(scene)
    snapshot_on(scene.enrolment, 7, (3, 3))
    snapshot_on(scene.other_enrolment, 7, (2, 1))

    response = page(client, scene, export="csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    ordered = page(client, scene, ordering="movement")

    movements = {row["Name"]: row["Since the snapshot a week ago"] for row in rows}
    assert movements == {"Ada": "Same box", "Bo": "Down from Effective"}
    assert ordered.status_code == 200
    names = [
        r.find("td").get_text(strip=True)
        for r in section(ordered, "listing-results").find("tbody").find_all("tr")
    ]
    assert names == ["Ada", "Bo"]  # same box before down
