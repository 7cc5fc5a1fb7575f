"""lms.core.sql's statements, run directly: the same results on SQLite and
PostgreSQL (the second CI tier runs this file on PostgreSQL)."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from lms.core import sql
from lms.models import LearningDay, ModuleProgress, ProgressEvent
from tests.builders.people import make_learner
from tests.builders.progress import make_scene

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def day_row(user, day=TODAY, seconds=60, events=1):
    return {"user_id": user.pk, "day": day, "seconds": seconds, "events": events}


def days_of(user):
    return list(
        LearningDay.objects.filter(user=user)
        .order_by("day")
        .values_list("day", "seconds", "events")
    )


def test_add_rows_adds_to_existing_rows_and_creates_missing_ones():
    user = make_learner()
    LearningDay.objects.create(**day_row(user))

    sql.add_rows(
        LearningDay,
        [day_row(user, seconds=15, events=2), day_row(user, TODAY + timedelta(1))],
        ["user_id", "day"],
    )

    assert days_of(user) == [(TODAY, 75, 3), (TODAY + timedelta(1), 60, 1)]


def test_add_rows_applies_a_negative_change_to_the_existing_row():
    user = make_learner()
    LearningDay.objects.create(**day_row(user))

    sql.add_rows(
        LearningDay, [day_row(user, seconds=-20, events=0)], ["user_id", "day"]
    )

    assert days_of(user) == [(TODAY, 40, 1)]


def test_update_rows_sets_adds_and_keeps_the_later_value():
    scene = make_scene()
    user, module = scene.learner, scene.quiz.module
    earlier = timezone.now() - timedelta(days=2)
    progress = ModuleProgress.objects.create(
        user=user, module=module, attempts=2, last_activity_at=earlier
    )
    later = earlier + timedelta(days=1)

    sql.update_rows(
        ModuleProgress,
        [
            {
                "id": progress.pk,
                "status": "completed",
                "attempts": 3,
                "last_activity_at": later,
            }
        ],
        set=["status"],
        add=["attempts"],
        later=["last_activity_at"],
    )
    sql.update_rows(
        ModuleProgress,
        [{"id": progress.pk, "last_activity_at": earlier}],
        later=["last_activity_at"],
    )

    progress.refresh_from_db()
    assert (progress.status, progress.attempts) == ("completed", 5)
    assert progress.last_activity_at == later


def test_lock_rows_returns_existing_and_new_rows_as_instances():
    scene = make_scene(learners=2)
    first, second = scene.learners
    module = scene.quiz.module
    existing = ModuleProgress.objects.create(user=first, module=module, attempts=4)
    new = sql.new_rows([ModuleProgress(user=u, module=module) for u in (first, second)])

    rows = sql.lock_rows(ModuleProgress, new, ["user_id", "module_id"])

    by_user = {row.user_id: row for row in rows}
    assert by_user[first.pk].pk == existing.pk and by_user[first.pk].attempts == 4
    assert by_user[second.pk].attempts == 0
    assert ModuleProgress.objects.filter(module=module).count() == 2


def test_insert_new_rows_returns_only_the_keys_it_inserted():
    scene = make_scene()
    user, module = scene.learner, scene.quiz.module
    enrolment = scene.enrolments[user.pk]
    taken, fresh = uuid.uuid4(), uuid.uuid4()
    rows = [
        sql.new_rows(
            [
                ProgressEvent(
                    id=pk,
                    user=user,
                    module=module,
                    enrolment=enrolment,
                    kind="started",
                    occurred_at=timezone.now(),
                )
            ]
        )[0]
        | {"id": pk}
        for pk in (taken, fresh)
    ]
    assert sql.insert_new_rows(ProgressEvent, rows[:1]) == {taken.hex}

    assert sql.insert_new_rows(ProgressEvent, rows) == {fresh.hex}
    assert ProgressEvent.objects.filter(user=user).count() == 2


def test_live_modules_counts_the_stored_events_among_those_asked_about():
    scene = make_scene(modules=2)
    module = scene.quiz.module
    stored = ProgressEvent.objects.create(
        user=scene.learner,
        module=module,
        enrolment=scene.enrolments[scene.learner.pk],
        kind="started",
        occurred_at=timezone.now(),
    )
    other = scene.quizzes[1].module
    other.unpublish()

    rows = sql.live_modules([module.pk, other.pk], [stored.pk, uuid.uuid4()])

    ((pk, path, body, count),) = rows
    assert (pk, path, count) == (module.pk, module.path, 1)
    assert '"question"' in body


def test_programme_enrolments_reads_the_enrolment_of_the_programme_at_a_path():
    scene = make_scene()
    enrolment = scene.enrolments[scene.learner.pk]

    rows = sql.programme_enrolments(
        scene.learner.pk, [scene.programme.path, "no-such-path"]
    )

    assert rows == [
        (
            enrolment.pk,
            None,
            scene.programme.pk,
            scene.programme.path,
            scene.programme.depth,
            None,
            None,
        )
    ]
    assert sql.programme_enrolments(make_learner().pk, [scene.programme.path]) == []


def test_stored_blocks_lists_each_answered_question_once():
    scene = make_scene()
    user, quiz = scene.learner, scene.quiz
    question = next(iter(quiz.questions))
    for _ in range(2):
        ProgressEvent.objects.create(
            user=user,
            module=quiz.module,
            enrolment=scene.enrolments[user.pk],
            kind="answered",
            block_id=question,
            occurred_at=timezone.now(),
        )

    rows = sql.stored_blocks(user.pk, "answered", [quiz.module.pk])

    assert rows == [(quiz.module.pk, question)]
    assert sql.stored_blocks(user.pk, "completed", [quiz.module.pk]) == []


def test_live_token_finds_an_active_users_unrevoked_token_and_its_staleness():
    user = make_learner()
    token, plaintext = APIToken.create_token(user=user, name="sync")
    hashes = APIToken.candidate_key_hashes(plaintext)
    now = timezone.now()

    assert sql.live_token(hashes, now) == (token.pk, user.pk, True)
    APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    assert not sql.live_token(hashes, now - timedelta(minutes=1))[2]

    user.is_active = False
    user.save()
    assert sql.live_token(hashes, now) is None
    assert sql.live_token(hashes, now, check_active=False)[1] == user.pk
    APIToken.objects.filter(pk=token.pk).update(revoked_at=now)
    assert sql.live_token(hashes, now, check_active=False) is None
