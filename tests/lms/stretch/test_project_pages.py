"""The learner's stretch-project pages, evidence uploads and the guarded file download."""

from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.views import redirect_to_login
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.models import (
    AssignmentMilestone,
    CriterionRating,
    Evidence,
    EvidenceFile,
    Review,
    StretchAssignment,
)
from lms.stretch import uploads
from lms.stretch.states import transition
from lms.stretch.storage import PrivateStorage
from lms.stretch.work import add_evidence
from tests.builders.people import make_user
from tests.builders.stretch import make_stretch_scene
from tests.builders.uploads import HTML, PDF, image, upload

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
OTHERS = (
    "other_learner",
    "outsider",
    "mentor",
    "other_mentor",
    "manager",
    "other_manager",
)
EVERYONE = ("learner", *OTHERS)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Evidence files land in a fresh folder per test."""
    settings.LMS_PRIVATE_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def scene():
    return make_stretch_scene()


@pytest.fixture
def assignment(scene):
    return scene.assignment


@pytest.fixture
def as_learner(client, scene):
    client.force_login(scene.learner)
    return client


def url(name, *args):
    return reverse(f"lms:{name}", args=args)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown_messages(response):
    return [li.get_text(strip=True) for li in soup(response).select(".messages li")]


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def status_of(assignment):
    return StretchAssignment.objects.get(pk=assignment.pk).status


def put_in(assignment, status):
    StretchAssignment.objects.filter(pk=assignment.pk).update(status=status)
    assignment.refresh_from_db()


def due_in(assignment, days):
    """Move the project so it is due `days` from today (negative: in the past)."""
    due = timezone.localdate() + timedelta(days=days)
    StretchAssignment.objects.filter(pk=assignment.pk).update(
        start_date=due - timedelta(days=28), due_date=due
    )
    assignment.refresh_from_db()


def first_milestone(assignment):
    return assignment.milestones.order_by("sort_order").first()


def evidence_with_file(assignment, name="report.pdf", data=PDF):
    """Evidence saved through the service, as the learner's upload would be."""
    checked = uploads.check_uploads([upload(name, data)])
    evidence = add_evidence(assignment, assignment.learner, "Slides attached.", checked)
    return evidence.files.get()


def login_redirect(path):
    return redirect_to_login(path).url


# The list of my projects


def test_the_list_shows_each_of_my_projects_with_its_facts(as_learner, assignment):
    due_in(assignment, 10)

    page = soup(as_learner.get(url("projects")))

    card = page.select_one(".project")
    assert card.select_one("h2 a")["href"] == url("project", assignment.pk)
    assert card.select_one("h2").get_text(strip=True) == assignment.title
    text = card.get_text(" ", strip=True)
    assert "Assigned" in text
    assert "stretch-mentor" in text
    assert assignment.due_date.strftime("%-d %b %Y") in text
    assert card.select_one(".milestone-count").get_text() == "0 of 3 milestones done"
    assert card.select_one(".overdue") is None


def test_the_list_links_to_the_private_calendar(as_learner, assignment):
    page = soup(as_learner.get(url("projects")))

    assert page.find("a", href=reverse("lms:calendar")) is not None


def test_the_list_counts_ticked_milestones(as_learner, assignment):
    AssignmentMilestone.objects.filter(pk=first_milestone(assignment).pk).update(
        done_at=timezone.now()
    )

    page = soup(as_learner.get(url("projects")))

    assert page.select_one(".milestone-count").get_text() == "1 of 3 milestones done"


def test_an_open_project_past_its_due_date_is_badged_overdue(as_learner, assignment):
    due_in(assignment, -1)

    page = soup(as_learner.get(url("projects")))

    assert page.select_one(".project .overdue").get_text() == "Overdue"


def test_work_handed_in_is_not_overdue(as_learner, assignment):
    due_in(assignment, -1)
    put_in(assignment, Status.SUBMITTED)

    page = soup(as_learner.get(url("projects")))

    assert page.select_one(".project .overdue") is None


def test_the_list_shows_none_of_other_peoples_projects(client, scene):
    scene.assign([scene.other_learner])
    client.force_login(scene.learner)

    page = soup(client.get(url("projects")))

    assert len(page.select(".project")) == 1


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_else_sees_my_project_in_their_list(client, scene, who):
    client.force_login(scene.people()[who])

    response = client.get(url("projects"))

    assert response.status_code == 200
    assert soup(response).select(".project") == []
    assert "No stretch projects yet" in response.content.decode()


def test_the_navigation_links_to_my_projects(as_learner):
    page = soup(as_learner.get(url("projects")))

    assert page.select_one(f'.site-nav a[href="{url("projects")}"]').get_text() == (
        "Projects"
    )


# The project page


def test_the_project_page_shows_the_brief_and_milestones(as_learner, assignment):
    page = soup(as_learner.get(url("project", assignment.pk)))

    assert page.h1.get_text() == assignment.title
    assert assignment.purpose in page.get_text()
    assert page.select_one(".description strong").get_text() == "short"
    titles = [h.get_text() for h in page.select(".milestones h3")]
    assert titles == [m.title for m in assignment.milestones.all()]


def test_the_description_is_sanitised_markdown(as_learner, assignment):
    StretchAssignment.objects.filter(pk=assignment.pk).update(
        description="**Bold** <script>alert(1)</script> <img src=x onerror=alert(2)>"
    )

    page = soup(as_learner.get(url("project", assignment.pk)))

    description = page.select_one(".description")
    assert description.select_one("strong").get_text() == "Bold"
    assert description.select("script, img") == []


def test_an_assigned_project_offers_start_but_not_submit(as_learner, assignment):
    page = soup(as_learner.get(url("project", assignment.pk)))

    actions = {form["action"] for form in page.select("form")}
    assert url("project_start", assignment.pk) in actions
    assert url("project_submit", assignment.pk) not in actions
    assert url("project_evidence", assignment.pk) in actions


def test_every_form_posts_with_a_csrf_token(as_learner, assignment):
    put_in(assignment, Status.IN_PROGRESS)

    forms = soup(as_learner.get(url("project", assignment.pk))).select("form")

    assert len(forms) >= 5
    for form in forms:
        assert form["method"] == "post"
        assert form.select_one('input[name="csrfmiddlewaretoken"]')


def test_the_evidence_form_takes_several_labelled_files(as_learner, assignment):
    page = soup(as_learner.get(url("project", assignment.pk)))

    form = page.select_one(f'form[action="{url("project_evidence", assignment.pk)}"]')
    assert form["enctype"] == "multipart/form-data"
    files = form.select_one('input[type="file"]')
    assert files.has_attr("multiple")
    assert form.select_one(f'label[for="{files["id"]}"]')
    text = form.select_one("textarea")
    assert form.select_one(f'label[for="{text["id"]}"]')


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.REVIEWED, Status.COMPLETED]
)
def test_handed_in_work_shows_no_forms_to_change_it(as_learner, assignment, status):
    put_in(assignment, status)

    page = soup(as_learner.get(url("project", assignment.pk)))

    assert page.select("main form") == []


def test_evidence_text_is_shown_escaped_with_its_line_breaks(as_learner, assignment):
    Evidence.objects.create(
        assignment=assignment, text="<b>Ran</b> the huddle\nthen <script>x</script>"
    )

    page = soup(as_learner.get(url("project", assignment.pk)))

    card = page.select_one(".evidence .card")
    assert card.select("b, script") == []
    assert card.select("br")
    assert "<b>Ran</b> the huddle" in card.get_text()


def test_evidence_files_are_listed_with_their_download_link(as_learner, assignment):
    row = evidence_with_file(assignment)

    page = soup(as_learner.get(url("project", assignment.pk)))

    link = page.select_one(".evidence .files a")
    assert link["href"] == url("evidence_file", row.pk)
    assert link.get_text() == "report.pdf"


def test_no_reviews_section_before_a_review(as_learner, assignment):
    page = soup(as_learner.get(url("project", assignment.pk)))

    assert page.select_one("#reviews-heading") is None


def test_reviews_show_outcome_comment_and_ratings(as_learner, scene, assignment):
    review = Review.objects.create(
        assignment=assignment,
        mentor=scene.mentor,
        outcome=Review.Outcome.CHANGES_REQUESTED,
        comment="Good start.\nAdd the client's goals.",
    )
    insight, clarity = assignment.criteria.all()
    CriterionRating.objects.create(
        review=review, criterion=insight, score=3, comment="Clear link."
    )
    CriterionRating.objects.create(review=review, criterion=clarity, score=2)

    page = soup(as_learner.get(url("project", assignment.pk)))

    card = page.select_one(".reviews .review")
    assert card.h3.get_text() == "Changes requested"
    assert "Add the client's goals." in card.get_text()
    assert [dt.get_text() for dt in card.select(".ratings dt")] == [
        "Insight",
        "Clarity",
    ]
    assert [dd.get_text(" ", strip=True) for dd in card.select(".ratings dd")] == [
        "3 out of 4 : Clear link.",
        "2 out of 4",
    ]


# Starting


def test_starting_moves_the_project_in_progress(as_learner, assignment):
    response = as_learner.post(url("project_start", assignment.pk), follow=True)

    assert response.redirect_chain == [(url("project", assignment.pk), 302)]
    assert status_of(assignment) == Status.IN_PROGRESS
    assert shown_messages(response) == ["Project started. Good luck!"]


def test_starting_twice_is_refused_with_a_message(as_learner, assignment):
    as_learner.post(url("project_start", assignment.pk), follow=True)

    response = as_learner.post(url("project_start", assignment.pk))

    assert response.status_code == 409
    assert shown_messages(response) == [
        "This project is in progress, so it cannot be started: "
        "it has to be submitted first."
    ]


# Milestones


def test_ticking_a_milestone_starts_an_assigned_project(as_learner, assignment):
    milestone = first_milestone(assignment)

    response = as_learner.post(
        url("project_milestone", assignment.pk, milestone.pk), {"done": "1"}
    )

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done
    assert status_of(assignment) == Status.IN_PROGRESS


def test_unticking_a_milestone(as_learner, assignment):
    milestone = first_milestone(assignment)
    target = url("project_milestone", assignment.pk, milestone.pk)
    as_learner.post(target, {"done": "1"})

    as_learner.post(target, {"done": "0"})

    milestone.refresh_from_db()
    assert not milestone.done


def test_ticking_twice_leaves_it_ticked_once(as_learner, assignment):
    milestone = first_milestone(assignment)
    target = url("project_milestone", assignment.pk, milestone.pk)
    as_learner.post(target, {"done": "1"})
    milestone.refresh_from_db()
    first_tick = milestone.done_at

    as_learner.post(target, {"done": "1"})

    milestone.refresh_from_db()
    assert milestone.done_at == first_tick


def test_a_post_without_a_value_flips_the_milestone(as_learner, assignment):
    milestone = first_milestone(assignment)
    target = url("project_milestone", assignment.pk, milestone.pk)

    as_learner.post(target)
    milestone.refresh_from_db()
    ticked = milestone.done
    as_learner.post(target)
    milestone.refresh_from_db()

    assert (ticked, milestone.done) == (True, False)


def test_a_milestone_of_another_project_is_not_found(as_learner, scene, assignment):
    theirs = first_milestone(scene.assign([scene.other_learner])[0])

    response = as_learner.post(
        url("project_milestone", assignment.pk, theirs.pk), {"done": "1"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.done
    assert status_of(assignment) == Status.ASSIGNED


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.REVIEWED, Status.COMPLETED]
)
def test_milestones_are_locked_once_handed_in(as_learner, assignment, status):
    put_in(assignment, status)
    milestone = first_milestone(assignment)

    response = as_learner.post(
        url("project_milestone", assignment.pk, milestone.pk), {"done": "1"}
    )

    assert response.status_code == 409
    [message] = shown_messages(response)
    assert "so its milestones and evidence cannot change" in message
    milestone.refresh_from_db()
    assert not milestone.done
    assert status_of(assignment) == status


# Evidence


def test_text_evidence_is_saved_and_starts_the_project(as_learner, assignment):
    response = as_learner.post(
        url("project_evidence", assignment.pk), {"text": "Ran the huddle."}, follow=True
    )

    assert shown_messages(response) == ["Evidence added."]
    assert list(assignment.evidence.values_list("text", flat=True)) == [
        "Ran the huddle."
    ]
    assert status_of(assignment) == Status.IN_PROGRESS


def test_files_are_saved_with_their_detected_type(as_learner, assignment, private_root):
    as_learner.post(
        url("project_evidence", assignment.pk),
        {
            "text": "Deck and photo.",
            "files": [
                upload("deck.pdf", PDF),
                upload("board.txt", image(), "text/plain"),
            ],
        },
    )

    rows = EvidenceFile.objects.filter(evidence__assignment=assignment).order_by("pk")
    assert [(r.original_name, r.content_type, r.size) for r in rows] == [
        ("deck.pdf", uploads.PDF, len(PDF)),
        ("board.txt", uploads.PNG, len(image())),
    ]
    assert len(stored_files(private_root)) == 2
    for row in rows:
        assert "deck" not in row.file.name and "board" not in row.file.name


def test_a_path_traversal_name_is_reduced_to_its_last_part(
    as_learner, assignment, private_root
):
    as_learner.post(
        url("project_evidence", assignment.pk),
        {"files": [upload("../../../etc/passwd", PDF)]},
    )

    row = EvidenceFile.objects.get(evidence__assignment=assignment)
    assert row.original_name == "passwd"
    [stored] = stored_files(private_root)
    assert stored.is_relative_to(private_root / "evidence")
    assert stored.name != "passwd"


def test_one_bad_file_saves_nothing_at_all(as_learner, assignment, private_root):
    response = as_learner.post(
        url("project_evidence", assignment.pk),
        {
            "text": "Two files.",
            "files": [upload("deck.pdf", PDF), upload("report.pdf", HTML)],
        },
    )

    assert response.status_code == 400
    assert "report.pdf is not a PDF, Office document or image." in (
        response.content.decode()
    )
    assert not Evidence.objects.filter(assignment=assignment).exists()
    assert stored_files(private_root) == []
    assert status_of(assignment) == Status.ASSIGNED


def test_a_file_too_large_is_refused(as_learner, assignment, settings, private_root):
    settings.LMS_EVIDENCE_MAX_BYTES = 100

    response = as_learner.post(
        url("project_evidence", assignment.pk),
        {"files": [upload("big.pdf", PDF.ljust(101, b" "))]},
    )

    assert response.status_code == 400
    assert "big.pdf is 101\xa0bytes; files can be at most 100\xa0bytes." in (
        response.content.decode()
    )
    assert stored_files(private_root) == []


def test_too_many_files_are_refused(as_learner, assignment, settings, private_root):
    settings.LMS_EVIDENCE_MAX_FILES = 2

    response = as_learner.post(
        url("project_evidence", assignment.pk),
        {"files": [upload(f"{n}.pdf") for n in range(3)]},
    )

    assert response.status_code == 400
    assert "Attach at most 2 files at a time; you chose 3." in response.content.decode()
    assert not Evidence.objects.exists()


def test_empty_evidence_is_refused(as_learner, assignment):
    response = as_learner.post(url("project_evidence", assignment.pk), {"text": "  "})

    assert response.status_code == 400
    assert "Write something or attach a file." in response.content.decode()
    assert not Evidence.objects.exists()


def test_text_over_the_limit_is_refused(as_learner, assignment):
    response = as_learner.post(
        url("project_evidence", assignment.pk), {"text": "x" * 20_001}
    )

    assert response.status_code == 400
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.REVIEWED, Status.COMPLETED]
)
def test_evidence_is_locked_once_handed_in(
    as_learner, assignment, status, private_root
):
    put_in(assignment, status)

    response = as_learner.post(
        url("project_evidence", assignment.pk),
        {"text": "One more thing.", "files": [upload()]},
    )

    assert response.status_code == 409
    assert shown_messages(response) == [
        "This project has been handed in, so evidence cannot be added now."
    ]
    assert not Evidence.objects.exists()
    assert stored_files(private_root) == []


def test_evidence_can_be_added_again_after_changes_are_requested(
    as_learner, scene, assignment
):
    put_in(assignment, Status.SUBMITTED)
    transition(assignment, "request_changes", scene.mentor)

    response = as_learner.post(
        url("project_evidence", assignment.pk), {"text": "Added the client's goals."}
    )

    assert response.status_code == 302
    assert assignment.evidence.count() == 1


def test_a_storage_failure_part_way_leaves_no_rows_and_no_files(
    scene, assignment, private_root
):
    checked = uploads.check_uploads([upload("a.pdf"), upload("b.pdf")])
    real_save = PrivateStorage._save
    calls = []

    def fail_second(storage, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(storage, name, content)

    with (
        mock.patch.object(PrivateStorage, "_save", fail_second),
        pytest.raises(OSError, match="disk full"),
    ):
        add_evidence(assignment, scene.learner, "Both files.", checked)

    assert len(calls) == 2
    assert not Evidence.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert stored_files(private_root) == []
    assert status_of(assignment) == Status.ASSIGNED


# Submitting


def test_submitting_without_evidence_is_refused(as_learner, assignment):
    put_in(assignment, Status.IN_PROGRESS)

    response = as_learner.post(url("project_submit", assignment.pk))

    assert response.status_code == 409
    assert shown_messages(response) == ["Add some evidence before submitting."]
    assert status_of(assignment) == Status.IN_PROGRESS


def test_submitting_an_assigned_project_says_to_start_it(as_learner, assignment):
    response = as_learner.post(url("project_submit", assignment.pk))

    assert response.status_code == 409
    assert shown_messages(response) == [
        "This project is assigned, so it cannot be submitted: start it first."
    ]


def test_submitting_with_evidence_hands_it_in(as_learner, assignment):
    as_learner.post(
        url("project_evidence", assignment.pk), {"text": "Done."}, follow=True
    )

    response = as_learner.post(url("project_submit", assignment.pk), follow=True)

    assert shown_messages(response) == ["Submitted. Your mentor will review it."]
    stored = StretchAssignment.objects.get(pk=assignment.pk)
    assert stored.status == Status.SUBMITTED
    assert stored.submitted_at is not None


def test_submitting_twice_is_refused(as_learner, assignment):
    as_learner.post(
        url("project_evidence", assignment.pk), {"text": "Done."}, follow=True
    )
    as_learner.post(url("project_submit", assignment.pk), follow=True)

    response = as_learner.post(url("project_submit", assignment.pk))

    assert response.status_code == 409
    assert shown_messages(response) == [
        "This project is submitted, so it cannot be submitted: "
        "it is waiting for the mentor's review."
    ]


# Who may use the project pages


ACTIONS = {
    "project_start": lambda a: (a.pk,),
    "project_milestone": lambda a: (a.pk, first_milestone(a).pk),
    "project_evidence": lambda a: (a.pk,),
    "project_submit": lambda a: (a.pk,),
}


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_else_finds_my_project_page(client, scene, assignment, who):
    client.force_login(scene.people()[who])

    assert client.get(url("project", assignment.pk)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, assignment):
    target = url("project", assignment.pk)

    response = client.get(target)

    assert response.status_code == 302
    assert response.url == login_redirect(target)


def test_a_superuser_does_not_use_the_learners_page(client, assignment):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))

    assert client.get(url("project", assignment.pk)).status_code == 404


def test_a_project_that_does_not_exist_is_not_found(as_learner):
    assert as_learner.get(url("project", 999_999)).status_code == 404


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("who", OTHERS)
def test_nobody_else_can_act_on_my_project(
    client, scene, assignment, private_root, action, who
):
    put_in(assignment, Status.IN_PROGRESS)
    Evidence.objects.create(assignment=assignment, text="Mine.")
    client.force_login(scene.people()[who])

    response = client.post(
        url(action, *ACTIONS[action](assignment)),
        {"done": "1", "text": "Theirs.", "files": [upload()]},
    )

    assert response.status_code == 404
    assert status_of(assignment) == Status.IN_PROGRESS
    assert list(assignment.evidence.values_list("text", flat=True)) == ["Mine."]
    assert not assignment.milestones.filter(done_at__isnull=False).exists()
    assert stored_files(private_root) == []


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_anonymous_visitor_cannot_act(client, assignment, action):
    target = url(action, *ACTIONS[action](assignment))

    response = client.post(target, {"done": "1", "text": "Anon."})

    assert response.status_code == 302
    assert response.url == login_redirect(target)
    assert status_of(assignment) == Status.ASSIGNED
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions_only_accept_posts(as_learner, assignment, action):
    response = as_learner.get(url(action, *ACTIONS[action](assignment)))

    assert response.status_code == 405
    assert status_of(assignment) == Status.ASSIGNED


@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions_need_the_csrf_token(scene, assignment, action):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scene.learner)

    response = client.post(url(action, *ACTIONS[action](assignment)), {"done": "1"})

    assert response.status_code == 403
    assert status_of(assignment) == Status.ASSIGNED


def test_the_list_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get(url("projects"))

    assert response.url == login_redirect(url("projects"))


# Downloading evidence files


ALLOWED_DOWNLOADERS = {"learner", "mentor", "manager"}


@pytest.mark.parametrize("who", EVERYONE)
def test_files_are_served_to_the_learner_mentor_and_manager_only(
    client, scene, assignment, who
):
    row = evidence_with_file(assignment)
    client.force_login(scene.people()[who])

    response = client.get(url("evidence_file", row.pk))

    if who in ALLOWED_DOWNLOADERS:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    else:
        assert response.status_code == 404


def test_a_superuser_may_download(client, assignment):
    row = evidence_with_file(assignment)
    client.force_login(make_user("root", is_superuser=True, is_staff=True))

    assert client.get(url("evidence_file", row.pk)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in_before_a_download(client, assignment):
    row = evidence_with_file(assignment)
    target = url("evidence_file", row.pk)

    response = client.get(target)

    assert response.status_code == 302
    assert response.url == login_redirect(target)


def test_the_download_is_an_attachment_of_the_detected_type(as_learner, assignment):
    row = evidence_with_file(assignment)

    response = as_learner.get(url("evidence_file", row.pk))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_download_takes_the_extension_of_its_content(as_learner, assignment):
    row = evidence_with_file(assignment, name="invoice.exe", data=image("JPEG"))

    response = as_learner.get(url("evidence_file", row.pk))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="invoice.jpg"'


def test_a_file_missing_from_disk_is_not_found(as_learner, assignment, private_root):
    row = evidence_with_file(assignment)
    (private_root / row.file.name).unlink()

    assert as_learner.get(url("evidence_file", row.pk)).status_code == 404


def test_a_file_that_does_not_exist_is_not_found(as_learner):
    assert as_learner.get(url("evidence_file", 999_999)).status_code == 404
