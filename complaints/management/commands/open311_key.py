"""``manage.py open311_key create NAME | list | revoke ID``: Open311 partner keys.

The clear key is printed once by ``create``; only its SHA-256 is stored.
"""

from django.core.management.base import BaseCommand, CommandError

from audit.actors import Door
from complaints.errors import ValidationError
from complaints.models import Open311Key
from complaints.partners import open311_key_create, open311_key_revoke


class Command(BaseCommand):
    help = "Kelola kunci API Open311 aplikasi mitra: create NAMA | list | revoke ID."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Buat kunci baru (ditampilkan sekali).")
        create.add_argument("name")
        sub.add_parser("list", help="Daftar kunci (tanpa kunci itu sendiri).")
        revoke = sub.add_parser("revoke", help="Nonaktifkan kunci.")
        revoke.add_argument("id", type=int)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "create":
            try:
                key, clear = open311_key_create(name=options["name"], door=Door.COMMAND)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(f"Kunci Open311 #{key.pk} untuk {key.name} (simpan sekarang, tidak ditampilkan lagi):")
            self.stdout.write(clear)
        elif action == "list":
            for key in Open311Key.objects.order_by("pk"):
                state = "aktif" if key.is_active else "dicabut"
                self.stdout.write(f"{key.pk}\t{state}\t{key.created_at:%Y-%m-%d}\t{key.name}")
        else:
            key = Open311Key.objects.filter(pk=options["id"]).first()
            if key is None:
                raise CommandError(f"Kunci #{options['id']} tidak ada.")
            open311_key_revoke(key=key, door=Door.COMMAND)
            self.stdout.write(f"Kunci #{key.pk} ({key.name}) dicabut.")
