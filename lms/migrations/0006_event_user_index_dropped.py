"""Drop ProgressEvent's single-column user index; two composite indexes lead with the user.

Django's own AlterField would also drop and re-add the user foreign key, which
re-checks every event row; dropping the index by its name is all that is needed.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "lms_progressevent_user_id_59367d3f"


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0005_snapshot_at_risk_enrolments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="progressevent",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress_events",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    reverse_sql=f"CREATE INDEX {INDEX} ON lms_progressevent (user_id)",
                ),
            ],
        ),
    ]
