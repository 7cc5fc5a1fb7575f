"""The first answer to a question counts; the latest is kept beside it.

Existing rows held the latest answer. It is copied into the new fields here;
`manage.py recompute_progress` then rebuilds the first answers (and every
roll-up) from the stored events.
"""

from django.db import migrations, models
from django.db.models import F


def keep_the_latest(apps, schema_editor):
    apps.get_model("lms", "QuestionResponse").objects.update(
        latest_correct=F("correct"), latest_answered_at=F("answered_at")
    )


class Migration(migrations.Migration):
    dependencies = [("lms", "0010_event_failures")]

    operations = [
        migrations.AddField(
            model_name="questionresponse",
            name="latest_correct",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="questionresponse",
            name="latest_answered_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(keep_the_latest, migrations.RunPython.noop),
    ]
