import json

from django.core.management.base import BaseCommand

from audit.chain import chain_head


class Command(BaseCommand):
    help = "Cetak kepala rantai audit (nomor urut dan hash) untuk disimpan di luar basis data."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        head = chain_head()
        if options["json"]:
            self.stdout.write(json.dumps(head.as_dict()))
        else:
            self.stdout.write(f"seq={head.seq} hash={head.hash} exported_at={head.exported_at.isoformat()}")
