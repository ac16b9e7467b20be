"""``python -m bench [name …]``: run the benchmarks in bench/ and print their figures."""

import argparse
import importlib
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(module.name for module in pkgutil.iter_modules([str(HERE)]) if not module.name.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(available())})")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(available()))
        return 0
    unknown = sorted(set(args.names) - set(available()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available())}")

    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    from audit.actors import Door, acting_as
    from bench import Report, format_table, scratch_database

    settings.DEBUG = True  # let CaptureQueriesContext see the queries
    database = connection.settings_dict
    print(f"Sepakat benchmarks on {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})")
    failures = 0
    for name in args.names or available():
        module = importlib.import_module(f"bench.{name}")
        report = Report(benchmark=name)
        started = time.perf_counter()
        try:
            with acting_as(f"command:bench:{name}", door=Door.COMMAND):
                if getattr(module, "SCRATCH_DATABASE", False):
                    with scratch_database() as scratch:
                        report.note(f"ran on the scratch database {scratch} (real commits), dropped afterwards")
                        module.run(report)
                else:
                    with transaction.atomic():
                        module.run(report)
                        transaction.set_rollback(True)  # leave the database as it was
        except Exception as error:  # a broken benchmark must not hide the others' figures
            failures += 1
            print(f"\n== {name}: FAILED: {error!r}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        print(f"\n== {name} ({time.perf_counter() - started:.1f} s)")
        if report.figures:
            print(format_table(report.figures))
        for note in report.notes:
            print(f"   {note}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
