"""The fill page's live parts, server side: condition hints, the template row, rows added by the
page's script, and the server still enforcing conditions whatever the browser showed.

The browser half (a field appearing and a row added without a reload) is
tests/e2e/test_live_fill.py.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reporting.models import Submission
from tests.factories import PemdaFactory, make_form, simple_schema
from tests.factories.reports import report_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot(db):
    PemdaFactory()
    return report_slot(form=make_form(simple_schema("isi_langsung")))


def _edit(sub) -> str:
    return reverse("reporting_submission_edit", args=[sub.pk])


def test_conditional_fields_carry_a_plain_hint_and_a_hidden_required_mark(slot, client):
    client.force_login(slot.operator)
    html = client.get(_edit(slot.submission)).content.decode()
    hint = re.search(r'<p class="help report-hint" data-hint-for="uraian">([^<]*)</p>', html)
    assert hint, "no hint for the conditional field"
    assert hint.group(1) == "Ditampilkan bila “Ada kegiatan?” = Ya. Wajib diisi bila “Ada kegiatan?” = Ya."
    assert 'data-required-for="uraian" hidden' in html  # only required when "Ada kegiatan?" is Ya
    assert re.search(r'data-required-for="nama">', html)  # always required: shown
    assert 'data-hint-for="nama"' not in html
    version = slot.form.versions.get()
    assert f'data-evaluate-url="{reverse("forms_builder_evaluate")}" data-version="{version.pk}"' in html
    assert "reporting/report_live.js" in html


def test_growing_tables_carry_a_template_row_and_the_submit_fallback(slot, client):
    client.force_login(slot.operator)
    html = client.get(_edit(slot.submission)).content.decode()
    template = re.search(r'<template id="row-template-anggaran">(.*?)</template>', html, re.S)
    assert template, "no template row"
    row = template.group(1)
    for column in ("kegiatan", "pagu", "realisasi"):
        assert f'name="f-anggaran.__i__.{column}"' in row
    assert 'id="computed-anggaran.__i__.serapan"' in row
    assert 'data-path="anggaran.__i__.pagu"' in row
    assert "__delete" not in row  # a new row has nothing to delete
    button = re.search(r'<button[^>]*data-add-row="anggaran"[^>]*>', html).group(0)
    assert 'type="submit"' in button
    assert 'name="add_row"' in button
    assert 'data-max-rows="5"' in button
    assert '<input type="hidden" name="rows-anggaran" value="1">' in html  # one blank row shown


def test_rows_added_by_the_page_are_saved(slot, client):
    client.force_login(slot.operator)
    sub = slot.submission
    data = {
        "revision": sub.revision,
        "f-nama": "Dinas Uji",
        "f-ada_kegiatan": "tidak",
        "rows-anggaran": "3",  # the shown blank row plus two copies of the template row
        "f-anggaran.0.kegiatan": "Aspal",
        "f-anggaran.0.pagu": "1.000.000",
        "f-anggaran.1.kegiatan": "Cat",
        "f-anggaran.1.pagu": "500.000",
        "f-anggaran.2.kegiatan": "Rambu",
        "f-anggaran.2.pagu": "250.000",
        "f-anggaran.2.realisasi": "125.000",
    }
    response = client.post(_edit(sub), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    sub = Submission.objects.get(pk=sub.pk)
    assert [r["kegiatan"] for r in sub.answers["anggaran"]] == ["Aspal", "Cat", "Rambu"]
    html = client.get(_edit(sub)).content.decode()
    assert 'value="Rambu"' in html
    assert '<input type="hidden" name="rows-anggaran" value="4">' in html


def test_the_server_enforces_conditions_whatever_the_page_showed(slot, client):
    client.force_login(slot.operator)
    sub = slot.submission
    base = {"f-nama": "Dinas Uji", "rows-anggaran": "1", "f-anggaran.0.kegiatan": "A", "f-anggaran.0.pagu": "1"}
    # hidden by its condition: a value typed before hiding it is not kept
    response = client.post(_edit(sub), {**base, "revision": sub.revision, "f-ada_kegiatan": "tidak", "f-uraian": "x"})
    assert response.status_code == 302
    sub = Submission.objects.get(pk=sub.pk)
    assert "uraian" not in sub.answers or sub.answers["uraian"] is None
    # required by its condition: submitting without it is refused, with the field marked
    data = {**base, "revision": sub.revision, "f-ada_kegiatan": "ya", "f-uraian": "", "submit": "1"}
    response = client.post(_edit(sub), data)
    assert response.status_code == 400
    assert re.search(r'data-error-for="uraian">Wajib diisi\.', response.content.decode())
