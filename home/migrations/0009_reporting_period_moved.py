# The periodic-reporting models moved from forms_builder to reporting (tables unchanged).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_result_pages"),
        ("reporting", "0001_initial"),
    ]

    # The FK must point at the moved model before forms_builder drops it from its state.
    run_before = [
        ("forms_builder", "0004_reporting_moved_out"),
    ]

    operations = [
        # State only: the FK column and its target table are unchanged.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="publishedreportpage",
                    name="period",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="reporting.reportingperiod",
                        verbose_name="periode",
                    ),
                ),
            ],
        ),
    ]
