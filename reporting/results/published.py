"""The published results as the API serves them: plain data, or ``None`` when nothing is published
(for the year asked). REST answers ``None`` with a 404, GraphQL with ``null``: one rule, two doors."""

from .common import SAKIP_FORM_KEY, SPBE_FORM_KEY, SPM_FORM_KEY, published_form
from .sakip import sakip_data, sakip_results
from .spbe import spbe_data, spbe_results
from .spm import spm_data, spm_results


def published_sakip(*, year: int | None = None) -> dict | None:
    form = published_form(SAKIP_FORM_KEY)
    res = sakip_results(form=form, year=year) if form else None
    if res is None or res.year is None or (res.pemda is None and not res.opds):
        return None
    return sakip_data(res)


def published_spbe(*, year: int | None = None) -> dict | None:
    form = published_form(SPBE_FORM_KEY)
    res = spbe_results(form=form, year=year) if form else None
    return None if res is None or res.year is None else spbe_data(res)


def published_spm(*, year: int | None = None) -> dict | None:
    form = published_form(SPM_FORM_KEY)
    res = spm_results(form=form, year=year) if form else None
    return None if res is None or res.year is None else spm_data(res)
