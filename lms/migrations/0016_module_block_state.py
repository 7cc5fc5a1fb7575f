"""The module page reads a learner's latest state on each block from one row.

`ModuleBlockState` is filled here from the events already applied, by the
same rule the roll-up keeps it with (lms.progress.block_state.take); a
partial index finds the few events not applied yet, which the page folds
over it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lms.progress.block_state import KINDS, take

CHUNK = 500


def fill_block_states(apps, schema_editor):
    """Fold each learner's applied block events, learner by learner."""
    event_model = apps.get_model("lms", "ProgressEvent")
    events = (
        event_model.objects.filter(applied_at__isnull=False, kind__in=KINDS)
        .exclude(block_id="")
        .order_by("user_id", "module_id", "occurred_at", "id")
        .only(
            "user_id",
            "module_id",
            "kind",
            "block_id",
            "payload",
            "result",
            "occurred_at",
        )
    )
    rows, user, blocks_of = [], None, {}
    for event in events.iterator(chunk_size=2000):
        if event.user_id != user:
            rows += _finished(apps, user, blocks_of)
            user, blocks_of = event.user_id, {}
            if len(rows) >= CHUNK:
                _save(apps, rows)
                rows = []
        take(blocks_of.setdefault(event.module_id, {}), event)
    _save(apps, rows + _finished(apps, user, blocks_of))


def _finished(apps, user, blocks_of):
    """The learner's rows, with each question's first verdict and tries from
    their responses, as the roll-up writes them."""
    if user is None:
        return []
    progress = dict(
        apps.get_model("lms", "ModuleProgress")
        .objects.filter(user_id=user)
        .values_list("module_id", "id")
    )
    responses = {
        question: (correct, attempts)
        for question, correct, attempts in apps.get_model("lms", "QuestionResponse")
        .objects.filter(user_id=user)
        .values_list("question_id", "correct", "attempts")
    }
    state_model = apps.get_model("lms", "ModuleBlockState")
    rows = []
    for module, blocks in blocks_of.items():
        if module not in progress:
            continue
        for block_id, entry in blocks.items():
            if entry["kind"] == "answered" and block_id in responses:
                entry["first_correct"], entry["attempts"] = responses[block_id]
        rows.append(state_model(progress_id=progress[module], blocks=blocks))
    return rows


def _save(apps, rows):
    apps.get_model("lms", "ModuleBlockState").objects.bulk_create(
        rows, batch_size=CHUNK, ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_peer_approval_task"),
        ("lms", "0015_readiness"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ModuleBlockState",
            fields=[
                (
                    "progress",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="block_state",
                        serialize=False,
                        to="lms.moduleprogress",
                    ),
                ),
                ("blocks", models.JSONField(default=dict)),
            ],
        ),
        migrations.AddIndex(
            model_name="progressevent",
            index=models.Index(
                condition=models.Q(
                    ("applied_at__isnull", True), ("failed_at__isnull", True)
                ),
                fields=["user", "module"],
                name="event_user_module_unapplied",
            ),
        ),
        migrations.RunPython(fill_block_states, migrations.RunPython.noop),
    ]
