from django.core.management.base import BaseCommand

from audit.chain import seal_pending


class Command(BaseCommand):
    help = "Segel peristiwa audit yang belum masuk rantai (biasanya otomatis setelah commit)."

    def handle(self, *args, **options):
        self.stdout.write(f"{seal_pending()} peristiwa disegel.")
