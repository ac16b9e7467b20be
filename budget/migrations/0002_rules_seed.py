"""Reference data: the contract rules as published (procurement rules, shared/domain/README.md "Serap").

The Pemda edits or supersedes this row in the admin (a new ``valid_from``); nothing reads these
numbers from code.
"""

import datetime

from django.db import migrations

SEED = {
    "valid_from": datetime.date(2021, 1, 1),
    "source": "Perpres 16/2018 jo. Perpres 12/2021 (Pengadaan Barang/Jasa Pemerintah) dan aturan turunannya; "
    "belum dikonfirmasi, sesuaikan dengan kebijakan Pemda",
    "penalty_per_mille_per_day": "1.000",
    "penalty_max_days": 50,
    "critical_low_band_max": "70.00",
    "critical_low_gap": "10.00",
    "critical_high_gap": "5.00",
    "contract_stage_days": "calendar",
    "administrative_stage_days": "working",
    "escalation_days": 3,
    "quiet_hours_start": datetime.time(21, 0),
    "quiet_hours_end": datetime.time(7, 0),
}


def seed(apps, schema_editor):
    rules = apps.get_model("budget", "BudgetRules")
    rules.objects.get_or_create(valid_from=SEED["valid_from"], defaults=SEED)


def unseed(apps, schema_editor):
    apps.get_model("budget", "BudgetRules").objects.filter(valid_from=SEED["valid_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
