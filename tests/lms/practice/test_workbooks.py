"""Practice workbooks: downloaded from the module, uploaded back and checked per task."""

import io
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.models import (
    CompetencyMastery,
    ModuleProgress,
    ProgressEvent,
    WorkbookAttempt,
)
from lms.practice import workbooks
from lms.practice.checker import matches
from lms.progress.rollup import apply_events, unapplied_event_ids
from tests.builders.cohorts import enrolled_learner
from tests.builders.pages import make_mixed_quiz_module
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db
KEY = "lookups"


@pytest.fixture
def module():
    return make_mixed_quiz_module(workbook=KEY, practice_minutes=15)


def filled(answers):
    """The downloaded workbook with the answers written in the Tasks sheet."""
    book = openpyxl.load_workbook(io.BytesIO(workbooks.workbook_bytes(KEY)))
    sheet = book["Tasks"]
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row, 1).value or ""
        if label.startswith("Task "):
            sheet.cell(row, 3).value = answers.get(int(label[5:]))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("mine.xlsx", out.getvalue())


def upload(client, module, file):
    return client.post(reverse("lms:practice_check", args=[module.pk]), {"file": file})


def test_the_module_page_offers_the_workbook(client, module):
    client.force_login(enrolled_learner(module))

    page = client.get(module.url).content.decode()

    assert reverse("lms:practice_download", args=[module.pk]) in page
    assert reverse("lms:practice_check", args=[module.pk]) in page


def test_the_course_page_links_the_workbook(client, module):
    client.force_login(enrolled_learner(module))

    page = client.get(module.get_parent().url).content.decode()

    assert reverse("lms:practice_download", args=[module.pk]) in page


def test_the_download_is_an_attachment_with_empty_answers(client, module):
    client.force_login(make_learner())

    response = client.get(reverse("lms:practice_download", args=[module.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="{KEY}.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    answers = [row[2] for row in book["Tasks"].iter_rows(min_row=2, values_only=True)]
    assert set(answers) == {None}
    key = workbooks.answer_key(KEY)
    assert str(key["task-3"]).encode() not in response.content  # no key in the file


def test_right_answers_are_all_right(client, module):
    learner = enrolled_learner(module)
    client.force_login(learner)
    key = workbooks.answer_key(KEY)

    response = upload(
        client, module, filled({n: key[f"task-{n}"] for n in range(1, 5)})
    )

    assert response.status_code == 302
    attempt = WorkbookAttempt.objects.get(user=learner)
    assert (attempt.right, attempt.tasks) == (4, 4)


def test_each_task_gets_its_own_feedback(client, module):
    client.force_login(enrolled_learner(module))
    key = workbooks.answer_key(KEY)

    upload(client, module, filled({1: key["task-1"], 2: key["task-2"] + 1}))
    page = client.get(reverse("lms:practice", args=[module.pk])).content.decode()

    assert "1 of 4 tasks right" in page
    assert "Task 1: ✓ right" in page and "Task 2: ✗ not yet" in page
    assert "No answer found" in page  # tasks 3 and 4 left blank
    assert f"{key['task-3']}" not in page  # the expected answer is never shown


def test_a_formula_without_a_saved_result_is_explained(client, module):
    client.force_login(enrolled_learner(module))

    upload(client, module, filled({1: "=COUNTIF(A:A, 1)"}))

    attempt = WorkbookAttempt.objects.get()
    assert attempt.results[0]["correct"] is False


@pytest.mark.parametrize(
    ("given", "expected", "right"),
    [
        (77.3, 77.3, True),
        (77.34, 77.3, True),
        (77.36, 77.3, False),
        ("79%", 0.79, True),
        (79, 0.79, True),
        (0.79, 0.79, True),
        ("1,066", 1066, True),
        (1067, 1066, False),
        ("about 19", 19, False),
        (True, 1, False),
    ],
)
def test_answers_match_within_their_written_precision(given, expected, right):
    assert matches(given, expected) is right


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not a workbook", b"", b"PK\x03\x04broken zip"],
)
def test_a_file_that_is_not_a_workbook_is_refused_clearly(client, module, content):
    client.force_login(enrolled_learner(module))

    response = upload(client, module, SimpleUploadedFile("mine.xlsx", content))

    assert response.status_code == 400
    assert not WorkbookAttempt.objects.exists()


def test_a_zip_without_a_workbook_is_refused(client, module):
    client.force_login(enrolled_learner(module))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    response = upload(client, module, SimpleUploadedFile("mine.xlsx", out.getvalue()))

    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


def test_only_an_enrolled_learner_is_checked(client, module):
    client.force_login(make_learner())

    response = upload(client, module, filled({}))

    assert response.status_code == 403
    assert not WorkbookAttempt.objects.exists()


def test_a_module_without_a_workbook_has_no_practice_page(client, db):
    plain = make_mixed_quiz_module()
    client.force_login(make_learner())

    assert client.get(reverse("lms:practice", args=[plain.pk])).status_code == 404


# Workbook tasks as evidence for the module's competencies


def apply_waiting():
    """What the hand-off does after the request: apply the events it stored."""
    return apply_events(unapplied_event_ids(older_than=timedelta(0)))


def mastery_of(learner, module):
    competency = module.competencies.get()
    row = CompetencyMastery.objects.get(user=learner, competency=competency)
    return row.answered, row.correct


def test_each_task_checked_counts_towards_the_modules_competency(client, module):
    learner = enrolled_learner(module)
    client.force_login(learner)
    key = workbooks.answer_key(KEY)

    upload(client, module, filled({1: key["task-1"], 2: key["task-2"] + 1}))
    applied = apply_waiting()

    # Tasks 3 and 4 were left blank: not attempted, so not counted.
    assert applied == 2
    assert mastery_of(learner, module) == (2, 1)
    kinds = set(ProgressEvent.objects.values_list("kind", "block_id"))
    assert kinds == {("workbook_task", "task-1"), ("workbook_task", "task-2")}


def test_the_first_check_of_a_task_is_the_one_that_counts(client, module):
    learner = enrolled_learner(module)
    client.force_login(learner)
    key = workbooks.answer_key(KEY)
    upload(client, module, filled({1: key["task-1"], 2: key["task-2"] + 1}))
    apply_waiting()

    upload(client, module, filled({n: key[f"task-{n}"] for n in range(1, 5)}))
    apply_waiting()

    # Task 2 was wrong when first checked; tasks 3 and 4 are new.
    assert mastery_of(learner, module) == (4, 3)
    assert WorkbookAttempt.objects.filter(user=learner).count() == 2
    assert ProgressEvent.objects.filter(user=learner).count() == 4


def test_a_checked_task_does_not_change_the_modules_score(client, module):
    learner = enrolled_learner(module)
    client.force_login(learner)
    key = workbooks.answer_key(KEY)

    upload(client, module, filled({n: key[f"task-{n}"] for n in range(1, 5)}))
    apply_waiting()

    progress = ModuleProgress.objects.get(user=learner, module=module)
    assert (progress.questions_answered, progress.best_score) == (0, 0)
