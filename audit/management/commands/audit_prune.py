from django.core.management.base import BaseCommand

from audit.retention import history_prune_all, retention_policy


class Command(BaseCommand):
    help = (
        "Pangkas riwayat yang lebih tua dari batas per model (settings.AUDIT_RETENTION_DAYS; bawaan: simpan selamanya)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hitung saja, jangan hapus.")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        if not retention_policy():
            self.stdout.write("Tidak ada kebijakan retensi: riwayat disimpan selamanya.")
        for run in history_prune_all(batch_size=options["batch_size"], dry_run=options["dry_run"]):
            verb = "akan dihapus" if run.dry_run else "dihapus"
            self.stdout.write(f"{run.model}: {run.deleted} baris sebelum {run.cutoff:%Y-%m-%d} {verb}.")
