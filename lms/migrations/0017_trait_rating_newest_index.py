"""The trait ratings' index in the newest-rating window's full order.

The window (lms.readiness.sources.newest) partitions by enrolment, trait and
role and orders by created_at then id, newest first; the old index lacked the
id, so PostgreSQL sorted every rating of the cohort. With it the rows come
back in order.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lms", "0016_module_block_state")]

    operations = [
        migrations.RemoveIndex(model_name="traitrating", name="trait_rating_latest"),
        migrations.AddIndex(
            model_name="traitrating",
            index=models.Index(
                fields=["enrolment", "trait", "rater_role", "-created_at", "-id"],
                name="trait_rating_newest",
            ),
        ),
    ]
