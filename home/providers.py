"""Data providers: named functions that feed chart and figure blocks with live data.

A provider is registered once under a stable name (saved in the page's StreamField),
so an editor chooses "Pengaduan per kategori" in the admin and the page always shows
today's numbers. Chart providers return :class:`home.charts.ChartData`; figure
providers return :class:`Figure`. Both take keyword-only ``year`` (``None`` = all/latest).
See docs/adr/0007-public-site.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .charts import ChartData


@dataclass(frozen=True)
class Figure:
    value: float | None
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Provider:
    name: str
    label: str  # may be lazy (translated when shown)
    kind: str  # "chart" | "figure"
    func: Callable[..., ChartData | Figure]


_REGISTRY: dict[str, Provider] = {}


def register_provider(name: str, *, label: str, kind: str = "chart") -> Callable:
    """Decorator: ``@register_provider("pengaduan_per_kategori", label="Pengaduan per kategori")``."""
    if kind not in ("chart", "figure"):
        raise ValueError("kind harus 'chart' atau 'figure'")

    def decorator(func: Callable) -> Callable:
        _REGISTRY[name] = Provider(name=name, label=label, kind=kind, func=func)
        return func

    return decorator


def provider_choices(kind: str = "chart") -> list[tuple[str, str]]:
    return sorted(((p.name, p.label) for p in _REGISTRY.values() if p.kind == kind), key=lambda c: str(c[1]))


def chart_provider_choices() -> list[tuple[str, str]]:
    return provider_choices("chart")


def figure_provider_choices() -> list[tuple[str, str]]:
    return provider_choices("figure")


def get_provider(name: str, kind: str) -> Provider | None:
    provider = _REGISTRY.get(name)
    return provider if provider is not None and provider.kind == kind else None


def chart_data(name: str, *, year: int | None = None) -> ChartData | None:
    """The provider's current data, or ``None`` when the provider no longer exists."""
    provider = get_provider(name, "chart")
    return provider.func(year=year) if provider else None


def figure_value(name: str, *, year: int | None = None) -> Figure | None:
    provider = get_provider(name, "figure")
    return provider.func(year=year) if provider else None
