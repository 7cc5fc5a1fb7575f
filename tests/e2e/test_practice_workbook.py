"""An enrolled learner on a phone downloads a module's Excel workbook, does
the tasks, uploads it back and sees each task checked."""

import openpyxl
import pytest
from playwright.sync_api import expect

from lms.models import CompetencyMastery
from lms.practice import workbooks
from tests.builders.cohorts import enrol_in
from tests.builders.pages import make_course, make_learning_module
from tests.builders.people import make_learner
from tests.e2e.test_learner_flow import Learning, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
KEY = "lookups"


@pytest.fixture
def learning(live_server):
    module = make_learning_module(parent=make_course(), workbook=KEY)
    enrol_in(make_learner("learner"), module)
    return Learning(live_server.url, live_server.url + module.url, "", "", "")


def test_download_do_the_tasks_upload_and_see_each_checked(phone, learning, tmp_path):
    sign_in(phone, learning, learning.module_url.removeprefix(learning.server))
    with phone.expect_download() as downloading:
        phone.get_by_role("link", name="Download the workbook (.xlsx)").click()
    download = downloading.value
    assert download.suggested_filename == f"{KEY}.xlsx"

    with open(download.path(), "rb") as saved:
        book = openpyxl.load_workbook(saved)
    sheet, key = book["Tasks"], workbooks.answer_key(KEY)
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row, 1).value or ""
        if label in ("Task 1", "Task 2", "Task 3"):
            number = int(label[5:])
            right = key[f"task-{number}"]
            sheet.cell(row, 3).value = right if number != 3 else f"{right}x"
    done = tmp_path / "mine.xlsx"
    book.save(done)

    panel = phone.locator("#practice")
    panel.get_by_label("Your completed workbook (.xlsx)").set_input_files(done)
    panel.get_by_role("button", name="Check my answers").click()

    expect(phone.get_by_role("heading", name="2 of 4 tasks right")).to_be_visible()
    expect(phone.get_by_text("Task 3: ✗ not yet")).to_be_visible()
    # Applied in-process: the three tasks answered count for the competency.
    mastery = CompetencyMastery.objects.get()
    assert (mastery.answered, mastery.correct) == (3, 2)
