from django.core.management.base import BaseCommand, CommandError

from audit.verify import verify_chain


class Command(BaseCommand):
    help = (
        "Periksa rantai hash jejak audit, HMAC setiap peristiwa, dan bahwa setiap baris riwayat "
        "tercakup peristiwa; sebutkan setiap masalah."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--links-only", action="store_true", help="Hanya periksa rantai dan HMAC, bukan baris sumber."
        )

    def handle(self, *args, **options):
        result = verify_chain(check_sources=not options["links_only"])
        pending = f"; {result.pending} peristiwa belum disegel (bertanda tangan sah)" if result.pending else ""
        if not result.ok:
            lines = result.problems()
            raise CommandError(f"RUSAK ({len(lines)} masalah{pending}):\n" + "\n".join(f"- {line}" for line in lines))
        self.stdout.write(
            self.style.SUCCESS(
                f"OK: {result.checked} mata rantai utuh; kepala #{result.head_seq} {result.head_hash}{pending}"
            )
        )
