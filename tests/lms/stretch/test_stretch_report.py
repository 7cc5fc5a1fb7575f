"""The cohort's stretch-project report, checked against figures worked out by hand."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lms.core import tables
from lms.models import CriterionRating, Review, StretchAssignment
from lms.stretch.admin_views import ProjectsReportView
from lms.stretch.report import project_report
from lms.stretch.states import ProjectBrief, assign
from tests.builders.pages import make_competency
from tests.builders.stretch import START, make_stretch_scene

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
APPROVED = Review.Outcome.APPROVED
CHANGES = Review.Outcome.CHANGES_REQUESTED
TODAY = START + timedelta(weeks=6)  # every project of the scene is past due


def review(assignment, outcome, *scores):
    """A review rating the assignment's criteria, in order, with `scores`."""
    made = Review.objects.create(
        assignment=assignment, mentor=assignment.mentor, outcome=outcome
    )
    for criterion, score in zip(assignment.criteria.all(), scores, strict=True):
        CriterionRating.objects.create(review=made, criterion=criterion, score=score)
    return made


def set_status(assignment, status):
    StretchAssignment.objects.filter(pk=assignment.pk).update(status=status)


def custom_project(scene, competency, criteria):
    brief = ProjectBrief(
        title="Run a cultural event",
        purpose="Bring two teams together.",
        milestones=(("Book the room", 1),),
        criteria=tuple((name, "") for name in criteria),
        competencies=(competency,),
    )
    return assign(
        brief,
        scene.cohort,
        [scene.other_learner],
        scene.other_mentor,
        START,
        START + timedelta(weeks=2),
        scene.manager,
    )[0]


@pytest.fixture
def example():
    """Four projects of one cohort and one of another, reviewed as worked out below.

    Template criteria are Insight and Clarity; the template is tagged Business
    acumen and Communication. The custom project has three criteria and is
    tagged Communication only.

    | project                 | latest approving review | sum | ratings |
    | first (learner)         | 4, 3 (after 1, 2 sent back) | 7 | 2 |
    | second (other learner)  | 2, 3                    |  5  |    2    |
    | custom (other learner)  | 4, 4, 4                 | 12  |    3    |
    | fourth (learner)        | none (only sent back 1, 1) | – | – |
    | outsider's, other cohort | 1, 1                   |  –  |    –    |

    Business acumen: (7 + 5) / 4 = 3.0 from 2 projects.
    Communication: (7 + 5 + 12) / 7 = 24/7 from 3 projects (the mean of the
    three projects' own means would be 10/3: the ratings are pooled).
    """
    scene = make_stretch_scene()
    first = scene.assignment
    review(first, CHANGES, 1, 2)
    review(first, APPROVED, 4, 3)
    set_status(first, Status.REVIEWED)
    done = list(first.milestones.all()[:2])
    for milestone in done:
        milestone.done_at = timezone.now()
        milestone.save()

    second = scene.assign([scene.other_learner], mentor=scene.other_mentor)[0]
    review(second, APPROVED, 2, 3)
    set_status(second, Status.COMPLETED)

    communication = make_competency(name="Communication", slug="communication")
    custom = custom_project(scene, communication, ["Plan", "People", "Follow-up"])
    review(custom, APPROVED, 4, 4, 4)
    set_status(custom, Status.REVIEWED)

    fourth = scene.assign(due_date=START + timedelta(weeks=8))[0]
    review(fourth, CHANGES, 1, 1)
    set_status(fourth, Status.IN_PROGRESS)

    theirs = scene.assign_outsider()
    review(theirs, APPROVED, 1, 1)
    return scene, {"first": first, "second": second, "custom": custom, "fourth": fourth}


def rows_by_project(report):
    return {row.assignment.pk: row for row in report.rows}


def test_rubric_averages_pool_the_ratings_of_each_projects_latest_approval(example):
    scene, _projects = example

    report = project_report(scene.cohort, today=TODAY)

    found = [
        (item.competency.name, round(item.average, 4), item.projects)
        for item in report.competencies
    ]
    assert found == [
        ("Business acumen", 3.0, 2),
        ("Communication", round(24 / 7, 4), 3),
    ]


def test_each_row_gives_progress_and_the_latest_review(example):
    scene, projects = example

    rows = rows_by_project(project_report(scene.cohort, today=TODAY))

    first = rows[projects["first"].pk]
    assert (first.learner, first.mentor) == (
        scene.learner.username,
        scene.mentor.username,
    )
    assert first.title == scene.template.title
    assert (first.start, first.due) == (START, START + timedelta(weeks=4))
    assert first.status == "Reviewed"
    assert (first.milestones_done, first.milestones_total) == (2, 3)
    assert first.milestones == "2/3"
    assert (first.review, first.review_score) == ("Approved", 3.5)
    fourth = rows[projects["fourth"].pk]
    assert (fourth.review, fourth.review_score) == ("Changes requested", 1.0)
    assert fourth.milestones == "0/3"
    custom = rows[projects["custom"].pk]
    assert (custom.review_score, custom.milestones_total) == (4.0, 1)


def test_only_the_cohorts_own_projects_are_rows(example):
    scene, projects = example

    rows = project_report(scene.cohort, today=TODAY).rows

    assert sorted(row.assignment.pk for row in rows) == sorted(
        p.pk for p in projects.values()
    )


def test_a_project_is_overdue_only_while_work_is_still_owed(example):
    scene, projects = example
    late = scene.assign(due_date=START + timedelta(days=10))[0]
    set_status(projects["fourth"], Status.IN_PROGRESS)

    rows = rows_by_project(project_report(scene.cohort, today=TODAY))

    assert rows[late.pk].overdue  # assigned, due a month ago
    assert rows[late.pk].overdue_text == "Yes"
    assert not rows[projects["first"].pk].overdue  # reviewed: handed in
    assert not rows[projects["fourth"].pk].overdue  # in progress, due in 2 weeks


def test_a_project_without_reviews_has_blank_review_columns():
    scene = make_stretch_scene()

    (row,) = project_report(scene.cohort, today=START).rows

    assert (row.review, row.review_score) == ("", None)
    assert not row.overdue
    assert project_report(scene.cohort).competencies == []


def test_the_report_costs_three_queries_for_any_number_of_projects(
    django_assert_num_queries,
):
    scene = make_stretch_scene()
    review(scene.assignment, APPROVED, 3, 4)
    with django_assert_num_queries(3):
        small = project_report(scene.cohort)
    for _ in range(5):
        made = scene.assign([scene.learner, scene.other_learner])
        review(made[0], APPROVED, 2, 2)

    with django_assert_num_queries(3):
        large = project_report(scene.cohort)

    assert (len(small.rows), len(large.rows)) == (1, 11)
    assert [(c.projects) for c in large.competencies] == [6, 6]


def test_rows_sort_by_a_column_with_blanks_last(example):
    scene, projects = example
    rows = project_report(scene.cohort, today=TODAY).rows

    by_score = sort_rows(rows, "-review_score")
    by_status = sort_rows(rows, "status")

    assert [row.review_score for row in by_score] == [4.0, 3.5, 2.5, 1.0]
    assert [row.status for row in by_status] == [
        "In progress",
        "Reviewed",
        "Reviewed",
        "Completed",
    ]
    assert sort_rows(rows, "nonsense") == rows


def test_a_date_column_sorts_by_date():
    scene = make_stretch_scene()
    later = scene.assign(start_date=date(2026, 10, 1), due_date=date(2026, 11, 1))[0]

    rows = sort_rows(project_report(scene.cohort).rows, "-due")

    assert [row.assignment.pk for row in rows] == [later.pk, scene.assignment.pk]


def sort_rows(rows, ordering):
    """The report's rows sorted as its page sorts them."""
    view = ProjectsReportView
    return tables.sort_rows(rows, ordering, keys=view.sort_keys, ranks=view.sort_ranks)
