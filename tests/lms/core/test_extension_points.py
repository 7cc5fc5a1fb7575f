"""The extension points new capabilities plug into: events_applied, the cohort
sub-page registry, the home panels, the next-up hook, and the cohort dashboard's
sums, heat-map layers and panels."""

import pytest
from django.db import connection
from django.db.models import Count, Value
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.views.generic import View
from wagtail import hooks

from lms.cohorts import subpages
from lms.cohorts.dashboard import SUMS_HOOK, cohort_dashboard, shaped
from lms.cohorts.heat_layers import HeatLayer
from lms.cohorts.panels import CohortPanel
from lms.cohorts.subpages import CohortSubpage
from lms.learner.panels import LearnerHomePanel
from lms.models import Enrolment, ProgressEvent
from lms.progress.applied import AppliedEvent
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events
from lms.signals import events_applied
from tests.builders.cohorts import enrol_learner, enrolled_learner, make_cohort
from tests.builders.events import answered, event
from tests.builders.pages import make_mixed_quiz_module, make_programme
from tests.builders.people import make_manager
from tests.builders.web import cohort_url


@pytest.fixture
def heard():
    """What events_applied delivered, one list per send."""
    sends = []

    def receiver(sender, events, **kwargs):
        sends.append(events)

    events_applied.connect(receiver, dispatch_uid="test.heard")
    yield sends
    events_applied.disconnect(dispatch_uid="test.heard")


def test_events_applied_carries_each_event_once_after_commit(
    module, heard, django_capture_on_commit_callbacks
):
    learner = enrolled_learner(module)
    start = event(module)
    first = answered(module, 0, (1,))

    with django_capture_on_commit_callbacks(execute=True):
        record_events(learner, [start, first])

    assert len(heard) == 1
    kinds = [(e.kind, e.block_id) for e in heard[0]]
    assert kinds == [("started", ""), ("answered", first["question_id"])]
    answer = heard[0][1]
    assert isinstance(answer, AppliedEvent)
    assert answer.id == first["id"] and answer.user_id == learner.pk
    assert answer.result["correct"] is True
    assert answer.payload["chosen"] == first["chosen"]


def test_events_applied_waits_for_the_commit_and_is_not_sent_on_rollback(
    module, heard, django_capture_on_commit_callbacks
):
    learner = enrolled_learner(module)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record_events(learner, [event(module)])
        ids = list(ProgressEvent.objects.values_list("id", flat=True))
        apply_events(ids)

    assert heard == []  # nothing ran: the transaction has not committed
    assert "announce" in [c.func.__name__ for c in callbacks]


def test_events_already_applied_are_not_announced_again(
    module, heard, django_capture_on_commit_callbacks
):
    learner = enrolled_learner(module)
    with django_capture_on_commit_callbacks(execute=True):
        record_events(learner, [event(module)])
    ids = list(ProgressEvent.objects.values_list("id", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        assert apply_events(ids) == 0

    assert len(heard) == 1


def test_a_failing_receiver_does_not_stop_the_others(
    module, heard, django_capture_on_commit_callbacks, caplog
):
    def broken(sender, events, **kwargs):
        raise RuntimeError("subscriber down")

    events_applied.connect(broken, dispatch_uid="test.broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record_events(enrolled_learner(module), [event(module)])
    finally:
        events_applied.disconnect(dispatch_uid="test.broken")

    assert len(heard) == 1
    assert "subscriber down" in caplog.text


class Blank(View):
    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse

        return HttpResponse("ok")


def test_a_registered_sub_page_appears_in_menus_for_its_role_only(db):
    page = CohortSubpage(
        "readiness_test",
        "Readiness",
        urls=[path("<int:pk>/readiness-test/", Blank.as_view(), name="readiness_test")],
        order=40,
        permission="lms.view_cohort",
    )
    with hooks.register_temporarily("register_cohort_subpage", lambda: page):
        manager = make_manager("sub-page-manager")
        names = [s.name for s in subpages.visible_to(manager)]
        assert names.index("readiness_test") > names.index("projects")
        outsider = make_manager("no-role")
        outsider.groups.clear()
        outsider = type(outsider).objects.get(pk=outsider.pk)
        assert subpages.visible_to(outsider) == []


def test_the_cohort_header_links_every_other_sub_page(client, db):
    manager = make_manager("header-manager")
    cohort = make_cohort(make_programme(), managers=[manager])
    client.force_login(manager)

    page = client.get(subpages.subpage("enrol").url(cohort.pk)).content.decode()

    assert subpages.subpage("dashboard").url(cohort.pk) in page
    assert subpages.subpage("projects").url(cohort.pk) in page


def test_a_home_panel_shows_only_when_it_has_something_to_say(client, module):
    learner = enrolled_learner(module)
    panel = LearnerHomePanel(
        "hello",
        "lms/includes/progress_bar.html",
        lambda user: {"greeting": f"Hello {user.username}"} if user.pk else None,
    )
    client.force_login(learner)
    with hooks.register_temporarily("register_learner_home_panel", lambda: panel):
        response = client.get("/learn/")

    # Other concepts' panels (the time audit's) show beside it.
    assert "hello" in [p.name for p in response.context["panels"]]


def test_a_next_up_hook_chooses_the_module_to_continue_with(client, db):
    first = make_mixed_quiz_module(slug="first-module")
    second = make_mixed_quiz_module(parent=first.get_parent(), slug="second-module")
    learner = enrolled_learner(first)
    client.force_login(learner)

    def pick_second(user, enrolment, modules, progress):
        return next(m for m in modules if m.pk == second.pk)

    with hooks.register_temporarily("learner_next_up", pick_second):
        row = client.get("/learn/").context["programmes"][0]

    assert row.next_module.pk == second.pk


def test_a_concepts_sums_join_the_dashboards_one_query(db):

    cohort = make_cohort(make_programme())
    for n in range(3):
        enrol_learner(cohort, f"summed{n}")

    def teams(cohort, enrolments, now):
        return shaped(
            Enrolment.objects.filter(cohort=cohort).annotate(all=Value(0)),
            "all",
            "teams",
            Count("id"),
        )

    with CaptureQueriesContext(connection) as plain:
        cohort_dashboard(cohort)
    with (
        hooks.register_temporarily(SUMS_HOOK, teams),
        CaptureQueriesContext(connection) as joined,
    ):
        dashboard = cohort_dashboard(cohort)

    [row] = dashboard.sums["teams"]
    assert row.total == 3
    assert len(joined) == len(plain)


def test_a_heat_layer_and_cohort_panels_plug_into_the_dashboard_and_learner_page(
    client, db
):

    manager = make_manager("layer-manager")
    cohort = make_cohort(make_programme(), managers=[manager])
    enrolment = enrol_learner(cohort, "layered")
    layer = HeatLayer(
        "everyone_half",
        "Half everywhere",
        lambda cohort, users: {},
        lambda cohort, dashboard: ({}, None),
    )
    shown = []
    panel = CohortPanel(
        "seen",
        "lms/includes/progress_bar.html",
        lambda thing: shown.append(thing) or {},
    )
    client.force_login(manager)
    with (
        hooks.register_temporarily("register_cohort_heat_layer", lambda: layer),
        hooks.register_temporarily("register_cohort_dashboard_panel", lambda: panel),
        hooks.register_temporarily("register_cohort_learner_panel", lambda: panel),
    ):
        dashboard = client.get(subpages.subpage("dashboard").url(cohort.pk))
        page = client.get(cohort_url("learner", cohort, enrolment.pk))

    labels = [each.label for each, _url, _current in dashboard.context["heat_layers"]]
    assert "Half everywhere" in labels
    assert "seen" in [p.name for p in dashboard.context["panels"]]
    assert page.status_code == 200
    assert shown[0].cohort == cohort and shown[1] == enrolment
