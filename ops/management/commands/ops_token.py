"""Print an API token for a staff-only operations account (monitoring, smoke tests)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from audit.actors import Door, acting_as


class Command(BaseCommand):
    help = "Membuat (atau memakai ulang) akun staf operasional tanpa kata sandi dan mencetak tokennya."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="ops", help="Nama akun staf operasional (bawaan: ops).")

    def handle(self, *args, username: str, **options):
        with acting_as("command:ops_token", door=Door.COMMAND):
            user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            elif not user.is_staff:
                raise CommandError(f"Akun {username!r} sudah ada dan bukan staf: pilih nama lain.")
            token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
