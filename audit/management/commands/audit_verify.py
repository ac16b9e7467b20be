from django.core.management.base import BaseCommand, CommandError

from audit.verify import verify_chain


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit dan sebutkan mata rantai pertama yang rusak."

    def add_arguments(self, parser):
        parser.add_argument("--links-only", action="store_true", help="Hanya periksa rantai, bukan baris sumber.")

    def handle(self, *args, **options):
        result = verify_chain(check_sources=not options["links_only"])
        if not result.ok:
            raise CommandError(f"RUSAK: {result.broken}")
        self.stdout.write(
            self.style.SUCCESS(f"OK: {result.checked} mata rantai utuh; kepala #{result.head_seq} {result.head_hash}")
        )
