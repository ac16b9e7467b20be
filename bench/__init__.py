"""Benchmarks that print figures: ``python -m bench [name …]`` (``make bench``).

A benchmark is a module ``bench/<name>.py`` with a ``run(report: Report) -> None``
function. It builds the data it needs, measures with ``report.measure(...)`` and leaves
the rest to the harness, which runs every benchmark inside a transaction that is rolled
back afterwards, so the development database is left as it was.

A benchmark that must see real commits (write throughput: each request commits, sealing
and other on-commit work run, as in production) sets ``SCRATCH_DATABASE = True``; the
harness then runs it in autocommit mode on a scratch database created and migrated for
the run (``<name>_scratch``, like a test database) and dropped afterwards.

No timing assertions anywhere: figures are for people comparing runs, not for CI.
"""

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Figure:
    benchmark: str
    case: str
    size: int
    median_ms: float
    best_ms: float
    queries: int
    rounds: int
    p95_ms: float | None = None  # with 20 rounds or more
    target_ms: float | None = None  # the p95 (or, with fewer rounds, the slowest round) it should stay under
    worst_ms: float = 0.0

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        worst = self.p95_ms if self.p95_ms is not None else self.worst_ms
        return f"< {self.target_ms:.0f}: {'met' if worst < self.target_ms else 'NOT met'}"


@dataclass
class Report:
    """What a benchmark writes its figures to."""

    benchmark: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def measure(
        self, case: str, size: int, fn: Callable[[], object], *, rounds: int = 7, target_ms: float | None = None
    ) -> Figure:
        """Time ``fn`` ``rounds`` times (after one warm-up) and count its queries on the last round;
        with 20 rounds or more the p95 is given too, and ``target_ms`` is checked against it (against
        the slowest round with fewer)."""
        fn()
        timings = []
        for _round in range(rounds - 1):
            start = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - start) * 1000)
        figure = Figure(
            benchmark=self.benchmark,
            case=case,
            size=size,
            median_ms=statistics.median(timings),
            best_ms=min(timings),
            queries=len(queries),
            rounds=rounds,
            p95_ms=statistics.quantiles(timings, n=20)[18] if len(timings) >= 20 else None,
            target_ms=target_ms,
            worst_ms=max(timings),
        )
        self.figures.append(figure)
        return figure

    def note(self, text: str) -> None:
        self.notes.append(text)


def format_table(figures: list[Figure]) -> str:
    header = ("benchmark", "case", "size", "median ms", "best ms", "p95 ms", "queries", "rounds", "target ms")
    rows = [
        (
            f.benchmark,
            f.case,
            str(f.size),
            f"{f.median_ms:.2f}",
            f"{f.best_ms:.2f}",
            "" if f.p95_ms is None else f"{f.p95_ms:.2f}",
            str(f.queries),
            str(f.rounds),
            f.verdict,
        )
        for f in figures
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


@contextmanager
def scratch_database() -> Iterator[str]:
    """Create and migrate ``<NAME>_scratch`` (a file next to an SQLite database), point the
    default connection at it, and drop it afterwards; yields its name."""
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    scratch = f"{old_name}_scratch"
    settings_dict.setdefault("TEST", {})["NAME"] = scratch
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield scratch
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
