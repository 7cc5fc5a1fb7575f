"""The private calendar feed: what it holds, parsed back with icalendar, and who can read it."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lms.models import CalendarFeed, StretchAssignment
from lms.stretch.calendar import feed_for, feed_of
from tests.builders.stretch import START, make_stretch_scene

pytestmark = pytest.mark.django_db

HOST = "testserver"
PAGE = reverse("lms:calendar")
REGENERATE = reverse("lms:calendar_regenerate")


@pytest.fixture
def scene():
    return make_stretch_scene()


def feed_url(user):
    return reverse("lms:calendar_feed", args=[feed_of(user).token])


def parse(body):
    return Calendar.from_ical(body)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.events}


def milestone_uid(milestone):
    return f"milestone-{milestone.pk}@{HOST}"


def project_uid(assignment):
    return f"project-{assignment.pk}@{HOST}"


def uids_of(assignment):
    return {milestone_uid(m) for m in assignment.milestones.all()} | {
        project_uid(assignment)
    }


# What the feed holds


def test_the_calendar_names_itself_and_its_producer(scene):
    calendar = parse(feed_for(scene.learner, HOST))

    assert str(calendar["VERSION"]) == "2.0"
    assert "Stretch projects" in str(calendar["PRODID"])
    assert "Stretch projects" in str(calendar["X-WR-CALNAME"])


def test_a_learner_sees_each_milestone_and_the_due_date_as_all_day_events(scene):
    assignment = scene.assignment
    events = events_by_uid(parse(feed_for(scene.learner, HOST)))

    assert set(events) == uids_of(assignment)
    for milestone in assignment.milestones.all():
        event = events[milestone_uid(milestone)]
        assert event.start == milestone.due_date
        assert event.end == milestone.due_date + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"Milestone: {milestone.title}"
    due = events[project_uid(assignment)]
    assert due.start == assignment.due_date == START + timedelta(weeks=4)
    assert str(due["SUMMARY"]) == f"Project due: {assignment.title}"
    assert "DTSTAMP" in due


def test_each_event_links_to_the_learners_project_page(scene):
    link = "http://127.0.0.1:8000" + reverse("lms:project", args=[scene.assignment.pk])

    events = parse(feed_for(scene.learner, HOST)).events

    assert {str(event["URL"]) for event in events} == {link}
    assert all(link in str(event["DESCRIPTION"]) for event in events)


def test_a_done_milestone_stays_but_is_marked_done(scene):
    first = scene.assignment.milestones.first()
    first.done_at = timezone.now()
    first.save()

    events = events_by_uid(parse(feed_for(scene.learner, HOST)))

    assert str(events[milestone_uid(first)]["SUMMARY"]).startswith("Milestone done: ")
    others = [e for uid, e in events.items() if uid != milestone_uid(first)]
    assert not any("done" in str(e["SUMMARY"]) for e in others)


def test_a_completed_project_leaves_the_calendar(scene):
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=StretchAssignment.Status.COMPLETED
    )

    assert parse(feed_for(scene.learner, HOST)).events == []
    assert parse(feed_for(scene.mentor, HOST)).events == []


def test_a_submitted_project_is_still_in_the_calendar(scene):
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=StretchAssignment.Status.SUBMITTED
    )

    assert set(events_by_uid(parse(feed_for(scene.learner, HOST)))) == uids_of(
        scene.assignment
    )


def test_a_mentor_sees_their_mentees_dates_under_the_learners_name(scene):
    scene.learner.first_name, scene.learner.last_name = "Ada", "Okafor"
    scene.learner.save()

    events = events_by_uid(parse(feed_for(scene.mentor, HOST)))

    assert set(events) == uids_of(scene.assignment)
    assert all(str(e["SUMMARY"]).startswith("Ada Okafor: ") for e in events.values())
    review = reverse("lms_mentoring:review", args=[scene.assignment.pk])
    assert all(str(e["URL"]).endswith(review) for e in events.values())


def test_people_without_a_part_in_the_project_see_none_of_it(scene):
    for person in (scene.other_mentor, scene.other_learner, scene.manager):
        assert parse(feed_for(person, HOST)).events == [], person


def test_the_feed_is_the_same_when_nothing_changed(scene):
    assert feed_for(scene.learner, HOST) == feed_for(scene.learner, HOST)


def test_the_feed_costs_the_same_queries_for_one_project_or_many(scene):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            feed_for(scene.learner, HOST)
        return len(captured)

    one = queries()
    scene.assign(), scene.assign()
    assert len(parse(feed_for(scene.learner, HOST)).events) == 3 * 4

    assert queries() == one == 2


# Who can read it


def test_anyone_with_the_address_gets_the_calendar_without_signing_in(client, scene):
    response = client.get(feed_url(scene.learner))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert set(events_by_uid(parse(response.content))) == uids_of(scene.assignment)


def test_an_unknown_address_is_404(client, scene):
    feed_of(scene.learner)

    response = client.get(reverse("lms:calendar_feed", args=["not-a-real-token"]))

    assert response.status_code == 404


def test_another_persons_address_shows_only_their_own_data(client, scene):
    mine = scene.assign(learners=[scene.other_learner])[0]

    response = client.get(feed_url(scene.other_learner))

    assert set(events_by_uid(parse(response.content))) == uids_of(mine)


def test_the_address_of_a_deactivated_account_is_404(client, scene):
    url = feed_url(scene.learner)
    scene.learner.is_active = False
    scene.learner.save()

    assert client.get(url).status_code == 404


def test_the_feed_cannot_be_posted_to(client, scene):
    assert client.post(feed_url(scene.learner)).status_code == 405


# The page and regenerating


def test_the_page_needs_a_signed_in_person(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("lms:login"))


def test_the_page_shows_my_own_absolute_address(client, scene):
    client.force_login(scene.learner)

    response = client.get(PAGE)

    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", id="feed-url")
    assert field["value"] == "http://testserver" + feed_url(scene.learner)
    assert page.find("label", attrs={"for": "feed-url"})
    assert page.find("a", href="webcal://testserver" + feed_url(scene.learner))


def test_regenerating_makes_the_old_address_stop_working(client, scene):
    old = feed_url(scene.learner)
    client.force_login(scene.learner)

    response = client.post(REGENERATE)

    assert response.status_code == 302
    assert response["Location"] == PAGE
    new = feed_url(scene.learner)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_touches_only_my_own_address(client, scene):
    theirs = feed_url(scene.other_learner)
    client.force_login(scene.learner)

    client.post(REGENERATE)

    assert feed_url(scene.other_learner) == theirs


def test_regenerating_is_post_only(client, scene):
    token = feed_of(scene.learner).token
    client.force_login(scene.learner)

    assert client.get(REGENERATE).status_code == 405
    assert CalendarFeed.objects.get(user=scene.learner).token == token


def test_regenerating_needs_the_csrf_token(scene):
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(scene.learner)
    token = feed_of(scene.learner).token

    refused = careful.post(REGENERATE)
    assert refused.status_code == 403
    assert CalendarFeed.objects.get(user=scene.learner).token == token

    page = BeautifulSoup(careful.get(PAGE).content, "html.parser")
    form = page.find("form", action=REGENERATE)
    csrf = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert careful.post(REGENERATE, {"csrfmiddlewaretoken": csrf}).status_code == 302
    assert CalendarFeed.objects.get(user=scene.learner).token != token


def test_regenerating_needs_a_signed_in_person(client, scene):
    token = feed_of(scene.learner).token

    response = client.post(REGENERATE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("lms:login"))
    assert CalendarFeed.objects.get(user=scene.learner).token == token
