"""Issue 12 item 11: the tracking secret's hash leaves the complaint history table, and
reporters' identities are encrypted at rest.

* ``secret_hash`` is dropped from ``historicalcomplaint`` (``EXCLUDED_FIELDS``). Every history
  row's digest changes with it: ``audit.redigest`` notes the rows still intact before the drop
  and signs their new digest after it, so the audit chain still verifies (a row already
  tampered with stays flagged).
* ``ReporterIdentity`` name/e-mail/phone become ``atrest.fields.EncryptedTextField``; existing
  rows are re-saved, which encrypts them (reading tolerates plaintext until then).
"""

import atrest.fields
from django.db import migrations

REASON = "complaints 0009: kolom secret_hash dihapus dari riwayat pengaduan"
LABEL = "complaints.complaint"


def _models(apps):
    return {
        "history_model": apps.get_model("complaints", "HistoricalComplaint"),
        "label": LABEL,
        "redigest_model": apps.get_model("audit", "SourceRedigest"),
    }


def prepare(apps, schema_editor):
    from audit.redigest import redigest_prepare

    redigest_prepare(**_models(apps), reason=REASON, event_model=apps.get_model("audit", "AuditEvent"))


def finish(apps, schema_editor):
    from audit.redigest import redigest_finish

    redigest_finish(**_models(apps))


def encrypt_identities(apps, schema_editor):
    ReporterIdentity = apps.get_model("complaints", "ReporterIdentity")
    for identity in ReporterIdentity.objects.order_by("pk").iterator(chunk_size=500):
        identity.save(update_fields=["name", "email", "phone"])  # the field encrypts on save


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0008_opd_recent_index"),
        ("audit", "0008_source_redigest"),
    ]

    operations = [
        migrations.RunPython(prepare, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalcomplaint", name="secret_hash"),
        migrations.RunPython(finish, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reporteridentity",
            name="email",
            field=atrest.fields.EncryptedTextField(
                blank=True, keys_setting="COMPLAINT_IDENTITY_KEYS", purpose="complaint-identity", verbose_name="email"
            ),
        ),
        migrations.AlterField(
            model_name="reporteridentity",
            name="name",
            field=atrest.fields.EncryptedTextField(
                blank=True, keys_setting="COMPLAINT_IDENTITY_KEYS", purpose="complaint-identity", verbose_name="nama"
            ),
        ),
        migrations.AlterField(
            model_name="reporteridentity",
            name="phone",
            field=atrest.fields.EncryptedTextField(
                blank=True, keys_setting="COMPLAINT_IDENTITY_KEYS", purpose="complaint-identity", verbose_name="telepon"
            ),
        ),
        migrations.RunPython(encrypt_identities, migrations.RunPython.noop),
    ]
