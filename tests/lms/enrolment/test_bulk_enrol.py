"""Bulk enrolment: uploads are read by content, checked first and applied all-or-nothing."""

import io
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.enrolment.bulk import (
    TEMPLATE_COLUMNS,
    Outcome,
    RowIn,
    UploadInvalid,
    UploadRejected,
    apply_plan,
    plan_enrolment,
    read_rows,
    template_csv,
    template_xlsx,
)
from lms.enrolment.services import enrol
from lms.models import Cohort, Enrolment
from lms.roles import LEARNERS
from tests.builders.cohorts import make_cohort
from tests.builders.people import make_learner, make_mentor
from tests.builders.uploads import csv_file, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ",".join(TEMPLATE_COLUMNS)
MENTOR = "jordan.lee@example.com"


def upload(cohort, file, by=None):
    """Read, plan and apply, as the admin view does."""
    return apply_plan(cohort, plan_enrolment(cohort, read_rows(file)), by)


def database_state():
    return (
        get_user_model().objects.count(),
        Enrolment.objects.count(),
        Cohort.mentors.through.objects.count(),
    )


@pytest.fixture
def cohort():
    return make_cohort(name="Spring leaders")


@pytest.fixture
def manager():
    return make_learner(username="manager", email="manager@example.com")


def assert_refused(cohort, file, message, manager=None):
    """The upload fails with `message` in the error and writes nothing."""
    before = database_state()
    with pytest.raises((UploadInvalid, UploadRejected)) as error:
        upload(cohort, file, manager)
    text = str(error.value)
    if isinstance(error.value, UploadRejected):
        text = " ".join(row.detail for row in error.value.plan.rejected)
    assert message in text
    assert database_state() == before
    return error.value


# Success


def test_csv_upload_creates_accounts_and_enrolments(cohort, manager):
    mentor = make_mentor(email=MENTOR)
    file = csv_file(
        HEADER,
        f"ann.lee@example.com,Ann,Lee,Inbound,Leeds,{MENTOR}",
        "bo.chan@example.com,Bo,Chan,Outbound,York,",
    )

    report = upload(cohort, file, manager)

    assert report.counts == {
        "create": 2,
        "enrol": 0,
        "attach": 0,
        "skip": 0,
        "reject": 0,
    }
    ann = Enrolment.objects.get(user__email="ann.lee@example.com")
    assert (ann.cohort, ann.programme_id, ann.mentor) == (
        cohort,
        cohort.programme_id,
        mentor,
    )
    assert (ann.team, ann.site) == ("Inbound", "Leeds")
    assert (ann.source, ann.enrolled_by) == (Enrolment.Source.MANAGER, manager)
    assert (ann.user.first_name, ann.user.last_name) == ("Ann", "Lee")
    assert Enrolment.objects.get(user__email="bo.chan@example.com").mentor is None
    assert list(cohort.mentors.all()) == [mentor]


def test_xlsx_upload_creates_accounts_and_enrolments(cohort, manager):
    mentor = make_mentor(email=MENTOR)
    file = xlsx_file(
        [
            ["Email", "First name", "Last name", "Team", "Site", "Mentor email"],
            ["ann.lee@example.com", "Ann", "Lee", "Inbound", "Leeds", MENTOR],
        ]
    )

    report = upload(cohort, file, manager)

    assert report.counts["create"] == 1
    ann = Enrolment.objects.get(user__email="ann.lee@example.com")
    assert (ann.team, ann.site, ann.mentor, ann.cohort) == (
        "Inbound",
        "Leeds",
        mentor,
        cohort,
    )


def test_new_accounts_are_learners_without_a_usable_password(cohort):
    upload(cohort, csv_file("email", "ann.lee@example.com"))

    ann = get_user_model().objects.get(email="ann.lee@example.com")
    assert ann.username == "ann.lee"
    assert not ann.has_usable_password()
    assert ann.groups.filter(name=LEARNERS).exists()


def test_a_taken_username_gets_a_suffix(cohort):
    make_learner(username="Ann.Lee", email="someone.else@example.com")

    upload(cohort, csv_file("email", "ann.lee@example.com", "ann.lee@example.org"))

    names = set(
        get_user_model()
        .objects.filter(email__startswith="ann.lee@")
        .values_list("username", flat=True)
    )
    assert len(names) == 2
    assert all(name.startswith("ann.lee-") for name in names)


def test_existing_account_is_found_by_email_whatever_the_case(cohort):
    ann = make_learner(username="ann", email="Ann.Lee@Example.com")

    report = upload(cohort, csv_file("email", "  ANN.LEE@example.COM "))

    assert report.rows[0].outcome == Outcome.ENROL
    assert Enrolment.objects.get().user == ann
    assert (
        get_user_model().objects.filter(email__iexact="ann.lee@example.com").count()
        == 1
    )


def test_an_enrolment_in_another_cohort_is_left_alone(cohort):
    ann = make_learner(email="ann.lee@example.com")
    enrolment, _ = enrol(ann, cohort.programme)
    other = Cohort.objects.create(
        programme=cohort.programme,
        name="Autumn",
        start_date=date(2026, 9, 1),
        end_date=date(2026, 12, 1),
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(team="Old team", cohort=other)

    report = upload(cohort, csv_file(HEADER, "ann.lee@example.com,Ann,Lee,New team,,"))

    row = report.rows[0]
    assert row.outcome == Outcome.SKIP
    assert "left as it is" in row.detail
    enrolment.refresh_from_db()
    assert (enrolment.team, enrolment.cohort) == ("Old team", other)


def test_a_self_enrolled_learner_joins_the_cohort_and_keeps_the_enrolment(cohort):
    ann = make_learner(email="ann.lee@example.com")
    enrolment, _ = enrol(ann, cohort.programme)

    report = upload(
        cohort, csv_file(HEADER, "ann.lee@example.com,Ann,Lee,Blue team,Leeds,")
    )

    enrolment.refresh_from_db()
    assert report.rows[0].outcome == Outcome.ATTACH
    assert (enrolment.cohort, enrolment.team, enrolment.site) == (
        cohort,
        "Blue team",
        "Leeds",
    )
    assert Enrolment.objects.count() == 1


def test_a_second_identical_upload_changes_nothing(cohort):
    make_mentor(email=MENTOR)
    lines = (HEADER, f"ann.lee@example.com,Ann,Lee,Inbound,Leeds,{MENTOR}")
    upload(cohort, csv_file(*lines))
    before = database_state()

    report = upload(cohort, csv_file(*lines))

    assert report.counts == {
        "create": 0,
        "enrol": 0,
        "attach": 0,
        "skip": 1,
        "reject": 0,
    }
    assert "Already enrolled in this cohort" in report.rows[0].detail
    assert database_state() == before


def test_a_cohort_mentor_outside_the_mentors_group_may_mentor(cohort):
    mentor = make_learner(email=MENTOR)
    cohort.mentors.add(mentor)

    upload(cohort, csv_file("email,mentor_email", f"ann.lee@example.com,{MENTOR}"))

    assert Enrolment.objects.get().mentor == mentor


def test_the_report_lists_each_row_with_its_outcome(cohort):
    enrolled = make_learner(username="cy", email="cy@example.com")
    enrolment, _ = enrol(enrolled, cohort.programme)
    other = Cohort.objects.create(
        programme=cohort.programme,
        name="Autumn",
        start_date=date(2026, 9, 1),
        end_date=date(2026, 12, 1),
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(cohort=other)
    make_learner(username="bo", email="bo@example.com")

    report = upload(
        cohort, csv_file("email", "ann@example.com", "bo@example.com", "cy@example.com")
    )

    assert [(row.row, row.email, row.outcome) for row in report.rows] == [
        (2, "ann@example.com", Outcome.CREATE),
        (3, "bo@example.com", Outcome.ENROL),
        (4, "cy@example.com", Outcome.SKIP),
    ]
    assert [row.detail for row in report.rows[:2]] == [
        "New account 'ann': an invitation to set a password is emailed",
        "Existing account 'bo'",  # bo has a password, so no invitation
    ]
    assert report.rows[2].label == "Already enrolled, left alone"


def test_planning_writes_nothing(cohort):
    make_mentor(email=MENTOR)
    before = database_state()

    plan = plan_enrolment(
        cohort, read_rows(csv_file("email,mentor_email", f"ann@example.com,{MENTOR}"))
    )

    assert plan.counts["create"] == 1
    assert database_state() == before


def test_a_plan_is_checked_again_when_applied(cohort):
    ann = make_learner(email="ann@example.com")
    plan = plan_enrolment(cohort, read_rows(csv_file("email", "ann@example.com")))
    enrol(ann, cohort.programme)

    report = apply_plan(cohort, plan, None)

    assert report.rows[0].outcome == Outcome.ATTACH
    assert Enrolment.objects.get().cohort == cohort


# Rows with errors: the whole upload is rejected


def test_malformed_rows_reject_the_whole_upload(cohort):
    file = csv_file(
        "email,first_name", "not-an-email,Ann", ",Bo", "cy@example.com," + "x" * 151
    )

    error = assert_refused(cohort, file, "not a valid email address")

    reasons = {row.row: row.detail for row in error.plan.rejected}
    assert reasons == {
        2: "'not-an-email' is not a valid email address.",
        3: "The email is missing.",
        4: "First name is longer than 150 characters.",
    }


def test_a_too_long_team_or_site_is_rejected(cohort):
    assert_refused(
        cohort,
        csv_file("email,team,site", f"ann@example.com,{'t' * 101},{'s' * 101}"),
        "Team is longer than 100 characters. Site is longer than 100 characters.",
    )


def test_good_rows_are_not_written_when_another_row_is_rejected(cohort):
    error = assert_refused(
        cohort, csv_file("email", "ann@example.com", "oops"), "not a valid email"
    )

    assert error.plan.counts == {
        "create": 1,
        "enrol": 0,
        "attach": 0,
        "skip": 0,
        "reject": 1,
    }
    assert "1 of 2 rows have errors" in str(error)


def test_duplicate_emails_name_each_others_rows(cohort):
    error = assert_refused(
        cohort,
        csv_file("email", "ann@example.com", "bo@example.com", "ANN@example.com "),
        "The same email is also on row 4.",
    )

    assert {row.row: row.detail for row in error.plan.rejected} == {
        2: "The same email is also on row 4.",
        4: "The same email is also on row 2.",
    }


def test_an_unknown_mentor_is_rejected(cohort):
    assert_refused(
        cohort,
        csv_file("email,mentor_email", f"ann@example.com,{MENTOR}"),
        f"No account uses the mentor email '{MENTOR}'.",
    )


def test_someone_who_is_not_a_mentor_cannot_mentor(cohort):
    make_learner(email=MENTOR)

    assert_refused(
        cohort,
        csv_file("email,mentor_email", f"ann@example.com,{MENTOR}"),
        f"{MENTOR} is not a mentor",
    )


def test_an_email_shared_by_several_accounts_is_rejected(cohort):
    make_learner(email="ann@example.com")
    make_learner(email="Ann@example.com")

    assert_refused(
        cohort, csv_file("email", "ann@example.com"), "Several accounts use this email"
    )


def test_an_upload_with_errors_raises_even_if_the_plan_was_not_checked(cohort):
    plan = plan_enrolment(cohort, [RowIn(row=2, email="nope")])

    with pytest.raises(UploadRejected):
        apply_plan(cohort, plan, None)

    assert not Enrolment.objects.exists()


# Unusable files


def test_an_unknown_column_is_named(cohort):
    error = assert_refused(
        cohort, csv_file("email,Phone number", "ann@example.com,123"), "Phone number"
    )

    assert str(error).startswith("Unknown columns: Phone number.")


def test_a_file_without_a_header_row_is_refused(cohort):
    assert_refused(
        cohort,
        csv_file("ann@example.com,Ann,Lee,Inbound,Leeds,"),
        "The first row must name the columns",
    )


def test_a_file_that_is_not_utf8_is_refused(cohort):
    assert_refused(
        cohort,
        csv_file("email,first_name", "rene@example.com,René", encoding="latin-1"),
        "The file is not UTF-8 text: save it as 'CSV UTF-8' and try again.",
    )


def test_a_file_over_2_mb_is_refused(cohort):
    line = "ann@example.com," + "a" * 100
    file = csv_file("email,first_name", *[line] * 21_000)

    assert_refused(cohort, file, "larger than 2 MB")


def test_more_than_5000_rows_are_refused(cohort):
    lines = [f"learner{n}@example.com" for n in range(5_001)]

    assert_refused(cohort, csv_file("email", *lines), "more than 5,000 rows")


def test_an_xlsx_with_more_than_5000_rows_is_refused(cohort):
    rows = [["email"]] + [[f"learner{n}@example.com"] for n in range(5_001)]

    assert_refused(cohort, xlsx_file(rows), "more than 5,000 rows")


def test_a_zip_bomb_is_refused(cohort):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (21 * 1024 * 1024))

    assert_refused(
        cohort, SimpleUploadedFile("bomb.xlsx", out.getvalue()), "more than 20 MB"
    )


def test_a_zip_that_is_not_a_workbook_is_refused(cohort):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")

    assert_refused(
        cohort, SimpleUploadedFile("notes.xlsx", out.getvalue()), "not a readable Excel"
    )


def test_an_old_xls_file_is_refused_with_advice(cohort):
    file = SimpleUploadedFile(
        "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50
    )

    assert_refused(cohort, file, "old Excel (.xls)")


def test_an_empty_file_is_refused(cohort):
    assert_refused(cohort, SimpleUploadedFile("empty.csv", b""), "The file is empty.")


def test_a_header_without_rows_is_refused(cohort):
    assert_refused(cohort, csv_file(HEADER, ",,,,,", ""), "no learners")


# Reading


def test_content_decides_the_format_not_the_name():
    csv_named_xlsx = csv_file("email", "ann@example.com", name="learners.xlsx")
    xlsx_named_csv = xlsx_file([["email"], ["bo@example.com"]], name="learners.csv")

    assert [row.email for row in read_rows(csv_named_xlsx)] == ["ann@example.com"]
    assert [row.email for row in read_rows(xlsx_named_csv)] == ["bo@example.com"]


def test_blank_rows_are_skipped_and_row_numbers_kept():
    rows = read_rows(csv_file("email", "", "ann@example.com", " ", "bo@example.com"))

    assert [(row.row, row.email) for row in rows] == [
        (3, "ann@example.com"),
        (5, "bo@example.com"),
    ]


def test_a_utf8_bom_and_semicolons_are_accepted():
    file = SimpleUploadedFile(
        "excel.csv", "\ufeffEmail;First Name\r\nrene@example.com;René\r\n".encode()
    )

    assert read_rows(file) == [
        RowIn(row=2, email="rene@example.com", first_name="René")
    ]


def test_a_short_row_leaves_the_missing_cells_blank():
    rows = read_rows(csv_file("first_name,email", "Ann"))

    assert rows == [RowIn(row=2, email="", first_name="Ann")]


def test_xlsx_numbers_and_empty_cells_are_read_as_text():
    file = xlsx_file([["email", "team", "site"], ["ann@example.com", 42, None]])

    assert read_rows(file) == [RowIn(row=2, email="ann@example.com", team="42")]


def test_the_templates_read_back():
    example = RowIn(
        row=2,
        email="alex.morgan@example.com",
        first_name="Alex",
        last_name="Morgan",
        team="Inbound sales",
        site="Leeds",
    )
    csv_template = SimpleUploadedFile("t.csv", template_csv().encode())
    xlsx_template = SimpleUploadedFile("t.xlsx", template_xlsx())

    assert read_rows(csv_template) == [example]
    assert read_rows(xlsx_template) == [example]


# Cost


def planning_queries(cohort, size):
    rows = [
        RowIn(row=n + 2, email=f"learner{n}@example.com", mentor_email=MENTOR)
        for n in range(size)
    ]
    with CaptureQueriesContext(connection) as queries:
        plan_enrolment(cohort, rows)
    return len(queries)


def test_planning_costs_the_same_queries_for_500_rows_as_for_50(cohort):
    make_mentor(email=MENTOR)
    for n in (0, 1, 60):
        learner = make_learner(email=f"learner{n}@example.com")
        enrol(learner, cohort.programme)

    assert planning_queries(cohort, 500) == planning_queries(cohort, 50) == 3
