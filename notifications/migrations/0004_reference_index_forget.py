"""Notifications and deliveries are no longer in Wagtail's reference index
(``wagtail_reference_index_ignore``): forget the rows already written for them."""

from django.db import migrations


def forget(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    reference = apps.get_model("wagtailcore", "ReferenceIndex")
    types = content_type.objects.filter(app_label="notifications", model__in=["notification", "delivery"])
    reference.objects.filter(base_content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_daily_digest"),
        ("wagtailcore", "0078_referenceindex"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
