"""Builders for the programme manager's views: people, a programme, cohorts, roll-ups."""

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import timedelta
from itertools import count

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import ModulePage
from lms.models import (
    Cohort,
    CohortSnapshot,
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    ProgressEvent,
    QuestionResponse,
)
from lms.roles import LEARNERS, MENTORS, PROGRAMME_MANAGERS
from tests.conftest import (
    make_competency,
    make_course,
    make_module,
    make_programme,
    question,
)

_serial = count(1)


def make_user(username=None, group=None, **kwargs):
    username = username or f"user{next(_serial)}"
    kwargs.setdefault("email", f"{username}@example.com")
    user = get_user_model().objects.create_user(username=username, **kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_manager(username="manager", **kwargs):
    return make_user(username, PROGRAMME_MANAGERS, **kwargs)


def make_mentor(username="mentor", **kwargs):
    return make_user(username, MENTORS, **kwargs)


@dataclass
class Programme:
    """A programme of two live courses with three modules each; A's first is a quiz."""

    page: object
    courses: list
    quiz: object
    de_escalation: object
    coaching: object

    def question(self, index):
        """(question id, right option id, [wrong option ids]) of the quiz's nth question."""
        block = self.quiz.question_blocks()[index]
        options = block.value["options"].bound_blocks
        right = [o.id for o in options if o.value["correct"]][0]
        return block.id, right, [o.id for o in options if not o.value["correct"]]


def make_programme_with_modules(slug="programme"):
    page = make_programme(slug=slug, title=f"Programme {slug}")
    de_escalation = make_competency(name="De-escalation", slug="de-escalation")
    coaching = make_competency(name="Coaching", slug="coaching", skill_area="coaching")
    courses = [
        make_course(page, title="Difficult conversations", slug=f"{slug}-a"),
        make_course(page, title="Coaching others", slug=f"{slug}-b"),
    ]
    quiz = make_module(
        courses[0],
        title="The first minute",
        slug=f"{slug}-a0",
        competencies=[de_escalation],
        body=[
            ("markdown", "Let the caller **finish**."),
            ("question", question(prompt="Who speaks first?", correct=(1,))),
            ("question", question(prompt="What do you say back?", correct=(0,))),
        ],
    )
    for course, letter in zip(courses, "ab", strict=True):
        for n in range(1 if letter == "a" else 0, 3):
            make_module(
                course,
                title=f"Module {letter}{n}",
                slug=f"{slug}-{letter}{n}",
                competencies=[coaching if letter == "b" else de_escalation],
            )
    return Programme(
        page=page,
        courses=courses,
        quiz=ModulePage.objects.get(pk=quiz.pk),
        de_escalation=de_escalation,
        coaching=coaching,
    )


def make_cohort(programme_page, managers=(), mentors=(), **kwargs):
    """A cohort halfway through: started 30 days ago, ends in 30 days."""
    today = timezone.localdate()
    kwargs.setdefault("name", f"Cohort {next(_serial)}")
    kwargs.setdefault("start_date", today - timedelta(days=30))
    kwargs.setdefault("end_date", today + timedelta(days=30))
    cohort = Cohort.objects.create(programme=programme_page, **kwargs)
    cohort.managers.set(managers)
    cohort.mentors.set(mentors)
    return cohort


def enrol_learner(cohort, username=None, days_inactive=1, completed=(), **kwargs):
    """A learner in the cohort; `completed` is [(course, modules done)] of roll-ups."""
    first_name = kwargs.pop("first_name", "")
    last_name = kwargs.pop("last_name", "")
    user = make_user(username, LEARNERS, first_name=first_name, last_name=last_name)
    last = timezone.now() - timedelta(days=days_inactive) if days_inactive else None
    enrolment = Enrolment.objects.create(
        user=user,
        programme=cohort.programme,
        cohort=cohort,
        source=Enrolment.Source.MANAGER,
        modules_completed=sum(done for _course, done in completed),
        last_activity_at=last,
        **kwargs,
    )
    for course, done in completed:
        CourseProgress.objects.create(
            enrolment=enrolment, course=course, modules_completed=done
        )
    return enrolment


def answer(user, module, question_id, option_id, correct):
    return QuestionResponse.objects.create(
        user=user,
        module=module,
        question_id=question_id,
        chosen=[option_id],
        correct=correct,
        attempts=1,
        answered_at=timezone.now(),
    )


def mastery(user, competency, answered, correct):
    return CompetencyMastery.objects.create(
        user=user, competency=competency, answered=answered, correct=correct
    )


def snapshot(cohort, days_ago, completion, at_risk, learners=10):
    day = timezone.localdate() - timedelta(days=days_ago)
    return CohortSnapshot.objects.create(
        cohort=cohort,
        taken_on=day,
        as_of=timezone.now() - timedelta(days=days_ago),
        learners=learners,
        completion=completion,
        at_risk=at_risk,
    )


def progress_event(enrolment, module, kind="started", minutes_ago=5, **kwargs):
    return ProgressEvent.objects.create(
        id=uuid.uuid4(),
        user=enrolment.user,
        module=module,
        enrolment=enrolment,
        kind=kind,
        occurred_at=timezone.now() - timedelta(minutes=minutes_ago),
        body_hash=uuid.uuid4().hex,
        **kwargs,
    )


def cohort_url(name, cohort, *args):
    return reverse(f"lms_cohorts:{name}", args=[cohort.pk, *args])


def csv_rows(response):
    """A streamed CSV export as a list of dicts."""
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response):
    """An XLSX export as a list of dicts keyed by its header row."""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def upload(content, name="learners.csv"):
    """A small CSV upload from text (sent as UTF-8) or bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")
