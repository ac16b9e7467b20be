"""Prefill sources: platform data that fills some of a form's fields when filling starts.

A domain app registers a source for a form key in its ``AppConfig.ready()``
(``register_prefill("sp4n_lapor_mandiri", source, locked=(…))``); the reporting workflow asks
``prefill_answers`` when an OPD starts a report, so the report opens with the platform's own figures.
A source is ``source(*, opd, start, end) -> {field_key: value}``. ``locked`` names the fields that
record what the platform said: filling cannot change them, so a form can require a reason when the
editable figure differs from them (``required_if`` in the form). The engine knows nothing of where
the numbers come from.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

Source = Callable[..., dict]


@dataclass(frozen=True)
class Prefill:
    source: Source
    locked: frozenset[str]


_SOURCES: dict[str, Prefill] = {}


def register_prefill(form_key: str, source: Source, *, locked: tuple[str, ...] = ()) -> None:
    _SOURCES[form_key] = Prefill(source=source, locked=frozenset(locked))


def prefill_answers(form_key: str, *, opd, start: dt.date, end: dt.date) -> dict:
    """The values the registered source gives for ``opd`` and the period, ``{}`` when none is registered."""
    prefill = _SOURCES.get(form_key)
    return prefill.source(opd=opd, start=start, end=end) if prefill else {}


def locked_fields(form_key: str) -> frozenset[str]:
    prefill = _SOURCES.get(form_key)
    return prefill.locked if prefill else frozenset()
