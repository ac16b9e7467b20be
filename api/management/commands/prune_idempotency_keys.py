from django.core.management.base import BaseCommand

from api.idempotency import idempotency_keys_prune
from audit.actors import Door, acting_as


class Command(BaseCommand):
    help = "Hapus Idempotency-Key yang sudah kedaluwarsa."

    def handle(self, *args, **options):
        with acting_as("command:prune_idempotency_keys", door=Door.COMMAND):
            deleted = idempotency_keys_prune()
        self.stdout.write(self.style.SUCCESS(f"{deleted} Idempotency-Key kedaluwarsa dihapus."))
