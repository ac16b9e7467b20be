"""The SVG chart renderer and the data formats behind every chart (no database)."""

import json

import pytest
from defusedxml import ElementTree

from home.charts import ChartData, Series, format_value, render_chart

SVG = "{http://www.w3.org/2000/svg}"


def data(**kw) -> ChartData:
    defaults = {
        "title": "Pengaduan per OPD",
        "labels": ("Dinas Kesehatan", "Disdikbud", "Kecamatan Nunukan"),
        "series": (Series("2025", (12.0, 7.0, None)), Series("2026", (15.0, 3.5, 2.0))),
        "unit": "",
    }
    defaults.update(kw)
    return ChartData(**defaults)


@pytest.mark.parametrize("kind", ["bar", "line", "donut"])
def test_every_chart_is_accessible_well_formed_svg(kind):
    svg = render_chart(kind, data(), chart_id="chart-abc")
    root = ElementTree.fromstring(str(svg))  # well-formed XML or this raises
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-abc-t chart-abc-d"
    assert root.find(f"{SVG}title").text == "Pengaduan per OPD"
    desc = root.find(f"{SVG}desc").text
    assert "3 data" in desc
    assert "Dinas Kesehatan" in desc  # the highest value is named for screen readers
    marks = [el for el in root.iter() if "chart-mark" in (el.get("class") or "")]
    assert marks, "every value is a mark with its own tooltip"


def test_bar_chart_draws_one_bar_per_known_value_with_tooltips():
    root = ElementTree.fromstring(str(render_chart("bar", data(), chart_id="c")))
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 5  # six values, one missing
    tips = sorted(r.find(f"{SVG}title").text for r in rects)
    assert "2026 – Disdikbud: 3,5" in tips  # Indonesian decimal comma


def test_text_is_escaped_never_injected():
    evil = data(title="<script>alert(1)</script>", labels=("<b>x</b>", "a&b", '"q"'))
    svg = str(render_chart("bar", evil, chart_id='x" onload="alert(1)'))
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert 'onload="' not in svg
    ElementTree.fromstring(svg)


def test_donut_leaves_out_negative_and_zero_values_and_shows_the_total():
    d = data(series=(Series("n", (5.0, 0.0, -3.0)),))
    root = ElementTree.fromstring(str(render_chart("donut", d, chart_id="d")))
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert "5" in texts  # total in the hole
    single = [c for c in root.iter(f"{SVG}circle") if "chart-s0" in (c.get("class") or "")]
    assert single, "a single positive slice is a full circle"


def test_unknown_chart_type_falls_back_to_bar():
    assert 'class="chart chart-bar"' in render_chart("pie3d", data(), chart_id="z")


def test_series_length_must_match_labels():
    with pytest.raises(ValueError, match="1 nilai untuk 2 label"):
        ChartData(title="x", labels=("a", "b"), series=(Series("s", (1.0,)),))


def test_csv_has_a_header_row_and_neutralises_formulas():
    d = data(labels=("=HYPERLINK(1)", "+1", "Biasa"))
    lines = d.to_csv().splitlines()
    assert lines[0] == "Label,2025,2026"
    assert lines[1].startswith("'=HYPERLINK(1)")
    assert lines[2].startswith("'+1")
    assert lines[3] == "Biasa,,2"


def test_json_round_trips_labels_and_series():
    payload = json.loads(json.dumps(data().to_json()))
    assert payload["labels"] == ["Dinas Kesehatan", "Disdikbud", "Kecamatan Nunukan"]
    assert payload["series"][1] == {"name": "2026", "values": [15.0, 3.5, 2.0]}


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1234567, "", "1.234.567"),
        (87.5, "%", "87,5%"),
        (None, "", "–"),
        (2.25, "Rp", "Rp 2,25"),
        (1500000, "Rp", "Rp 1.500.000"),
        (12, "orang", "12 orang"),
        (0, "", "0"),
    ],
)
def test_numbers_are_formatted_the_indonesian_way(value, unit, text):
    assert format_value(value, unit) == text


def test_empty_data_is_reported_empty():
    assert ChartData(title="x", labels=(), series=()).is_empty
    assert ChartData(title="x", labels=("a",), series=(Series("s", (None,)),)).is_empty
    assert not data().is_empty
