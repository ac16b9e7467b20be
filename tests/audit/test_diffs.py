"""Diff helpers: JSON answers per key, long text by line, short values old → new."""

from audit.diffs import json_diff, text_diff, value_diff


def test_json_answers_are_diffed_per_key():
    old = {"jumlah_pegawai": 40, "catatan": "lengkap", "lama": 1}
    new = {"jumlah_pegawai": 42, "catatan": "lengkap", "baru": True}
    diff = value_diff("answers", "Jawaban", old, new)
    assert diff.kind == "json"
    assert diff.items == [
        {"key": "baru", "old": None, "new": True, "change": "added"},
        {"key": "jumlah_pegawai", "old": 40, "new": 42, "change": "changed"},
        {"key": "lama", "old": 1, "new": None, "change": "removed"},
    ]
    assert value_diff("answers", "Jawaban", '{"a": 1}', '{"a": 2}').items == [
        {"key": "a", "old": 1, "new": 2, "change": "changed"}
    ]
    assert json_diff(None, {"a": 1}) == [{"key": "a", "old": None, "new": 1, "change": "added"}]


def test_long_text_is_diffed_with_difflib():
    old = "Baris satu\nBaris dua\nBaris tiga"
    new = "Baris satu\nBaris dua diubah\nBaris tiga"
    diff = value_diff("body", "Isi", old, new)
    assert diff.kind == "text"
    assert ("-", "Baris dua") in diff.lines
    assert ("+", "Baris dua diubah") in diff.lines
    assert (" ", "Baris satu") in diff.lines
    words = text_diff("a " * 50 + "lama", "a " * 50 + "baru")
    assert ("-", "lama") in words
    assert ("+", "baru") in words


def test_short_values_and_equal_values():
    assert value_diff("x", "X", 1, 1) is None
    diff = value_diff("status", "Status", "draft", "submitted")
    assert (diff.kind, diff.old, diff.new) == ("value", "draft", "submitted")
    assert diff.as_dict()["old"] == "draft"


def test_changed_words_are_marked_inline_not_one_word_per_line():
    from audit.diffs import inline_diff

    old = "Dinas Lingkungan Hidup melayani warga setiap hari kerja pukul 08.00 sampai 16.00 WITA di kantor pusat"
    new = "Dinas Lingkungan Hidup melayani warga setiap hari kerja pukul 07.30 sampai 16.00 WITA di kantor pusat"
    diff = value_diff("catatan", "Catatan", old, new)
    assert diff.kind == "text"
    assert diff.segments == [
        (" ", "Dinas Lingkungan Hidup melayani warga setiap hari kerja pukul "),
        ("-", "08.00"),
        ("+", "07.30"),
        (" ", " sampai 16.00 WITA di kantor pusat"),
    ]
    assert inline_diff("", "baru") == [("+", "baru")]


def test_display_values_are_labels():
    import datetime as dt

    from django.utils import translation

    from audit.labels import action_label, display_value, model_name
    from complaints.models import Complaint

    with translation.override("id"):
        assert display_value(Complaint._meta.get_field("status"), "received") == "Diterima"
        assert display_value(None, True) == "Ya"
        assert display_value(None, False) == "Tidak"
        assert display_value(None, None) == "—"
        moment = dt.datetime(2026, 5, 3, 6, 30, tzinfo=dt.UTC)
        assert display_value(None, moment).startswith("3 Mei 2026")
        assert [action_label(a) for a in ("create", "update", "delete")] == ["dibuat", "diubah", "dihapus"]
        assert model_name("complaints.complaint") == "Pengaduan"
