"""Cohort benchmark data: 20,000 learners in 10 cohorts, about 1.2 million module-progress rows.

The page tree is built with the treebeard API (`add_child`): two programmes of
6 courses x 8 modules (48 modules each), every module with 3 single-choice
knowledge checks (4 options) and tagged with 2-3 of 12 competencies.

* "Leadership pipeline" is the cohort programme: 10 cohorts of 2,000 learners
  (20,000), started 3 to 30 weeks ago, half paced weekly and half all-open,
  plus one 200-learner pilot cohort (200 extra learners) used only to show
  that the dashboard's query count does not grow with the cohort.
* "Foundations" is a second 48-module programme the same learners are
  self-enrolled in, without a cohort. 20,000 learners x 48 modules is at
  most 960,000 rows, so the 1.2 million module-progress rows the issue asks
  for are reached by giving every learner progress in both programmes
  (about 31 modules of the pipeline and 29 of Foundations on average). The
  second programme's rows also make the dashboard's queries (and the naive
  baseline) pick the cohort programme's rows out of a bigger table.

Learners work through modules in order. Each one has a pace (completed
modules relative to the cohort's schedule), an ability (chance of answering
right, times each question's difficulty; about 5% fail their checks) and a
last activity (recent for most, 8-40 days ago for some, more often for slow
learners), so the dashboard shows a mix of on track / behind / at risk.

Every roll-up is computed from the raw rows it summarises, so they agree the
way `lms.progress.rollup.apply_events` would leave them:

* `ModuleProgress`: one row per started module (completed, or the one in
  progress), with answers, score, times;
* `QuestionResponse`: one answer per question of each started module (all
  three for a completed module, 0-2 for the one in progress), both the first
  (which counts) and the latest, as migration 0011 backfilled them;
* `Enrolment.modules_completed / last_activity_at / questions_answered /
  questions_correct`, per programme; `CourseProgress` per enrolment and
  course with at least one completion; `CompetencyMastery` per learner and
  competency over every answer, whatever the programme (as the apply job
  counts it); nightly `CohortSnapshot`s for the trend chart. Tonight's
  snapshot of each running cohort is then taken by the nightly job's own
  code (`lms.cohorts.snapshots`), which also stores the most-missed questions the
  dashboard shows.

Spaced review (`_review`, from its own seeded stream, so the rows above stay
as they were):

* the measured cohort's learners get a real `ReviewCard` (state Review) for
  every question they answered in the cohort's programme: the module answer,
  then 0-4 daily reviews, with an FSRS stability and due date that grow with
  them; their `CompetencyRecall` rows are then written by the nightly job's
  own code (`lms.review.recall.refresh_everyone`, timed: only they have
  cards), so the heat-map shows real FSRS retrievability;
* every other learner (the other cohorts and the pilot) gets generated
  `CompetencyRecall` rows, one per competency with mastery: 3-30 cards at a
  retrievability of 0.5-0.98, a few due or overdue, as of now (cards for
  20,000 learners would be millions of rows no page reads);
* `ReviewDay` rows for about 60% of all learners over the last 10 days.

Progress events, learning days, the journal and the review log
(`ReviewAnswer`) are not generated: the dashboard, the recall refresh and the
naive baseline read none of them.

Bulk rows go in with COPY (psycopg), the two big tables on two connections
in parallel, with `session_replication_role = replica` (skips the foreign-key
triggers: the ids are generated consistent; needs a superuser, which the
scratch server's `postgres` user is), then VACUUM ANALYZE. Users and
enrolments get explicit ids and their identity sequences are moved past them.
Random choices come from a fixed seed, so every run builds the same data.
"""

import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

COHORTS = 10
LEARNERS_PER_COHORT = 2000
PILOT_LEARNERS = 200
COURSES = 6
MODULES_PER_COURSE = 8
QUESTIONS_PER_MODULE = 3
OPTIONS_PER_QUESTION = 4
COMPETENCY_COUNT = 12
PROGRESS_TARGET = 1_200_000
COHORT_WEEKS = 24
MENTORS_PER_COHORT = 8
SNAPSHOT_DAYS = 120
MEASURED_COHORT = 4  # started 15 weeks ago, all modules open: a mid-programme mix
SEED = 20261122
REVIEW_SEED = SEED + 1  # its own stream: adding review data changes nothing else
REVIEWERS = 0.6  # share of learners with daily reviews in the last REVIEW_DAYS
REVIEW_DAYS = 10
CHUNK = 20_000  # lines per COPY write
NULL = "\\N"  # COPY text format

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farid",
    "Grace",
    "Harry",
    "Isla",
    "Jamal",
    "Kate",
    "Leo",
    "Maya",
    "Nina",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Umar",
    "Vera",
    "Will",
    "Xena",
    "Yusuf",
    "Zoe",
    "Amir",
    "Beth",
    "Callum",
    "Dana",
    "Ewan",
    "Fiona",
    "Gus",
    "Hana",
    "Ivan",
    "Jess",
    "Kofi",
    "Lena",
    "Marek",
    "Niamh",
]
LAST_NAMES = [
    "Adams",
    "Bailey",
    "Clarke",
    "Davies",
    "Evans",
    "Foster",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Patel",
    "Quayle",
    "Roberts",
    "Smith",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielinski",
    "Ahmed",
    "Brown",
    "Carter",
    "Doyle",
    "Ellis",
    "Fraser",
    "Gill",
    "Hall",
    "Ito",
    "Jenkins",
    "Kelly",
    "Lloyd",
    "Murphy",
    "Nash",
    "Okafor",
]
TEAMS = [f"Team {n}" for n in range(1, 13)]
SITES = ["Leeds", "Glasgow", "Cardiff", "Belfast", "Bristol"]


@dataclass
class Question:
    id: str
    right: str
    wrong: list
    difficulty: float  # chance a learner of ability 1.0 answers right


@dataclass
class Module:
    id: int
    course_id: int
    competency_ids: list
    questions: list


@dataclass
class Programme:
    page: object
    modules: list  # [Module] in programme order


@dataclass
class Plan:
    """One learner on one programme: what the rows will show."""

    enrolment_id: int
    completed: int
    in_progress: bool
    start: float  # epoch seconds
    last: float  # epoch seconds of the last activity, or 0 for none
    ability: float

    @property
    def rows(self):
        return self.completed + int(self.in_progress)


@dataclass
class CohortData:
    pipeline: Programme
    foundations: Programme
    cohorts: list  # the 10 cohorts of 2,000, oldest last
    pilot: object  # the 200-learner cohort
    superuser: object
    counts: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    recall: object = None  # RecallRefresh: the measured cohort's first refresh

    @property
    def measured(self):
        return self.cohorts[MEASURED_COHORT]


def build(conninfo, now=None):
    """Build everything in the (migrated, empty) scratch database; returns CohortData."""
    now = now or datetime.now(UTC)
    rnd = random.Random(SEED)
    timings = {}
    started = time.perf_counter()
    competencies = _competencies()
    pipeline = _programme(
        "Leadership pipeline", "bench-cohort-pipeline", competencies, rnd
    )
    foundations = _programme(
        "Foundations", "bench-cohort-foundations", competencies, rnd
    )
    timings["pages"] = time.perf_counter() - started

    mark = time.perf_counter()
    superuser, cohorts, pilot, mentors, managers = _cohorts(pipeline, now)
    people = _learners(cohorts + [pilot], mentors, managers, rnd)
    plans = _plans(people, cohorts + [pilot], now, rnd)
    _assign_foundations(plans, people, now, rnd)
    timings["plans"] = time.perf_counter() - mark

    mark = time.perf_counter()
    counts = _load(conninfo, pipeline, foundations, people, plans, now, rnd)
    timings["copy"] = time.perf_counter() - mark

    mark = time.perf_counter()
    measured = cohorts[MEASURED_COHORT]
    counts.update(_review(conninfo, pipeline, people, measured, now))
    timings["review"] = time.perf_counter() - mark
    recall = _refresh_recall(measured, counts["review cards"])
    timings["recall"] = recall.seconds

    mark = time.perf_counter()
    _snapshots(cohorts + [pilot], plans, people, competencies, now, rnd)
    _finish(conninfo)
    timings["vacuum"] = time.perf_counter() - mark

    mark = time.perf_counter()
    _tonights_snapshots(now)
    timings["nightly"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return CohortData(
        pipeline,
        foundations,
        cohorts,
        pilot,
        superuser,
        counts=counts,
        timings=timings,
        recall=recall,
    )


# --- pages -------------------------------------------------------------------


def _competencies():
    """The first 12 competencies of the project's controlled vocabulary."""
    import yaml
    from django.conf import settings

    from courses.models import Competency

    entries = yaml.safe_load(
        (settings.BASE_DIR / "content" / "competencies.yaml").read_text()
    )[:COMPETENCY_COUNT]
    return [
        Competency.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "skill_area": entry["skill_area"],
                "description": entry.get("description", ""),
            },
        )[0]
        for entry in entries
    ]


def _programme(title, slug, competencies, rnd):
    from courses.models import CatalogPage, CoursePage, ModulePage, ProgrammePage

    programme = CatalogPage.objects.first().add_child(
        instance=ProgrammePage(
            title=title, slug=slug, summary=f"{title}: a generated benchmark programme."
        )
    )
    modules = []
    for c in range(1, COURSES + 1):
        course = programme.add_child(
            instance=CoursePage(
                title=f"{title}, course {c}",
                slug=f"course-{c}",
                summary="Eight generated modules.",
                skill_area=competencies[(c * 2) % len(competencies)].skill_area,
            )
        )
        for m in range(1, MODULES_PER_COURSE + 1):
            tagged = rnd.sample(competencies, rnd.choice((2, 2, 3)))
            body, questions = _module_body(c, m, rnd)
            page = ModulePage(
                title=f"Module {c}.{m}",
                slug=f"module-{m}",
                summary=f"Generated module {m} of course {c}.",
                minutes=5,
                objectives=[
                    {"type": "objective", "value": text, "id": str(uuid.uuid4())}
                    for text in ("Name the situation.", "Choose a response.")
                ],
                body=body,
            )
            page.competencies.set(tagged)
            course.add_child(instance=page)
            modules.append(
                Module(page.pk, course.pk, [t.pk for t in tagged], questions)
            )
    return Programme(programme, modules)


def _module_body(course, module, rnd):
    stream = [
        {
            "type": "rich_text",
            "value": f"<p>Course {course}, module {module}: the idea, then a check.</p>",
            "id": str(uuid.uuid4()),
        }
    ]
    questions = []
    for q in range(1, QUESTIONS_PER_MODULE + 1):
        options = [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": f"Option {chr(64 + n)} of question {course}.{module}.{q}",
                    "correct": n == 1,
                    "feedback": "Right." if n == 1 else "Not quite.",
                },
            }
            for n in range(1, OPTIONS_PER_QUESTION + 1)
        ]
        rnd.shuffle(options)
        question_id = str(uuid.uuid4())
        stream.append(
            {
                "type": "question",
                "id": question_id,
                "value": {
                    "prompt": f"Question {q} of module {course}.{module}?",
                    "kind": "single",
                    "options": options,
                },
            }
        )
        hard = rnd.random() < 0.12
        questions.append(
            Question(
                question_id,
                next(o["id"] for o in options if o["value"]["correct"]),
                [o["id"] for o in options if not o["value"]["correct"]],
                rnd.uniform(0.35, 0.6) if hard else rnd.uniform(0.75, 0.97),
            )
        )
    return stream, questions


# --- people and plans --------------------------------------------------------


def _cohorts(pipeline, now):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lms.models import Cohort
    from lms.roles import PROGRAMME_MANAGERS

    User = get_user_model()
    programme_managers = Group.objects.get(name=PROGRAMME_MANAGERS)
    superuser = User.objects.create_superuser(
        "bench-admin", "bench-admin@example.test", None
    )
    today = now.date()
    cohorts, mentors, managers = [], {}, {}
    specs = [
        (f"Pipeline cohort {i + 1:02d}", 3 + 3 * i, i % 2) for i in range(COHORTS)
    ] + [("Pilot cohort (200)", 15, 0)]
    for name, weeks_ago, weekly in specs:
        start = today - timedelta(weeks=weeks_ago)
        cohort = Cohort.objects.create(
            programme=pipeline.page,
            name=name,
            start_date=start,
            end_date=start + timedelta(weeks=COHORT_WEEKS),
            pacing=Cohort.Pacing.WEEKLY if weekly else Cohort.Pacing.ALL_OPEN,
        )
        n = len(cohorts)
        manager = User(
            username=f"manager-{n:02d}",
            email=f"manager-{n:02d}@example.test",
            first_name=FIRST_NAMES[n],
            last_name="Manager",
            is_staff=True,
        )
        team = [
            User(
                username=f"mentor-{n:02d}-{j}",
                email=f"mentor-{n:02d}-{j}@example.test",
                first_name=FIRST_NAMES[(n * 7 + j) % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(n * 3 + j) % len(LAST_NAMES)],
            )
            for j in range(MENTORS_PER_COHORT)
        ]
        for user in [manager, *team]:
            user.set_unusable_password()
        User.objects.bulk_create([manager, *team])
        manager = User.objects.get(username=manager.username)
        team = list(User.objects.filter(username__startswith=f"mentor-{n:02d}-"))
        manager.groups.add(programme_managers)
        cohort.managers.add(manager)
        cohort.mentors.add(*team)
        cohorts.append(cohort)
        mentors[cohort.pk] = [u.pk for u in team]
        managers[cohort.pk] = manager.pk
    return superuser, cohorts[:COHORTS], cohorts[COHORTS], mentors, managers


@dataclass
class Person:
    user_id: int
    username: str
    first: str
    last: str
    cohort: object
    mentor_id: int
    manager_id: int
    team: str
    site: str


def _learners(cohorts, mentors, managers, rnd):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM auth_user")
        next_id = cursor.fetchone()[0] + 1
    people = []
    for cohort in cohorts:
        size = (
            PILOT_LEARNERS if cohort.name.startswith("Pilot") else LEARNERS_PER_COHORT
        )
        for _ in range(size):
            n = len(people)
            people.append(
                Person(
                    user_id=next_id + n,
                    username=f"learner-{n:05d}",
                    first=rnd.choice(FIRST_NAMES),
                    last=rnd.choice(LAST_NAMES),
                    cohort=cohort,
                    mentor_id=rnd.choice(mentors[cohort.pk]),
                    manager_id=managers[cohort.pk],
                    team=rnd.choice(TEAMS),
                    site=rnd.choice(SITES),
                )
            )
    return people


def _plans(people, cohorts, now, rnd):
    """The pipeline plan of every learner: {"pipeline": [Plan], "foundations": [...]}."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM lms_enrolment")
        next_enrolment = cursor.fetchone()[0] + 1
    total = COURSES * MODULES_PER_COURSE
    now_ts = now.timestamp()
    plans = []
    for n, person in enumerate(people):
        cohort = person.cohort
        start = datetime.combine(cohort.start_date, datetime.min.time(), UTC)
        start_ts = start.timestamp() + 9 * 3600
        days = (cohort.end_date - cohort.start_date).days
        share = min(1.0, max(0.0, (now - start).days / days))
        pace = rnd.triangular(0.3, 1.3, 1.0)
        completed = max(0, min(total, round(total * share * pace + rnd.gauss(0, 1.5))))
        in_progress = completed < total and rnd.random() < 0.65
        if completed == 0 and not in_progress:
            last = 0.0
        else:
            inactive = rnd.random() < (0.45 if pace < 0.75 else 0.12)
            ago = rnd.uniform(8, 40) if inactive else rnd.uniform(0.02, 6.5)
            last = max(start_ts + 3600, now_ts - ago * 86400)
        plans.append(
            Plan(
                next_enrolment + n,
                completed,
                in_progress,
                start_ts,
                last,
                _ability(rnd),
            )
        )
    return {"pipeline": plans}


def _ability(rnd):
    if rnd.random() < 0.05:
        return rnd.uniform(0.45, 0.65)  # fails the knowledge checks
    return max(0.7, min(1.15, rnd.gauss(1.0, 0.08)))


def _assign_foundations(plans, people, now, rnd):
    """Foundations progress that brings the module-progress rows to PROGRESS_TARGET."""
    total = COURSES * MODULES_PER_COURSE
    pipeline_rows = sum(plan.rows for plan in plans["pipeline"])
    mean = max(0.0, (PROGRESS_TARGET - pipeline_rows) / len(people))
    first = plans["pipeline"][-1].enrolment_id + 1
    start_ts = (now - timedelta(days=320)).timestamp()
    now_ts = now.timestamp()
    found = []
    for n, _person in enumerate(people):
        rows = max(0, min(total, round(rnd.gauss(mean, 6))))
        in_progress = 0 < rows < total and rnd.random() < 0.5
        completed = rows - int(in_progress)
        last = now_ts - rnd.uniform(0.05, 60) * 86400 if rows else 0.0
        found.append(
            Plan(first + n, completed, in_progress, start_ts, last, _ability(rnd))
        )
    plans["foundations"] = found


# --- bulk load ---------------------------------------------------------------


def _columns(model, names):
    return ", ".join(model._meta.get_field(name).column for name in names)


def _ts(epoch):
    return datetime.fromtimestamp(epoch, UTC).isoformat()


class _Copy:
    """A COPY ... FROM STDIN on its own connection, written in large text chunks."""

    def __init__(self, conninfo, model, names):
        import psycopg

        self.conn = psycopg.connect(conninfo)
        self.conn.execute("SET session_replication_role = replica")
        self.conn.execute("SET synchronous_commit = off")
        self.cursor = self.conn.cursor()
        self._context = self.cursor.copy(
            f"COPY {model._meta.db_table} ({_columns(model, names)}) FROM STDIN"
        )
        self.copy = self._context.__enter__()
        self.lines = []
        self.rows = 0

    def add(self, *values):
        self.lines.append(
            "\t".join(NULL if v is None else str(v) for v in values) + "\n"
        )
        if len(self.lines) >= CHUNK:
            self.flush()

    def add_line(self, line):
        self.lines.append(line)
        if len(self.lines) >= CHUNK:
            self.flush()

    def flush(self):
        if self.lines:
            self.rows += len(self.lines)
            self.copy.write("".join(self.lines))
            self.lines.clear()

    def close(self):
        self.flush()
        self._context.__exit__(None, None, None)
        self.conn.commit()
        self.conn.close()
        return self.rows


def _load(conninfo, pipeline, foundations, people, plans, now, rnd):
    from django.contrib.auth import get_user_model

    from lms.models import (
        CompetencyMastery,
        CourseProgress,
        Enrolment,
        ModuleProgress,
        QuestionResponse,
    )

    User = get_user_model()
    joined = _ts((now - timedelta(days=400)).timestamp())
    users = _Copy(
        conninfo,
        User,
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
        ],
    )
    for p in people:
        users.add(
            p.user_id,
            "!",
            "f",
            p.username,
            p.first,
            p.last,
            f"{p.username}@example.test",
            "f",
            "t",
            joined,
        )
    counts = {"users (learners)": users.close()}

    progress = _Copy(
        conninfo,
        ModuleProgress,
        [
            "user",
            "module",
            "status",
            "attempts",
            "questions_answered",
            "questions_correct",
            "best_score",
            "time_spent_seconds",
            "first_activity_at",
            "last_activity_at",
            "completed_at",
        ],
    )
    responses = _Copy(
        conninfo,
        QuestionResponse,
        [
            "user",
            "module",
            "question_id",
            "chosen",
            "correct",
            "attempts",
            "answered_at",
            "latest_correct",
            "latest_answered_at",
        ],
    )
    enrolments = []
    courses = []
    mastery = []
    for n, person in enumerate(people):
        learned = defaultdict(lambda: [0, 0])  # competency -> [answered, correct]
        for key, programme in (("pipeline", pipeline), ("foundations", foundations)):
            plan = plans[key][n]
            rollup = _walk(
                person.user_id,
                plan,
                programme,
                progress,
                responses,
                learned,
                courses,
                rnd,
            )
            enrolments.append((key, person, plan, rollup))
        for competency, (answered, correct) in learned.items():
            mastery.append((person.user_id, competency, answered, correct))
    counts["module progress"] = progress.close()
    counts["question responses"] = responses.close()

    rows = _Copy(
        conninfo,
        Enrolment,
        [
            "id",
            "user",
            "programme",
            "source",
            "enrolled_by",
            "enrolled_at",
            "cohort",
            "mentor",
            "team",
            "site",
            "modules_completed",
            "last_activity_at",
            "questions_answered",
            "questions_correct",
        ],
    )
    for key, person, plan, (answered, correct) in enrolments:
        cohort = person.cohort if key == "pipeline" else None
        rows.add(
            plan.enrolment_id,
            person.user_id,
            (pipeline if cohort else foundations).page.pk,
            "manager" if cohort else "self",
            person.manager_id if cohort else None,
            _ts(plan.start - 7 * 86400),
            cohort.pk if cohort else None,
            person.mentor_id if cohort else None,
            person.team if cohort else "",
            person.site if cohort else "",
            plan.completed,
            _ts(plan.last) if plan.last else None,
            answered,
            correct,
        )
    counts["enrolments"] = rows.close()

    rows = _Copy(conninfo, CourseProgress, ["enrolment", "course", "modules_completed"])
    for enrolment_id, course_id, done in courses:
        rows.add(enrolment_id, course_id, done)
    counts["course progress"] = rows.close()

    rows = _Copy(
        conninfo, CompetencyMastery, ["user", "competency", "answered", "correct"]
    )
    for user_id, competency, answered, correct in mastery:
        rows.add(user_id, competency, answered, correct)
    counts["competency mastery"] = rows.close()
    return counts


def _walk(user_id, plan, programme, progress, responses, learned, courses, rnd):
    """Write one learner's rows for one programme; returns (answered, correct)."""
    n = plan.rows
    if not n:
        return 0, 0
    span = plan.last - plan.start
    total_answered = total_correct = 0
    per_course = Counter()
    random_ = rnd.random
    for k in range(n):
        module = programme.modules[k]
        done = k < plan.completed
        at = plan.last if k == n - 1 else plan.start + span * (k + 1) / n
        asked = (
            QUESTIONS_PER_MODULE if done else rnd.randint(0, QUESTIONS_PER_MODULE - 1)
        )
        right = 0
        for q, question in enumerate(module.questions[:asked]):
            ok = random_() < min(0.98, question.difficulty * plan.ability)
            chosen = question.right if ok else rnd.choice(question.wrong)
            # The latest answer is the first, as migration 0011 backfilled it.
            answered = _ts(at - (asked - q) * 60)
            mark = "t" if ok else "f"
            responses.add_line(
                f'{user_id}\t{module.id}\t{question.id}\t["{chosen}"]\t'
                f"{mark}\t{2 if random_() < 0.1 else 1}\t{answered}\t"
                f"{mark}\t{answered}\n"
            )
            right += ok
        for competency in module.competency_ids:
            cell = learned[competency]
            cell[0] += asked
            cell[1] += right
        total_answered += asked
        total_correct += right
        last = _ts(at)
        progress.add_line(
            f"{user_id}\t{module.id}\t{'completed' if done else 'in_progress'}\t"
            f"{2 if random_() < 0.08 else 1}\t{asked}\t{right}\t"
            f"{right / QUESTIONS_PER_MODULE}\t{rnd.randint(180, 600)}\t"
            f"{_ts(at - 600)}\t{last}\t{last if done else NULL}\n"
        )
        if done:
            per_course[module.course_id] += 1
    for course_id, done in per_course.items():
        courses.append((plan.enrolment_id, course_id, done))
    return total_answered, total_correct


# --- spaced review ---------------------------------------------------------


def _review(conninfo, pipeline, people, measured, now):
    """Cards for the measured cohort, recall roll-ups for everyone else, review days."""
    from django.utils import timezone

    from lms.models import (
        CompetencyMastery,
        CompetencyRecall,
        Enrolment,
        QuestionResponse,
        ReviewCard,
        ReviewDay,
    )

    rnd = random.Random(REVIEW_SEED)
    enrolment_of = dict(
        Enrolment.objects.filter(cohort=measured).values_list("user_id", "pk")
    )
    answers = (
        QuestionResponse.objects.filter(
            user_id__in=list(enrolment_of),
            module_id__in=[module.id for module in pipeline.modules],
        )
        .values_list("user_id", "module_id", "question_id", "correct", "answered_at")
        .order_by("user_id", "module_id", "question_id")
    )
    cards = _Copy(
        conninfo,
        ReviewCard,
        [
            "user",
            "module",
            "enrolment",
            "question_id",
            "state",
            "stability",
            "difficulty",
            "due",
            "last_review",
            "reviews",
            "lapses",
            "first_review_correct",
            "created_at",
        ],
    )
    now_ts = now.timestamp()
    for user_id, module_id, question_id, correct, answered_at in answers.iterator(
        chunk_size=CHUNK
    ):
        cards.add(
            user_id,
            module_id,
            enrolment_of[user_id],
            question_id,
            *_card(correct, answered_at.timestamp(), now_ts, rnd),
        )
    counts = {"review cards": cards.close()}

    recall = _Copy(
        conninfo,
        CompetencyRecall,
        ["user", "competency", "cards", "recall_total", "due", "overdue", "as_of"],
    )
    as_of = _ts(now_ts)
    for user_id, competency_id in (
        CompetencyMastery.objects.filter(answered__gt=0)
        .values_list("user_id", "competency_id")
        .order_by("user_id", "competency_id")
        .iterator(chunk_size=CHUNK)
    ):
        if user_id in enrolment_of:
            continue  # the refresh works the measured cohort's out from its cards
        held = rnd.randint(3, 30)
        due = rnd.randint(0, min(held, 5))
        recall.add(
            user_id,
            competency_id,
            held,
            round(held * rnd.uniform(0.5, 0.98), 4),
            due,
            rnd.randint(0, due),
            as_of,
        )
    counts["competency recall (generated)"] = recall.close()

    days = _Copy(conninfo, ReviewDay, ["user", "day", "answers", "correct"])
    today = timezone.localdate(now)
    for person in people:
        if rnd.random() >= REVIEWERS:
            continue
        for back in range(REVIEW_DAYS):
            if rnd.random() < 0.55:
                given = rnd.randint(3, 20)
                days.add(
                    person.user_id,
                    today - timedelta(days=back),
                    given,
                    round(given * rnd.uniform(0.55, 0.95)),
                )
    counts["review days"] = days.close()
    return counts


def _card(correct, answered, now_ts, rnd):
    """A card's FSRS fields after its module answer and 0-4 daily reviews.

    After a first right answer FSRS gives a stability of about 2.3 days (0.2-0.5
    after a wrong one), multiplied by about 2.5-4.5 by each right review; the
    next review is due one stability later (the interval at 90% retention).
    """
    reviews = rnd.choice((0, 0, 1, 1, 2, 3, 4))
    stability = rnd.uniform(2.0, 2.6) if correct else rnd.uniform(0.2, 0.5)
    for _ in range(reviews):
        stability *= rnd.uniform(2.5, 4.5)
    last = rnd.uniform(answered, now_ts) if reviews else answered
    first_right = rnd.random() < 0.8 if reviews else None
    return (
        2,  # fsrs.State.Review: no learning steps, a card is in review at once
        round(stability, 4),
        round(rnd.uniform(2.0, 8.0), 4),
        _ts(last + max(1, round(stability)) * 86400),
        _ts(last),
        1 + reviews,
        int(first_right is False),
        NULL if first_right is None else "t" if first_right else "f",
        _ts(answered),
    )


@dataclass
class RecallRefresh:
    learners: int
    cards: int
    rows: int
    queries: int
    seconds: float


def _refresh_recall(measured, cards):
    """The nightly recall refresh over everyone with a card: the measured cohort."""
    from django.db import connection

    from lms.models import CompetencyRecall, Enrolment
    from lms.review.recall import refresh_everyone

    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        learners = refresh_everyone()
    seconds = time.perf_counter() - start
    rows = CompetencyRecall.objects.filter(
        user_id__in=Enrolment.objects.filter(cohort=measured).values("user_id")
    ).count()
    return RecallRefresh(learners, cards, rows, len(statements), seconds)


def _snapshots(cohorts, plans, people, competencies, now, rnd):
    """Nightly snapshots since each cohort started (the last SNAPSHOT_DAYS nights)."""
    from lms.models import CohortSnapshot

    totals = defaultdict(lambda: [0, 0])  # cohort -> [learners, completed]
    for person, plan in zip(people, plans["pipeline"], strict=True):
        totals[person.cohort.pk][0] += 1
        totals[person.cohort.pk][1] += plan.completed
    modules = COURSES * MODULES_PER_COURSE
    today = now.date()
    rows = []
    for cohort in cohorts:
        learners, completed = totals[cohort.pk]
        current = 100 * completed / (modules * learners)
        first = max(cohort.start_date, today - timedelta(days=SNAPSHOT_DAYS))
        last = min(today - timedelta(days=1), cohort.end_date + timedelta(days=7))
        elapsed = max(1, (today - cohort.start_date).days)
        day = first
        while day <= last:
            share = (day - cohort.start_date).days / elapsed
            rows.append(
                CohortSnapshot(
                    cohort=cohort,
                    taken_on=day,
                    as_of=datetime.combine(day, datetime.min.time(), UTC)
                    + timedelta(hours=2),
                    learners=learners,
                    completion=round(current * share, 1),
                    active_learners=round(learners * rnd.uniform(0.55, 0.8)),
                    behind=round(learners * rnd.uniform(0.2, 0.35)),
                    at_risk=round(learners * rnd.uniform(0.08, 0.18)),
                    mastery={
                        c.slug: round(rnd.uniform(0.6, 0.9), 4) for c in competencies
                    },
                )
            )
            day += timedelta(days=1)
    CohortSnapshot.objects.bulk_create(rows, batch_size=2000)


def _tonights_snapshots(now):
    """Tonight's snapshot of every running cohort, by the nightly job's own code.

    The generated history carries headline figures only; this one also holds
    the most-missed questions, worked out from the raw answers, that the
    dashboard shows.
    """
    from django.utils import timezone

    from lms.cohorts.snapshots import snapshot_running_cohorts

    snapshot_running_cohorts(timezone.localdate(now), now)


def _finish(conninfo):
    """Move the identity sequences past the explicit ids, then VACUUM ANALYZE."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(conninfo, autocommit=True) as conn:
        for table in ("auth_user", "lms_enrolment"):
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'id'), "
                    "(SELECT MAX(id) FROM {}))"
                ).format(sql.Literal(table), sql.Identifier(table))
            )
        conn.execute("VACUUM (ANALYZE)")


def row_counts():
    """Rows in the tables the dashboard reads."""
    from django.contrib.auth import get_user_model

    from lms.models import (
        Cohort,
        CohortSnapshot,
        CompetencyMastery,
        CompetencyRecall,
        CourseProgress,
        Enrolment,
        ModuleProgress,
        QuestionResponse,
        ReviewCard,
        ReviewDay,
    )

    models = [
        ("users", get_user_model()),
        ("cohorts", Cohort),
        ("enrolments", Enrolment),
        ("module progress", ModuleProgress),
        ("question responses", QuestionResponse),
        ("course progress", CourseProgress),
        ("competency mastery", CompetencyMastery),
        ("cohort snapshots", CohortSnapshot),
        ("review cards", ReviewCard),
        ("competency recall", CompetencyRecall),
        ("review days", ReviewDay),
    ]
    return [(name, model.objects.count()) for name, model in models]
