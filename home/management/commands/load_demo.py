"""Loads the demo data of every Sepakat app, in dependency order. Safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from audit.actors import Door, acting_as


class Command(BaseCommand):
    help = "Muat data demo (Kabupaten Nunukan): OPD, pengguna demo, halaman, templat formulir."

    def handle(self, *args, **options):
        with acting_as("command:load_demo", door=Door.COMMAND), transaction.atomic():
            for app_label in settings.SEPAKAT_APPS:
                module_name = f"{app_label}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
