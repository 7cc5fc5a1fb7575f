"""Programme managers and stretch projects: assigning, editing one copy, the report, sign-off."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import StretchMilestone, StretchTemplate
from lms.models import (
    AssignmentMilestone,
    CriterionRating,
    Evidence,
    EvidenceFile,
    Review,
    StretchAssignment,
)
from lms.stretch.admin_views import ProjectsReportView
from tests.builders.pages import make_competency
from tests.builders.people import make_mentor, make_user
from tests.builders.stretch import START, make_stretch_scene, make_template
from tests.builders.web import cohort_url, csv_rows, section, soup, text_of, xlsx_rows

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
LOGIN = reverse("wagtailadmin_login")
HOME = reverse("wagtailadmin_home")


@pytest.fixture
def scene():
    return make_stretch_scene()


def test_the_builders_template_keeps_its_competencies_in_the_database():
    template = make_template(slug="persisted")

    assert StretchTemplate.objects.get(pk=template.pk).competencies.count() == 2


@pytest.fixture
def manager_client(client, scene):
    client.force_login(scene.manager)
    return client


def assign_data(scene, **kwargs):
    """The assign form as posted for the scene's template, to the scene's learner."""
    data = {
        "template": str(scene.template.pk),
        "target": str(scene.learner.pk),
        "mentor": str(scene.mentor.pk),
        "start_date": START.isoformat(),
        "due_date": "",
    }
    data.update(kwargs)
    return data


def custom_data(scene, **kwargs):
    kwargs.setdefault("template", "custom")
    kwargs.setdefault("title", "Run a cultural event")
    kwargs.setdefault("purpose", "Bring the day and night shifts together.")
    kwargs.setdefault("description", "Pick a *theme*.")
    kwargs.setdefault("milestones", "1 | Book the room\n\n3 | Hold the event\n")
    kwargs.setdefault("criteria", "Turnout | Both shifts came\nFollow-up")
    kwargs.setdefault("due_date", (START + timedelta(weeks=3)).isoformat())
    return assign_data(scene, **kwargs)


def edit_form_data(response):
    """Every field of the page's edit form, as a browser would post it unchanged."""
    form = section(response, "edit-form")
    data = {}
    for field in form.find_all("input"):
        kind = field.get("type", "text")
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if kind != "submit":
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    return data


def snapshot_of(assignment):
    """What an edit could change, to compare before and after."""
    assignment.refresh_from_db()
    return (
        assignment.mentor_id,
        assignment.start_date,
        assignment.due_date,
        list(assignment.milestones.values_list("pk", "title", "due_date")),
    )


# Who may do what


def every_view(scene, assignment=None):
    """(method, url, data) of every view and export of the scene's cohort."""
    cohort, assignment = scene.cohort, assignment or scene.assignment
    project = cohort_url("project", cohort, assignment.pk)
    return [
        ("get", cohort_url("projects", cohort), {}),
        ("get", cohort_url("projects", cohort), {"export": "csv"}),
        ("get", cohort_url("projects", cohort), {"export": "xlsx"}),
        ("get", cohort_url("assign_project", cohort), {}),
        ("post", cohort_url("assign_project", cohort), assign_data(scene)),
        ("get", project, {}),
        ("post", project, {"assignment-due_date": "2027-01-01"}),
        (
            "post",
            cohort_url("complete_project", cohort, assignment.pk),
            {"confirm": "yes"},
        ),
    ]


def responses(client, views):
    return {
        f"{method} {url} {data.get('export', '')}": getattr(client, method)(url, data)
        for method, url, data in views
    }


def nothing_changed(scene, before):
    assert StretchAssignment.objects.count() == before["count"]
    assert snapshot_of(scene.assignment) == before["assignment"]
    assert scene.assignment.status == Status.REVIEWED


@pytest.fixture
def reviewed(scene):
    """The scene's project approved, so that signing it off would work."""
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=Status.REVIEWED
    )
    return {
        "count": StretchAssignment.objects.count(),
        "assignment": snapshot_of(scene.assignment),
    }


@pytest.mark.parametrize("who", ["learner", "other_learner", "outsider"])
def test_learners_are_sent_to_the_admin_login_and_change_nothing(
    client, scene, reviewed, who
):
    client.force_login(scene.people()[who])

    found = responses(client, every_view(scene))

    for name, response in found.items():
        assert response.status_code == 302, name
        assert response.url.startswith(LOGIN), name
    nothing_changed(scene, reviewed)


def test_anonymous_visitors_are_sent_to_the_login_and_change_nothing(
    client, scene, reviewed
):
    found = responses(client, every_view(scene))

    for name, response in found.items():
        assert response.status_code == 302, name
        assert response.url.startswith(f"{LOGIN}?next="), name
    nothing_changed(scene, reviewed)


@pytest.mark.parametrize("who", ["mentor", "other_mentor"])
def test_mentors_lack_the_managers_permission_and_change_nothing(
    client, scene, reviewed, who
):
    """Wagtail answers the missing permission (a 403) by sending them to the admin home."""
    mentor = scene.people()[who]
    scene.cohort.managers.add(mentor)  # even listed as a manager, the role is missing
    client.force_login(mentor)

    found = responses(client, every_view(scene))

    for name, response in found.items():
        assert (response.status_code, response.url) == (302, HOME), name
    nothing_changed(scene, reviewed)


def test_the_missing_permission_is_a_403_outside_wagtails_admin_wrapper(rf, scene):
    request = rf.get("/")
    request.user = scene.mentor

    with pytest.raises(PermissionDenied):
        ProjectsReportView.as_view()(request, pk=scene.cohort.pk)


def test_another_manager_gets_404_for_every_view_and_changes_nothing(
    client, scene, reviewed
):
    client.force_login(scene.other_manager)

    found = responses(client, every_view(scene))

    assert {name: r.status_code for name, r in found.items()} == dict.fromkeys(
        found, 404
    )
    nothing_changed(scene, reviewed)


def test_a_project_of_another_cohort_is_404_under_my_cohort(
    manager_client, scene, reviewed
):
    theirs = scene.assign_outsider()
    project = cohort_url("project", scene.cohort, theirs.pk)
    before = snapshot_of(theirs)

    found = responses(
        manager_client,
        [
            ("get", project, {}),
            ("post", project, {"assignment-due_date": "2027-01-01"}),
            ("post", cohort_url("complete_project", scene.cohort, theirs.pk), {}),
        ],
    )

    assert {name: r.status_code for name, r in found.items()} == dict.fromkeys(
        found, 404
    )
    assert snapshot_of(theirs) == before


def test_the_manager_of_the_cohort_may_use_every_view(manager_client, scene, reviewed):
    found = responses(manager_client, every_view(scene))

    codes = [response.status_code for response in found.values()]
    # get x4 then: assign (redirects), project page, bad edit (form errors), sign-off
    assert codes == [200, 200, 200, 200, 302, 200, 200, 302]
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.COMPLETED


def test_a_superuser_may_open_any_cohorts_projects(client, scene):
    client.force_login(make_user("root", is_superuser=True))

    response = client.get(cohort_url("project", scene.cohort, scene.assignment.pk))

    assert response.status_code == 200


def test_every_form_needs_the_csrf_token(scene, reviewed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.manager)

    for method, url, data in every_view(scene):
        if method == "post":
            assert client.post(url, data).status_code == 403, url
    nothing_changed(scene, reviewed)


# Assigning


def test_a_template_goes_to_one_learner_with_milestones_dated_from_the_start(
    manager_client, scene
):
    response = manager_client.post(
        cohort_url("assign_project", scene.cohort), assign_data(scene)
    )

    assert response.status_code == 302
    assert response.url == cohort_url("projects", scene.cohort)
    made = StretchAssignment.objects.exclude(pk=scene.assignment.pk).get()
    assert (made.learner, made.mentor, made.template) == (
        scene.learner,
        scene.mentor,
        scene.template,
    )
    assert made.assigned_by == scene.manager
    # Left blank, the due date is the start plus the template's 4 weeks.
    assert (made.start_date, made.due_date) == (START, date(2026, 10, 5))
    assert list(made.milestones.values_list("title", "due_date")) == [
        ("Agree the story with your manager", date(2026, 9, 13)),
        ("Draft the slides", date(2026, 9, 20)),
        ("Rehearse with your mentor", date(2026, 10, 4)),
    ]
    assert list(made.criteria.values_list("criterion", flat=True)) == [
        "Insight",
        "Clarity",
    ]
    assert {c.slug for c in made.competencies.all()} == {
        "business-acumen",
        "communication",
    }


def test_a_due_date_given_is_kept_and_caps_the_milestones(manager_client, scene):
    manager_client.post(
        cohort_url("assign_project", scene.cohort),
        assign_data(scene, due_date="2026-09-25"),
    )

    made = StretchAssignment.objects.exclude(pk=scene.assignment.pk).get()
    assert made.due_date == date(2026, 9, 25)
    assert made.milestones.last().due_date == date(2026, 9, 25)


def test_everyone_in_the_cohort_gets_their_own_copy(manager_client, scene):
    response = manager_client.post(
        cohort_url("assign_project", scene.cohort), assign_data(scene, target="all")
    )

    assert response.status_code == 302
    made = list(StretchAssignment.objects.exclude(pk=scene.assignment.pk))
    assert sorted(a.learner.username for a in made) == [
        "stretch-learner",
        "stretch-other-learner",
    ]
    first, second = (set(a.milestones.values_list("pk", flat=True)) for a in made)
    assert len(first) == len(second) == 3
    assert not first & second
    assert all(a.cohort == scene.cohort for a in made)
    assert not StretchAssignment.objects.filter(learner=scene.outsider).exists()


def test_a_custom_project_is_assigned_from_the_form(manager_client, scene):
    competency = make_competency(name="Engagement", slug="engagement")

    response = manager_client.post(
        cohort_url("assign_project", scene.cohort),
        custom_data(scene, competencies=[competency.pk]),
    )

    assert response.status_code == 302
    made = StretchAssignment.objects.exclude(pk=scene.assignment.pk).get()
    assert made.template is None
    assert (made.title, made.purpose, made.description) == (
        "Run a cultural event",
        "Bring the day and night shifts together.",
        "Pick a *theme*.",
    )
    assert list(made.milestones.values_list("title", "due_date")) == [
        ("Book the room", date(2026, 9, 13)),
        ("Hold the event", date(2026, 9, 27)),
    ]
    assert list(made.criteria.values_list("criterion", "description")) == [
        ("Turnout", "Both shifts came"),
        ("Follow-up", ""),
    ]
    assert list(made.competencies.all()) == [competency]


def test_the_assign_form_offers_only_this_cohorts_learners_and_mentors(
    manager_client, scene
):
    stranger = make_mentor("stranger")

    page = manager_client.get(cohort_url("assign_project", scene.cohort))

    form = section(page, "assign-form")
    targets = [o.get_text() for o in form.find("select", {"name": "target"})("option")]
    mentors = [o.get_text() for o in form.find("select", {"name": "mentor"})("option")]
    assert "stretch-other-learner" in targets
    assert "stretch-outsider" not in targets
    assert any(t.startswith("Everyone in the cohort (2)") for t in targets)
    assert "stretch-other-mentor" in mentors
    assert stranger.username not in mentors
    assert form.find("input", {"name": "start_date"})["value"] == (
        timezone.localdate().isoformat()
    )
    for field in form.find_all(["input", "select", "textarea"]):
        if field.get("type") not in ("hidden", "checkbox", "submit"):
            assert form.find("label", attrs={"for": field["id"]}), field["name"]


def bad_assignments(scene):
    """(label, posted data, the field whose error says why)."""
    stranger = make_mentor("stranger")
    return [
        ("due before start", assign_data(scene, due_date="2026-09-01"), "due_date"),
        ("mentor not of the cohort", assign_data(scene, mentor=stranger.pk), "mentor"),
        (
            "learner of another cohort",
            assign_data(scene, target=scene.outsider.pk),
            "target",
        ),
        ("no project chosen", assign_data(scene, template=""), "template"),
        ("no such template", assign_data(scene, template="99999"), "template"),
        ("nobody chosen", assign_data(scene, target=""), "target"),
        ("no start date", assign_data(scene, start_date=""), "start_date"),
        ("not a date", assign_data(scene, start_date="soon"), "start_date"),
        ("custom without title", custom_data(scene, title=""), "title"),
        ("custom without purpose", custom_data(scene, purpose="  "), "purpose"),
        ("custom without milestones", custom_data(scene, milestones=""), "milestones"),
        ("custom without criteria", custom_data(scene, criteria=""), "criteria"),
        ("custom without due date", custom_data(scene, due_date=""), "due_date"),
        (
            "milestone not week | title",
            custom_data(scene, milestones="Plan"),
            "milestones",
        ),
        ("milestone week 0", custom_data(scene, milestones="0 | Plan"), "milestones"),
        ("milestone without title", custom_data(scene, milestones="2 |"), "milestones"),
        ("criterion without name", custom_data(scene, criteria=" | why"), "criteria"),
    ]


def test_bad_input_is_a_form_error_and_writes_nothing(manager_client, scene):
    before = (StretchAssignment.objects.count(), AssignmentMilestone.objects.count())
    url = cohort_url("assign_project", scene.cohort)

    for label, data, field in bad_assignments(scene):
        response = manager_client.post(url, data)

        assert response.status_code == 200, label
        assert field in response.context["form"].errors, label
        assert section(response, "assign-form").find(class_="error-message"), label
    assert (
        StretchAssignment.objects.count(),
        AssignmentMilestone.objects.count(),
    ) == before


def test_a_learner_who_leaves_the_cohort_meanwhile_stops_the_whole_assignment(
    manager_client, scene, monkeypatch
):
    """The service's own check (all or nothing) reaches the page as a form error."""
    from lms.stretch import forms as stretch_forms

    def enrolled_then_gone(self):
        learners = list(self.learners.values())
        scene.other_learner.enrolments.update(cohort=None)
        return learners

    monkeypatch.setattr(
        stretch_forms.AssignProjectForm, "chosen_learners", enrolled_then_gone
    )
    before = StretchAssignment.objects.count()

    response = manager_client.post(
        cohort_url("assign_project", scene.cohort), assign_data(scene, target="all")
    )

    assert response.status_code == 200
    assert "Not enrolled" in str(response.context["form"].non_field_errors())
    assert StretchAssignment.objects.count() == before


# Editing one copy


@pytest.fixture
def copies(scene):
    """The scene's project and the other learner's copy of the same template."""
    other = scene.assign([scene.other_learner], mentor=scene.other_mentor)[0]
    return scene.assignment, other


def test_editing_one_copy_leaves_the_template_and_other_copies_alone(
    manager_client, scene, copies
):
    mine, other = copies
    template_before = list(
        StretchMilestone.objects.filter(template=scene.template).values_list(
            "title", "week"
        )
    )
    other_before = snapshot_of(other)
    url = cohort_url("project", scene.cohort, mine.pk)
    data = edit_form_data(manager_client.get(url))
    data.update(
        {
            "assignment-mentor": str(scene.other_mentor.pk),
            "assignment-due_date": "2026-10-12",
            "milestones-0-title": "Agree the story with the account lead",
            "milestones-1-DELETE": "on",
            "milestones-2-due_date": "2026-10-11",
            "milestones-3-title": "Present to the client",
            "milestones-3-due_date": "2026-09-30",
        }
    )

    response = manager_client.post(url, data)

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.mentor, mine.due_date) == (scene.other_mentor, date(2026, 10, 12))
    assert list(mine.milestones.values_list("title", "due_date")) == [
        ("Agree the story with the account lead", date(2026, 9, 13)),
        ("Present to the client", date(2026, 9, 30)),
        ("Rehearse with your mentor", date(2026, 10, 11)),
    ]
    assert snapshot_of(other) == other_before
    assert (
        list(
            StretchMilestone.objects.filter(template=scene.template).values_list(
                "title", "week"
            )
        )
        == template_before
    )


def test_saving_the_form_unchanged_changes_nothing_and_keeps_ticks(
    manager_client, scene
):
    ticked = scene.assignment.milestones.first()
    ticked.done_at = timezone.now()
    ticked.save()
    before = snapshot_of(scene.assignment)
    url = cohort_url("project", scene.cohort, scene.assignment.pk)

    response = manager_client.post(url, edit_form_data(manager_client.get(url)))

    assert response.status_code == 302
    assert snapshot_of(scene.assignment) == before
    ticked.refresh_from_db()
    assert ticked.done


def bad_edits(scene, theirs):
    return [
        ("due before start", {"assignment-due_date": "2026-09-01"}, "due_date"),
        ("mentor not of cohort", {"assignment-mentor": make_mentor("x").pk}, "mentor"),
        ("no mentor", {"assignment-mentor": ""}, "mentor"),
        ("milestone after due", {"milestones-0-due_date": "2027-01-01"}, "milestone"),
        ("milestone without title", {"milestones-1-title": ""}, "milestone"),
        ("milestone id of another copy", {"milestones-0-id": theirs}, "milestone"),
        (
            "every milestone removed",
            {
                **{f"milestones-{n}-DELETE": "on" for n in range(3)},
                "milestones-3-title": "",
                "milestones-3-due_date": "",
            },
            "formset",
        ),
    ]


def test_a_bad_edit_is_a_form_error_and_changes_nothing(manager_client, scene, copies):
    mine, other = copies
    theirs = other.milestones.first().pk
    before, other_before = snapshot_of(mine), snapshot_of(other)
    url = cohort_url("project", scene.cohort, mine.pk)
    unchanged = edit_form_data(manager_client.get(url))
    unchanged["milestones-3-title"] = "A new one, never saved"
    unchanged["milestones-3-due_date"] = "2026-09-20"

    for label, changes, where in bad_edits(scene, theirs):
        response = manager_client.post(url, {**unchanged, **changes})

        assert response.status_code == 200, label
        editor = response.context["editor"]
        if where == "formset":
            assert editor.milestones.non_form_errors(), label
        elif where == "milestone":
            assert any(editor.milestones.errors), label
        else:
            assert where in editor.form.errors, label
        assert section(response, "edit-form").find(
            class_=["error-message", "help-critical", "error"]
        ), label
    assert snapshot_of(mine) == before
    assert snapshot_of(other) == other_before


# Signing off


def test_a_reviewed_project_is_signed_off_by_the_manager(manager_client, scene):
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=Status.REVIEWED
    )
    url = cohort_url("project", scene.cohort, scene.assignment.pk)
    page = manager_client.get(url)
    action = section(page, "complete-form")["action"]

    response = manager_client.post(action, {"confirm": "yes"})

    assert response.url == url
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.COMPLETED
    assert scene.assignment.completed_at is not None
    assert "signed off" in text_of(manager_client.get(url))


def test_a_project_not_yet_approved_cannot_be_signed_off(manager_client, scene):
    url = cohort_url("project", scene.cohort, scene.assignment.pk)

    assert soup(manager_client.get(url)).find(id="complete-form") is None
    response = manager_client.post(
        cohort_url("complete_project", scene.cohort, scene.assignment.pk),
        {"confirm": "yes"},
    )

    assert response.status_code == 302
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.ASSIGNED
    assert "start it first" in text_of(manager_client.get(url))


def test_sign_off_asks_to_confirm_first(manager_client, scene):
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=Status.REVIEWED
    )
    url = cohort_url("project", scene.cohort, scene.assignment.pk)
    form = section(manager_client.get(url), "complete-form")
    assert form.find("input", attrs={"name": "confirm", "required": True})

    manager_client.post(
        cohort_url("complete_project", scene.cohort, scene.assignment.pk)
    )

    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.REVIEWED
    assert "Tick the box" in text_of(manager_client.get(url))


def test_sign_off_takes_post_only(manager_client, scene):
    url = cohort_url("complete_project", scene.cohort, scene.assignment.pk)

    assert manager_client.get(url).status_code == 405


# The project page


def test_the_project_page_shows_milestones_evidence_and_rated_reviews(
    manager_client, scene
):
    assignment = scene.assignment
    StretchAssignment.objects.filter(pk=assignment.pk).update(
        description="Build a **short** deck. <script>alert(1)</script>"
    )
    evidence = Evidence.objects.create(
        assignment=assignment, text="<b>My</b> slides are attached."
    )
    deck = EvidenceFile.objects.create(
        evidence=evidence,
        file=f"evidence/{assignment.pk}/abc",
        original_name="deck.pdf",
        content_type="application/pdf",
        size=2048,
    )
    review = Review.objects.create(
        assignment=assignment,
        mentor=scene.mentor,
        outcome=Review.Outcome.CHANGES_REQUESTED,
        comment="Tighten the story.",
    )
    insight = assignment.criteria.get(criterion="Insight")
    CriterionRating.objects.create(
        review=review, criterion=insight, score=2, comment="Which KPI?"
    )

    response = manager_client.get(cohort_url("project", scene.cohort, assignment.pk))

    assert "Rehearse with your mentor" in text_of(response)
    files = section(response, "evidence-section")
    link = files.find("a", string="deck.pdf")
    assert link["href"] == reverse("lms:evidence_file", args=[deck.pk])
    assert "<b>My</b>" in files.get_text()  # the learner's text, escaped
    assert section(response, "brief-section").find("strong").get_text() == "short"
    assert section(response, "brief-section").find("script") is None
    reviews = section(response, "reviews-section")
    assert "Changes requested" in reviews.get_text()
    cells = [td.get_text(strip=True) for td in reviews.find("tbody")("td")]
    assert cells == ["2", "Which KPI?"]


# The report


@pytest.fixture
def report_scene(scene):
    """Four projects, dated from today: two past due (assigned), one submitted past
    its due date (so not overdue), one reviewed with an approval rated 4 and 3."""
    today = timezone.localdate()
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        start_date=today - timedelta(days=30), due_date=today - timedelta(days=5)
    )
    late, handed_in = scene.assign(
        [scene.other_learner, scene.learner],
        start_date=today - timedelta(days=20),
        due_date=today - timedelta(days=10),
    )
    StretchAssignment.objects.filter(pk=handed_in.pk).update(status=Status.SUBMITTED)
    reviewed = scene.assign(
        [scene.other_learner],
        mentor=scene.other_mentor,
        start_date=today,
        due_date=today + timedelta(weeks=4),
    )[0]
    StretchAssignment.objects.filter(pk=reviewed.pk).update(status=Status.REVIEWED)
    approval = Review.objects.create(
        assignment=reviewed, mentor=scene.other_mentor, outcome=Review.Outcome.APPROVED
    )
    for criterion, score in zip(reviewed.criteria.all(), (4, 3), strict=True):
        CriterionRating.objects.create(
            review=approval, criterion=criterion, score=score
        )
    first = reviewed.milestones.first()
    first.done_at = timezone.now()
    first.save()
    scene.assignment.refresh_from_db()
    return {
        "scene": scene.assignment,
        "late": late,
        "handed_in": handed_in,
        "reviewed": reviewed,
    }


def table(response):
    body = section(response, "listing-results").find("tbody")
    return [[td.get_text(" ", strip=True) for td in tr("td")] for tr in body("tr")]


def test_the_report_lists_every_project_with_rubric_averages(
    manager_client, scene, report_scene
):
    response = manager_client.get(cohort_url("projects", scene.cohort))

    rows = table(response)
    assert len(rows) == 4
    reviewed = next(row for row in rows if "Reviewed" in row)
    assert "1/3" in reviewed and "Approved (3.5)" in reviewed
    averages = section(response, "rubric-averages-table")
    assert [
        [cell.get_text(strip=True) for cell in tr(["th", "td"])]
        for tr in averages.find("tbody")("tr")
    ] == [["Business acumen", "3.5", "1"], ["Communication", "3.5", "1"]]
    link = section(response, "listing-results").find(
        "a", string=lambda text: text and text.strip() == "stretch-learner"
    )
    assert link["href"].startswith(cohort_url("projects", scene.cohort))


def test_the_report_page_costs_the_same_queries_for_1_or_6_projects(
    manager_client, scene
):
    url = cohort_url("projects", scene.cohort)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert (
                manager_client.get(url, {"ordering": "-review_score"}).status_code
                == 200
            )
        counts.append(len(queries))
        for _ in range(5):
            scene.assign([scene.other_learner])

    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, ["handed_in"]),
        ({"status": "reviewed"}, ["reviewed"]),
        ({"overdue": "yes"}, ["late", "scene"]),
        ({"overdue": "no", "status": "assigned"}, []),
        ({"status": "nonsense"}, ["late", "handed_in", "reviewed", "scene"]),
    ],
)
def test_the_report_filters_by_status_and_overdue(
    manager_client, scene, report_scene, query, expected
):
    response = manager_client.get(
        cohort_url("projects", scene.cohort), {**query, "export": "csv"}
    )

    found = sorted((row["Learner"], row["Due"]) for row in csv_rows(response))
    wanted = sorted(
        (report_scene[name].learner.username, report_scene[name].due_date.isoformat())
        for name in expected
    )
    assert found == wanted


def test_the_csv_export_holds_every_column(manager_client, scene, report_scene):
    response = manager_client.get(
        cohort_url("projects", scene.cohort), {"export": "csv", "ordering": "due"}
    )

    rows = csv_rows(response)

    assert response["Content-Type"].startswith("text/csv")
    assert "autumn-leaders-projects" in response["Content-Disposition"]
    assert list(rows[0]) == [
        "Learner",
        "Email",
        "Project",
        "Mentor",
        "Start",
        "Due",
        "Status",
        "Overdue",
        "Milestones done",
        "Milestones",
        "Latest review",
        "Latest review average (1-4)",
    ]
    assert [row["Due"] for row in rows] == sorted(row["Due"] for row in rows)
    late = next(row for row in rows if row["Learner"] == "stretch-other-learner")
    handed_in = next(row for row in rows if row["Status"] == "Submitted")
    assert late["Email"] == "stretch-other-learner@example.com"
    assert (late["Start"], late["Due"]) == (
        report_scene["late"].start_date.isoformat(),
        report_scene["late"].due_date.isoformat(),
    )
    assert (late["Status"], late["Overdue"]) == ("Assigned", "Yes")
    assert (handed_in["Status"], handed_in["Overdue"]) == ("Submitted", "No")
    reviewed = next(row for row in rows if row["Status"] == "Reviewed")
    assert reviewed["Mentor"] == "stretch-other-mentor"
    assert (reviewed["Milestones done"], reviewed["Milestones"]) == ("1", "3")
    assert reviewed["Latest review"] == "Approved"
    assert reviewed["Latest review average (1-4)"] == "3.5"
    assert reviewed["Overdue"] == "No"


def test_the_xlsx_export_matches_the_csv(manager_client, scene, report_scene):
    url = cohort_url("projects", scene.cohort)

    as_csv = csv_rows(manager_client.get(url, {"export": "csv"}))
    as_xlsx = xlsx_rows(manager_client.get(url, {"export": "xlsx"}))

    assert [row["Project"] for row in as_xlsx] == [row["Project"] for row in as_csv]
    reviewed = next(row for row in as_xlsx if row["Status"] == "Reviewed")
    assert reviewed["Latest review average (1-4)"] == 3.5
    assert reviewed["Milestones done"] == 1
    # openpyxl reads a date cell back as a date or a midnight datetime
    assert str(reviewed["Due"])[:10] == report_scene["reviewed"].due_date.isoformat()


def test_an_empty_report_says_so_and_exports_only_headings(client):
    scene = make_stretch_scene()
    StretchAssignment.objects.all().delete()
    client.force_login(scene.manager)
    url = cohort_url("projects", scene.cohort)

    page = client.get(url)

    assert page.status_code == 200
    assert "No project of this cohort has been approved" in text_of(page)
    assert csv_rows(client.get(url, {"export": "csv"})) == []


def test_the_cohort_list_links_to_each_cohorts_projects(manager_client, scene):
    page = soup(manager_client.get(reverse("lms_cohorts:index")))

    link = reverse("lms_cohorts:projects", args=[scene.cohort.pk])
    assert page.find("a", href=link) is not None
