"""Budget lines, import batches and alerts are no longer in Wagtail's reference index
(``wagtail_reference_index_ignore``): forget the rows already written for them."""

from django.db import migrations


def forget(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    reference = apps.get_model("wagtailcore", "ReferenceIndex")
    types = content_type.objects.filter(app_label="budget", model__in=["budgetline", "importbatch", "alert"])
    reference.objects.filter(base_content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0003_opd_agency_choice"),
        ("wagtailcore", "0078_referenceindex"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
