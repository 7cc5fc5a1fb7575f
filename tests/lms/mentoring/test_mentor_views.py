"""The mentor's admin pages: who may open each, the review queue, rubric reviews,
sign-off and coaching notes; and that a learner never sees a coaching note."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.mentoring.notes import create_note
from lms.models import (
    CoachingNote,
    Evidence,
    EvidenceFile,
    Review,
    StretchAssignment,
)
from lms.stretch.reviews import review
from lms.stretch.states import transition
from tests.builders.people import make_user
from tests.builders.stretch import make_stretch_scene
from tests.builders.web import section, soup

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
LOGIN = reverse("wagtailadmin_login")
HOME = reverse("wagtailadmin_home")
OK, LOGIN_FIRST, DENIED, MISSING = "ok", "login", "denied", "404"
SECRET = "Privately: struggles to say no to the site director."


def url(name, *args):
    return reverse(f"lms_mentoring:{name}", args=args)


def submit(assignment):
    transition(assignment, "start", assignment.learner)
    return transition(assignment, "submit", assignment.learner)


def rate_all(assignment, score=3):
    return {c.pk: (score, "") for c in assignment.criteria.all()}


@pytest.fixture
def scene():
    scene = make_stretch_scene()
    scene.assignment = submit(scene.assignment)
    return scene


@pytest.fixture
def note(scene):
    return create_note(
        scene.mentor, scene.learner, goal="Own the huddle.", reality=SECRET
    )


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def text_of(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


# Who may open what


def every_view(scene, note):
    """(name, method, url) of every mentoring view, aimed at the scene's learner."""
    project, learner = scene.assignment.pk, scene.learner.pk
    return [
        ("queue", "get", url("queue")),
        ("review", "get", url("review", project)),
        ("review", "post", url("review", project)),
        ("complete", "get", url("complete", project)),
        ("complete", "post", url("complete", project)),
        ("learners", "get", url("learners")),
        ("notes", "get", url("notes", learner)),
        ("add_note", "get", url("add_note", learner)),
        ("add_note", "post", url("add_note", learner)),
        ("edit_note", "get", url("edit_note", note.pk)),
        ("edit_note", "post", url("edit_note", note.pk)),
    ]


# Mentors reach their own things; managers only sign-off and notes; the rest is a 404
# when the role fits but the object is someone else's.
EXPECTED = {
    "mentor": dict.fromkeys(
        ["queue", "review", "complete", "learners", "notes", "add_note", "edit_note"],
        OK,
    ),
    "other_mentor": {
        "queue": OK,
        "review": MISSING,
        "complete": MISSING,
        "learners": OK,
        "notes": MISSING,
        "add_note": MISSING,
        "edit_note": MISSING,
    },
    "manager": {
        "queue": DENIED,
        "review": DENIED,
        "complete": OK,
        "learners": DENIED,
        "notes": OK,
        "add_note": DENIED,
        "edit_note": DENIED,
    },
    "other_manager": {
        "queue": DENIED,
        "review": DENIED,
        "complete": MISSING,
        "learners": DENIED,
        "notes": MISSING,
        "add_note": DENIED,
        "edit_note": DENIED,
    },
}
LEARNERS = ("learner", "other_learner", "outsider", "anonymous")


def outcome(response):
    """What a response means for access: ok, sent to log in, turned away, or 404."""
    if response.status_code == 302 and response.url.startswith(f"{LOGIN}?next="):
        return LOGIN_FIRST
    if response.status_code == 302 and response.url == HOME:
        return DENIED
    if response.status_code == 404:
        return MISSING
    if response.status_code in (200, 400):
        return OK
    return f"{response.status_code} {getattr(response, 'url', '')}"


def expected_for(who, view):
    return LOGIN_FIRST if who in LEARNERS else EXPECTED[who][view]


@pytest.mark.parametrize("who", [*EXPECTED, *LEARNERS])
def test_each_person_reaches_exactly_the_views_their_role_allows(scene, note, who):
    client = Client() if who == "anonymous" else as_user(scene.people()[who])
    views = every_view(scene, note)

    found = {
        f"{method} {name}": outcome(getattr(client, method)(address))
        for name, method, address in views
    }

    assert found == {
        f"{method} {name}": expected_for(who, name) for name, method, _ in views
    }
    # Whatever was posted, nothing changed: the posts carry no valid data.
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.SUBMITTED
    assert not Review.objects.exists()
    assert list(CoachingNote.objects.values_list("goal", flat=True)) == [
        "Own the huddle."
    ]


def test_a_turned_away_request_is_a_403_for_scripts(scene):
    client = as_user(scene.manager)

    response = client.get(url("queue"), HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 403


def test_a_superuser_opens_any_project_and_any_learners_notes(scene, note):
    client = as_user(make_user("root", is_superuser=True))

    assert client.get(url("review", scene.assignment.pk)).status_code == 200
    assert client.get(url("notes", scene.outsider.pk)).status_code == 200
    assert SECRET in client.get(url("notes", scene.learner.pk)).content.decode()


def test_nobody_edits_a_note_they_did_not_write_not_even_a_superuser(scene, note):
    client = as_user(make_user("root", is_superuser=True))

    assert client.get(url("edit_note", note.pk)).status_code == 404
    assert client.post(url("edit_note", note.pk), {"goal": "x"}).status_code == 404


def test_an_unknown_project_or_learner_is_a_404(scene):
    client = as_user(scene.mentor)

    assert client.get(url("review", 999_999)).status_code == 404
    assert client.get(url("notes", 999_999)).status_code == 404
    assert client.get(url("add_note", 999_999)).status_code == 404


def menu_urls(response):
    """The URLs of the admin sidebar's main menu items."""
    props = json.loads(soup(response).find(id="wagtail-sidebar-props").string)
    menu = next(m for m in props["modules"] if m["_type"].endswith("MainMenuModule"))
    return [item["_args"][0].get("url") for item in menu["_args"][0]]


def test_the_mentoring_menu_shows_for_mentors_only(scene):
    for who, shown in [("mentor", True), ("other_mentor", True), ("manager", False)]:
        response = as_user(scene.people()[who]).get(HOME)
        assert (url("queue") in menu_urls(response)) is shown, who


def test_forms_refuse_a_post_without_the_csrf_token(scene, note):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.mentor)

    for address in (
        url("review", scene.assignment.pk),
        url("complete", scene.assignment.pk),
        url("add_note", scene.learner.pk),
        url("edit_note", note.pk),
    ):
        assert client.post(address, {"outcome": "changes"}).status_code == 403


# A learner never sees a coaching note


def learner_pages(scene):
    """Every page a learner has: their home, journal and project pages."""
    return [
        reverse("lms:home"),
        reverse("lms:journal"),
        reverse("lms:projects"),
        reverse("lms:project", args=[scene.assignment.pk]),
    ]


def test_a_learner_never_sees_a_coaching_note_about_them(scene, note):
    client = as_user(scene.learner)
    admin_pages = [address for _n, _m, address in every_view(scene, note)]

    for address in learner_pages(scene) + admin_pages + [HOME]:
        response = client.get(address, follow=True)
        assert SECRET not in response.content.decode(), address
        assert "Own the huddle." not in response.content.decode(), address


def test_the_learners_admin_attempts_end_at_the_login(scene, note):
    client = as_user(scene.learner)

    for _name, method, address in every_view(scene, note):
        response = getattr(client, method)(address)
        assert outcome(response) == LOGIN_FIRST, address


# The review queue


def test_the_queue_lists_submitted_work_oldest_first(scene):
    second = scene.assign([scene.other_learner])[0]
    second = submit(second)
    StretchAssignment.objects.filter(pk=second.pk).update(
        submitted_at=scene.assignment.submitted_at - timedelta(days=2)
    )

    response = as_user(scene.mentor).get(url("queue"))

    rows = section(response, "waiting-table").find("tbody").find_all("tr")
    learners = [text_of(row.find_all("td")[1]) for row in rows]
    assert learners == ["stretch-other-learner", "stretch-learner"]
    links = [row.find("a")["href"] for row in rows]
    assert links == [url("review", second.pk), url("review", scene.assignment.pk)]


def test_the_queue_leaves_out_other_mentors_work(scene):
    theirs = scene.assign([scene.other_learner], mentor=scene.other_mentor)[0]
    submit(theirs)

    response = as_user(scene.mentor).get(url("queue"))

    waiting = text_of(section(response, "waiting-table"))
    assert "stretch-learner" in waiting
    assert "stretch-other-learner" not in waiting


def test_the_queue_shows_other_mentees_projects_with_status_and_overdue(scene):
    today = timezone.localdate()
    scene.assign(
        [scene.other_learner],
        start_date=today - timedelta(days=30),
        due_date=today - timedelta(days=1),
    )
    scene.assign(
        [scene.other_learner],
        start_date=today,
        due_date=today + timedelta(days=30),
    )

    response = as_user(scene.mentor).get(url("queue"))

    rows = [
        text_of(row)
        for row in section(response, "mentees-table").find("tbody").find_all("tr")
    ]
    assert len(rows) == 2
    assert "Assigned" in rows[0] and "Overdue" in rows[0]
    assert "Assigned" in rows[1] and "Overdue" not in rows[1]


def test_an_empty_queue_says_so(scene):
    response = as_user(scene.other_mentor).get(url("queue"))

    assert "Nothing is waiting for your review." in response.content.decode()


def test_the_queue_links_to_the_mentors_calendar_feed(scene):
    page = soup(as_user(scene.mentor).get(url("queue")))

    assert page.select_one("#calendar-link")["href"] == reverse("lms:calendar")


# The review page


@pytest.fixture
def evidence(scene):
    item = Evidence.objects.create(
        assignment=scene.assignment,
        text="<script>alert('x')</script>\nSee the deck.",
    )
    file = EvidenceFile.objects.create(
        evidence=item,
        file=f"evidence/{scene.assignment.pk}/abc123",
        original_name="deck <v2>.pdf",
        content_type="application/pdf",
        size=2048,
    )
    return item, file


def test_the_review_page_shows_the_project_and_its_evidence_safely(scene, evidence):
    _item, file = evidence

    response = as_user(scene.mentor).get(url("review", scene.assignment.pk))

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    link = section(response, "evidence-section").find("article").find("a")
    assert link["href"] == reverse("lms:evidence_file", args=[file.pk])
    assert text_of(link) == "deck <v2>.pdf"
    assert "<strong>short</strong>" in page  # the description's Markdown
    milestones = text_of(section(response, "milestones"))
    assert "Draft the slides" in milestones


def test_the_rubric_form_has_four_labelled_scores_per_criterion(scene):
    response = as_user(scene.mentor).get(url("review", scene.assignment.pk))

    form = section(response, "review-form")
    legends = [text_of(legend) for legend in form.find_all("legend")]
    assert legends == ["Insight", "Clarity"]
    for fieldset in form.find_all("fieldset"):
        radios = fieldset.find_all("input", type="radio")
        assert [r["value"] for r in radios] == ["1", "2", "3", "4"]
    assert_every_input_is_labelled(form)
    buttons = {b["value"]: text_of(b) for b in form.find_all("button")}
    assert buttons == {"approved": "Approve", "changes": "Request changes"}


def assert_every_input_is_labelled(form):
    for field in form.find_all(["input", "textarea", "select"]):
        if field.get("type") in ("hidden", "submit"):
            continue
        assert form.find("label", attrs={"for": field["id"]}), field


def review_data(scene, outcome, scores=(3, 4), comment=""):
    insight, clarity = scene.assignment.criteria.order_by("sort_order")
    data = {"outcome": outcome, "comment": comment}
    for criterion, score in zip((insight, clarity), scores, strict=True):
        if score is not None:
            data[f"score_{criterion.pk}"] = score
            data[f"comment_{criterion.pk}"] = f"On {criterion.criterion}"
    return data


def test_approving_through_the_form_records_the_ratings(scene):
    client = as_user(scene.mentor)

    response = client.post(
        url("review", scene.assignment.pk), review_data(scene, "approved")
    )

    assert response.status_code == 302
    assert response.url == url("queue")
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.REVIEWED
    verdict = Review.objects.get(assignment=scene.assignment)
    assert sorted(verdict.ratings.values_list("score", "comment")) == [
        (3, "On Insight"),
        (4, "On Clarity"),
    ]


def test_requesting_changes_through_the_form_sends_the_work_back(scene):
    data = review_data(scene, "changes", (2, None), "Add the client's numbers.")

    response = as_user(scene.mentor).post(url("review", scene.assignment.pk), data)

    assert response.status_code == 302
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.IN_PROGRESS
    verdict = Review.objects.get(assignment=scene.assignment)
    assert verdict.comment == "Add the client's numbers."
    assert verdict.ratings.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (("approved", (3, None), ""), "Rate every criterion before approving: Clarity"),
        (("changes", (None, None), ""), "what needs to change"),
        (("approved", (3, 7), ""), "Select a valid choice"),
        (("", (3, 4), ""), "Choose to approve or to request changes"),
    ],
)
def test_a_review_that_does_not_fit_the_rules_is_shown_again_with_the_reason(
    scene, data, message
):
    outcome_value, scores, comment = data

    response = as_user(scene.mentor).post(
        url("review", scene.assignment.pk),
        review_data(scene, outcome_value, scores, comment),
    )

    assert response.status_code == 200
    assert message in text_of(section(response, "review-form"))
    assert not Review.objects.exists()
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.SUBMITTED


def test_a_criterion_comment_without_a_score_asks_for_the_score(scene):
    insight = scene.assignment.criteria.order_by("sort_order").first()
    data = review_data(scene, "changes", (None, None), "Rework it.")
    data[f"comment_{insight.pk}"] = "Good start"

    response = as_user(scene.mentor).post(url("review", scene.assignment.pk), data)

    assert response.status_code == 200
    assert "Give a score to go with your comment." in text_of(
        section(response, f"criterion-{insight.pk}")
    )
    assert not Review.objects.exists()


def test_a_second_click_on_approve_is_refused_with_a_message(scene):
    client = as_user(scene.mentor)
    client.post(url("review", scene.assignment.pk), review_data(scene, "approved"))

    response = client.post(
        url("review", scene.assignment.pk), review_data(scene, "approved")
    )

    assert response.status_code == 200
    assert "cannot be approved" in text_of(section(response, "review-form"))
    assert Review.objects.count() == 1


def test_a_superuser_who_is_not_the_mentor_cannot_review(scene):
    client = as_user(make_user("root", is_superuser=True))

    response = client.post(
        url("review", scene.assignment.pk), review_data(scene, "approved")
    )

    assert response.status_code == 200
    assert "You may not do this" in text_of(section(response, "review-form"))
    assert not Review.objects.exists()


def test_previous_reviews_are_listed_with_their_ratings(scene):
    insight, clarity = scene.assignment.criteria.order_by("sort_order")
    review(
        scene.assignment,
        scene.mentor,
        Review.Outcome.CHANGES_REQUESTED,
        {clarity.pk: (2, "Too many slides"), insight.pk: (1, "")},
        "Cut <b>half</b>.",
    )

    response = as_user(scene.mentor).get(url("review", scene.assignment.pk))

    past = section(response, "past-reviews-section")
    assert "Changes requested" in text_of(past)
    assert "Cut <b>half</b>." in text_of(past)  # shown as text, not markup
    assert past.find("b") is None
    rows = [text_of(row) for row in past.find("tbody").find_all("tr")]
    assert rows == ["Insight 1", "Clarity 2 Too many slides"]
    assert "review-form" not in response.content.decode()  # nothing to review now
    assert "1.5 / 4" in text_of(section(response, "project-facts"))


# Signing off


@pytest.fixture
def approved(scene):
    review(
        scene.assignment,
        scene.mentor,
        Review.Outcome.APPROVED,
        rate_all(scene.assignment),
        "",
    )
    scene.assignment.refresh_from_db()
    return scene.assignment


def test_the_review_page_offers_the_sign_off_once_approved(scene, approved):
    response = as_user(scene.mentor).get(url("review", approved.pk))

    # A link to the confirmation page, not a one-click sign-off.
    link = section(response, "sign-off-link")
    assert link["href"] == url("complete", approved.pk)


def test_the_mentor_signs_off_an_approved_project(scene, approved):
    response = as_user(scene.mentor).post(url("complete", approved.pk))

    assert response.status_code == 302
    assert response.url == url("review", approved.pk)
    approved.refresh_from_db()
    assert approved.status == Status.COMPLETED
    assert approved.completed_at is not None


def test_the_cohorts_manager_signs_off_an_approved_project(scene, approved):
    client = as_user(scene.manager)

    confirm = client.get(url("complete", approved.pk))
    response = client.post(url("complete", approved.pk))

    assert "Yes, sign it off" in confirm.content.decode()
    assert response.status_code == 302
    assert response.url == url("complete", approved.pk)
    approved.refresh_from_db()
    assert approved.status == Status.COMPLETED


def test_signing_off_unapproved_work_is_refused_with_the_reason(scene):
    response = as_user(scene.manager).post(url("complete", scene.assignment.pk))

    assert response.status_code == 400
    assert "waiting for the mentor's review" in text_of(
        section(response, "complete-error")
    )
    scene.assignment.refresh_from_db()
    assert scene.assignment.status == Status.SUBMITTED


# The mentor's learners


def test_my_learners_are_the_ones_i_coach_with_their_note_counts(scene, note):
    scene.assign([scene.other_learner])  # coaching through a project alone counts

    response = as_user(scene.mentor).get(url("learners"))

    table = section(response, "learners-table")
    rows = [text_of(row) for row in table.find("tbody").find_all("tr")]
    assert len(rows) == 2
    assert rows[0].startswith("stretch-learner Autumn leaders 1")
    assert rows[1].startswith("stretch-other-learner Autumn leaders 0")
    assert "stretch-outsider" not in text_of(table)
    links = [a["href"] for a in table.find_all("a")]
    assert url("notes", scene.learner.pk) in links
    assert url("add_note", scene.other_learner.pk) in links


# Coaching notes


def test_notes_come_newest_first_and_only_the_authors_can_be_edited(scene, note):
    scene.assign(mentor=scene.other_mentor)  # the other mentor coaches them too
    later = create_note(
        scene.other_mentor,
        scene.learner,
        held_on=note.held_on + timedelta(days=1),
        will="Book a <em>shadow</em> shift.",
    )

    mentor_page = as_user(scene.mentor).get(url("notes", scene.learner.pk))
    manager_page = as_user(scene.manager).get(url("notes", scene.learner.pk))

    mentor_notes = soup(mentor_page).find_all("article", class_="lms-note")
    assert [n["id"] for n in mentor_notes] == [f"note-{note.pk}"]
    assert mentor_notes[0].find("a", href=url("edit_note", note.pk))
    manager_notes = soup(manager_page).find_all("article", class_="lms-note")
    assert [n["id"] for n in manager_notes] == [f"note-{later.pk}", f"note-{note.pk}"]
    assert not soup(manager_page).find("a", href=re.compile("/notes/\\d+/$"))
    assert "Book a <em>shadow</em> shift." in text_of(manager_notes[0])
    assert manager_notes[0].find("em") is None


def test_the_add_button_shows_for_the_coaching_mentor_only(scene, note):
    mentor_page = as_user(scene.mentor).get(url("notes", scene.learner.pk))
    manager_page = as_user(scene.manager).get(url("notes", scene.learner.pk))

    assert soup(mentor_page).find(id="add-note")["href"] == url(
        "add_note", scene.learner.pk
    )
    assert soup(manager_page).find(id="add-note") is None


def test_the_note_form_offers_the_grow_prompts_with_labelled_fields(scene):
    response = as_user(scene.mentor).get(url("add_note", scene.learner.pk))

    form = section(response, "note-form")
    labels = [text_of(label).rstrip(" *") for label in form.find_all("label")]
    assert labels == ["Conversation date", "Goal", "Reality", "Options", "Will"]
    assert "What are they doing well, and have you told them so?" in text_of(form)
    assert_every_input_is_labelled(form)
    assert form.find("select") is None  # one cohort: nothing to choose


def test_a_mentor_adds_a_note(scene):
    response = as_user(scene.mentor).post(
        url("add_note", scene.learner.pk),
        {"held_on": "2026-10-02", "goal": "Run the huddle", "will": "Try Monday"},
    )

    assert response.status_code == 302
    assert response.url == url("notes", scene.learner.pk)
    note = CoachingNote.objects.get()
    assert (note.mentor, note.learner, note.cohort) == (
        scene.mentor,
        scene.learner,
        scene.cohort,
    )
    assert note.held_on.isoformat() == "2026-10-02"
    assert (note.goal, note.reality, note.will) == ("Run the huddle", "", "Try Monday")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"held_on": "2026-10-02"}, "at least one of the four parts"),
        ({"held_on": "not a date", "goal": "x"}, "Enter a valid date"),
        ({"held_on": "2026-10-02", "goal": "x" * 5_001}, "at most 5000 characters"),
    ],
)
def test_a_note_that_does_not_fit_is_shown_again_with_the_reason(scene, data, message):
    response = as_user(scene.mentor).post(url("add_note", scene.learner.pk), data)

    assert response.status_code == 200
    assert message in text_of(section(response, "note-form"))
    assert not CoachingNote.objects.exists()


def test_coaching_in_two_cohorts_the_form_asks_which(scene):
    scene.coach_elsewhere()
    client = as_user(scene.mentor)

    form = section(client.get(url("add_note", scene.learner.pk)), "note-form")
    response = client.post(
        url("add_note", scene.learner.pk),
        {"cohort": scene.cohort.pk, "held_on": "2026-10-02", "goal": "Plan"},
    )

    options = [o.get_text() for o in form.find("select").find_all("option")]
    assert options == ["Autumn leaders", "Winter leaders"]
    assert response.status_code == 302
    assert CoachingNote.objects.get().cohort == scene.cohort


def test_a_forged_cohort_is_refused(scene):
    scene.coach_elsewhere()

    response = as_user(scene.mentor).post(
        url("add_note", scene.learner.pk),
        {"cohort": scene.other_cohort.pk, "held_on": "2026-10-02", "goal": "Plan"},
    )

    assert response.status_code == 200
    assert not CoachingNote.objects.exists()


def test_the_author_edits_a_note(scene, note):
    client = as_user(scene.mentor)

    form = section(client.get(url("edit_note", note.pk)), "note-form")
    response = client.post(
        url("edit_note", note.pk),
        {"held_on": "2026-10-03", "goal": "Own the huddle.", "will": "Ask for help"},
    )

    assert form.find("textarea", attrs={"name": "reality"}).get_text().strip() == SECRET
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.reality, note.will) == ("", "Ask for help")
    assert note.held_on.isoformat() == "2026-10-03"


def test_an_edit_that_empties_the_note_keeps_it_as_it_was(scene, note):
    response = as_user(scene.mentor).post(
        url("edit_note", note.pk), {"held_on": "2026-10-03"}
    )

    assert response.status_code == 200
    assert "at least one of the four parts" in text_of(section(response, "note-form"))
    note.refresh_from_db()
    assert note.reality == SECRET


def test_the_managers_learner_page_links_to_the_coaching_notes(scene):
    enrolment = scene.learner.enrolments.get(cohort=scene.cohort)
    page = as_user(scene.manager).get(
        reverse("lms_cohorts:learner", args=[scene.cohort.pk, enrolment.pk])
    )

    notes = reverse("lms_mentoring:notes", args=[scene.learner.pk])
    assert soup(page).find("a", href=notes) is not None
