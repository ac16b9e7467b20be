"""Every audit event carries an HMAC by the application's key (audit/signing.py).

Cutover (docs/adr/0003-audit-trail.md): events already written were written by the application
before signing existed; they are sealed here with the old rule, and ``ChainHead.signed_from_seq``
records the last of them: those stay protected by the chain (and the anchored heads) only, every
later event and every unsealed event must carry a valid HMAC. The append-only guards (0003, 0006)
are extended to the two new columns.
"""

from django.db import migrations, models
from django.utils import timezone

from audit.migrations import _guards

GENESIS = "0" * 64


def cutover(apps, schema_editor):
    from audit.chain import link_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    head, _created = ChainHead.objects.get_or_create(pk=1)
    seq, prev = head.seq, head.hash or GENESIS
    pending = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id"))
    for event in pending:
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = prev = link_hash(prev, seq, event.payload)
    if pending:
        AuditEvent.objects.bulk_update(pending, ["seq", "prev_hash", "hash"], batch_size=500)  # audit: bulk-ok
        head.seq, head.hash, head.sealed_at = seq, prev, timezone.now()
    head.signed_from_seq = head.seq
    head.save()


def guard(apps, schema_editor):
    _guards.install(schema_editor, with_hmac=True)


def unguard(apps, schema_editor):
    _guards.install(schema_editor, with_hmac=False)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0006_sqlite_append_only_guard'),
    ]

    operations = [
        migrations.CreateModel(
            name='RefusedEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event_id', models.BigIntegerField(unique=True, verbose_name='ID peristiwa')),
                ('refused_at', models.DateTimeField(auto_now_add=True, verbose_name='ditolak pada')),
                ('problem', models.CharField(max_length=255, verbose_name='masalah')),
            ],
            options={
                'verbose_name': 'peristiwa audit yang ditolak',
                'verbose_name_plural': 'peristiwa audit yang ditolak',
                'ordering': ('-refused_at',),
                'default_permissions': ('view',),
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hmac',
            field=models.CharField(blank=True, max_length=64, null=True, verbose_name='HMAC'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hmac_key_id',
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name='ID kunci HMAC'),
        ),
        migrations.AddField(
            model_name='chainhead',
            name='signed_from_seq',
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(cutover, migrations.RunPython.noop),
        migrations.RunPython(guard, unguard),
    ]
