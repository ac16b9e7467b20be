"""StreamField blocks of the form designer, built from the field-type registry.

One StructBlock per field type (``fields.FIELD_TYPES``): the common options (key, label,
help text, required, conditions, public, carry forward) plus the type's own ``options``,
each made by ``OPTION_BLOCKS``. A block's stored value mirrors the published schema, so
``stream_to_fields`` and ``fields_to_stream`` convert both ways without loss (export and
import use them). Each block checks itself in ``clean`` (key format, conditions and
formulas that parse and stay within bounds, the type's own settings) and the form body
refuses duplicate keys; references and cycles across the form are checked on publish.
"""

from __future__ import annotations

import collections
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .expressions import ExpressionError, compile_expression
from .fields import FIELD_TYPES, FILE_TYPES
from .schema import KEY_RE, RESERVED_KEYS, iter_fields, key_from_label


class BandBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=100)
    meaning = blocks.CharBlock(label=_("Arti"), required=False, max_length=100)
    min = blocks.DecimalBlock(label=_("Batas bawah"), required=False)
    max = blocks.DecimalBlock(label=_("Batas atas"), required=False)
    min_inclusive = blocks.BooleanBlock(label=_("Batas bawah termasuk"), required=False, default=True)
    max_inclusive = blocks.BooleanBlock(label=_("Batas atas termasuk"), required=False, default=True)

    class Meta:
        icon = "order"
        label = _("Pita nilai")


#: Help shown beside every "Tabel pita nilai" chooser: what a named table means for published forms.
BAND_TABLE_HELP = _(
    "Pilih tabel pita nilai bernama (mis. Predikat SPBE) atau kosongkan dan isi pita nilai sendiri di bawah. "
    "Isi tabel dibekukan ke versi saat formulir diterbitkan: mengubah tabel nanti hanya memengaruhi draf "
    "dan penerbitan berikutnya, bukan hasil yang sudah terbit."
)


_BAND_TABLE_BLOCK = SnippetChooserBlock(
    "forms_builder.BandTable", label=_("Tabel pita nilai"), required=False, help_text=BAND_TABLE_HELP
)


def band_table_block() -> SnippetChooserBlock:
    """The chooser of a named band table (``BandTable``); when chosen its rows replace the inline bands.

    One instance everywhere (fields, sections, groups, the total): the designer page writes it once
    per StreamField (see ``_option_block``)."""
    return _BAND_TABLE_BLOCK


class ChoiceOptionBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Nilai"), max_length=100)
    label = blocks.CharBlock(label=_("Label"), max_length=255)
    score = blocks.DecimalBlock(label=_("Skor"), required=False)


class RowBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("Kunci baris"), max_length=63)
    label = blocks.CharBlock(label=_("Label baris"), max_length=255)


def _int(label, **kw):
    return blocks.IntegerBlock(label=label, required=False, **kw)


def _dec(label):
    return blocks.DecimalBlock(label=label, required=False)


def _expr(label, help_text=""):
    return blocks.CharBlock(label=label, required=False, max_length=1000, help_text=help_text)


#: option name → block factory (``in_table`` tells nested blocks where they sit).
OPTION_BLOCKS = {
    "key": lambda t: blocks.CharBlock(
        label=_("Kunci"),
        max_length=63,
        required=False,
        help_text=_("Kosongkan agar dibuat dari label. Huruf kecil, angka, garis bawah; tetap sama antarversi."),
    ),
    "label": lambda t: blocks.CharBlock(label=_("Label"), max_length=500),
    "help_text": lambda t: blocks.CharBlock(label=_("Teks bantuan"), required=False, max_length=1000),
    "required": lambda t: blocks.BooleanBlock(label=_("Wajib diisi"), required=False),
    "required_if": lambda t: _expr(_("Wajib jika"), _("Rumus; contoh: ada_kegiatan == true")),
    "show_if": lambda t: _expr(_("Tampilkan jika"), _('Rumus; contoh: jenis == "lainnya"')),
    "public": lambda t: blocks.BooleanBlock(label=_("Boleh dipublikasikan"), required=False),
    "carry_forward": lambda t: blocks.BooleanBlock(label=_("Bawa dari periode sebelumnya"), required=False),
    "weight": lambda t: _dec(_("Bobot")),
    "display": lambda t: blocks.ChoiceBlock(
        label=_("Tampilan"),
        choices=[("step", _("Langkah (satu per layar)")), ("tab", _("Tab"))],
        required=False,
        help_text=_("Cara aplikasi menampilkan bagian ini; kosong = berurutan dalam satu halaman."),
    ),
    "min_length": lambda t: _int(_("Panjang minimum"), min_value=0),
    "max_length": lambda t: _int(_("Panjang maksimum"), min_value=1),
    "pattern": lambda t: blocks.CharBlock(label=_("Pola (regex)"), required=False, max_length=200),
    "pattern_message": lambda t: blocks.CharBlock(label=_("Pesan bila pola tidak cocok"), required=False),
    "min_value": lambda t: _dec(_("Nilai minimum")),
    "max_value": lambda t: _dec(_("Nilai maksimum")),
    "decimals": lambda t: _int(_("Angka di belakang koma"), min_value=0, max_value=6),
    "choices": lambda t: blocks.ListBlock(ChoiceOptionBlock(), label=_("Pilihan"), default=[]),
    "min_choices": lambda t: _int(_("Pilihan minimum"), min_value=0),
    "max_choices": lambda t: _int(_("Pilihan maksimum"), min_value=1),
    "allowed_types": lambda t: blocks.MultipleChoiceBlock(
        label=_("Jenis berkas yang diizinkan"), choices=[(k, k.upper()) for k in FILE_TYPES], required=False
    ),
    "max_size_mb": lambda t: _int(_("Ukuran maksimum (MB)"), min_value=1, max_value=50),
    "formula": lambda t: _expr(
        _("Rumus"),
        _("Contoh: realisasi / target * 100, sum(anggaran.pagu); skor(tingkat) memakai skor pilihan yang dipilih."),
    ),
    "band_table": lambda t: band_table_block(),
    "bands": lambda t: blocks.ListBlock(BandBlock(), label=_("Pita nilai"), default=[]),
    "score": lambda t: _expr(_("Rumus nilai bagian"), _("Kosongkan untuk rata-rata berbobot isian")),
    "rows": lambda t: blocks.ListBlock(
        RowBlock(), label=_("Baris tetap"), help_text=_("Kosongkan untuk baris bebas"), default=[]
    ),
    "min_rows": lambda t: _int(_("Baris minimum"), min_value=0),
    "max_rows": lambda t: _int(_("Baris maksimum"), min_value=1, max_value=500),
    "columns": lambda t: blocks.StreamBlock(_child_blocks("column"), label=_("Kolom")),
    "fields": lambda t: blocks.StreamBlock(_child_blocks("section"), label=_("Isian")),
}

_ICONS = {
    "section": "folder-open-inverse",
    "table": "table",
    "computed": "cogs",
    "heading": "title",
    "file": "doc-full",
}


class FieldBlock(blocks.StructBlock):
    """Base of every field block: checks its key, conditions, formulas and type options."""

    field_type = ""

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        key = value.get("key") or ""
        if not key and value.get("label"):
            # left empty: made from the label (made unique within the form by ``FormBodyBlock``)
            key = value["key"] = key_from_label(value["label"])
            value.key_generated = True
        if not KEY_RE.match(key) or key in RESERVED_KEYS:
            errors["key"] = ValidationError(_("Kunci tidak valid: huruf kecil, angka dan garis bawah, diawali huruf."))
        for name in ("show_if", "required_if", "formula", "score"):
            text = value.get(name) if name in self.child_blocks else None
            if text:
                try:
                    compile_expression(text)
                except ExpressionError as exc:
                    errors[name] = ValidationError(exc.message)
        if self.field_type == "computed" and not value.get("formula"):
            errors["formula"] = ValidationError(_("Isian terhitung membutuhkan rumus."))
        if not errors:
            spec = {"type": self.field_type, **_jsonify_struct(value)}
            problems = FIELD_TYPES[self.field_type].check_spec(spec)
            if problems:
                raise StructBlockValidationError(non_block_errors=[ValidationError(str(p)) for p in problems])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


_BLOCK_CLASSES: dict[tuple[str, str], type] = {}
_OPTION_INSTANCES: dict[str, blocks.Block] = {}


def _option_block(name: str, type_name: str) -> blocks.Block:
    """One block instance per option, shared by every field type's StructBlock.

    The designer page carries the definition of every block; Wagtail's telepath writes an object
    it has already written as a reference, so sharing "Kunci", "Label", "Wajib jika"… across the
    ~50 field blocks (and one column stream across tables) keeps the page small (issue 16: 743 KB
    of HTML for a 50-field form before). The options do not depend on the field type.
    """
    if name not in _OPTION_INSTANCES:
        _OPTION_INSTANCES[name] = OPTION_BLOCKS[name](type_name)
    return _OPTION_INSTANCES[name]


def field_block_class(type_name: str, place: str) -> type[FieldBlock]:
    """The StructBlock class for a field type at ``place`` (top, section or column)."""
    if (type_name, place) in _BLOCK_CLASSES:
        return _BLOCK_CLASSES[(type_name, place)]
    ftype = FIELD_TYPES[type_name]
    names = ["key", "label", "help_text"]
    if ftype.takes_input or type_name == "table":
        names += ["required", "required_if"]
    names += ["show_if"]
    if ftype.takes_input or type_name == "computed":
        names += ["public", "carry_forward"]
    if ftype.scorable or type_name == "section":
        names += ["weight"]
    names += [o for o in ftype.options if o not in names]
    options = {name: _option_block(name, type_name) for name in names}
    attrs = dict(options)
    attrs["field_type"] = type_name
    attrs["Meta"] = type("Meta", (), {"icon": _ICONS.get(type_name, "form"), "label": ftype.label})
    cls = type(f"{type_name.title().replace('_', '')}{place.title()}Block", (FieldBlock,), attrs)
    # shared instances were created in another order: keep this type's own order of options
    cls.base_blocks = cls.declared_blocks = collections.OrderedDict(options)
    cls.__module__ = __name__
    _BLOCK_CLASSES[(type_name, place)] = cls
    globals()[cls.__name__] = cls  # importable by path, as migrations expect
    return cls


_FIELD_INSTANCES: dict[str, blocks.Block] = {}
PLACES = {"top": set(), "section": {"section"}, "column": {"section", "table", "heading"}}


def _field_block(type_name: str) -> blocks.Block:
    """One block instance per field type, shared by the form body, sections and table columns.

    A field type's options are the same wherever it sits (only which types may sit where
    differs), so one definition serves all three places and the designer page carries each
    once. The per-place classes (``ShortTextSectionBlock``…) stay importable for old migrations.
    """
    if type_name not in _FIELD_INSTANCES:
        _FIELD_INSTANCES[type_name] = field_block_class(type_name, "top")()
    return _FIELD_INSTANCES[type_name]


def _child_blocks(place: str) -> list[tuple[str, blocks.Block]]:
    return [(name, _field_block(name)) for name in FIELD_TYPES if name not in PLACES[place]]


def _unique_generated_keys(stream) -> None:
    """Give keys made from labels a suffix when another field of the same scope has that key.

    Top-level and section fields share one scope, each table's columns another. Typed keys are
    never changed (a duplicate typed key is reported instead).
    """
    scopes: list[list] = []

    def collect(children, scope):
        for child in children:
            scope.append(child.value)
            nested = child.value.get("fields") if hasattr(child.value, "get") else None
            if nested is not None and child.block_type == "section":
                collect(nested, scope)
            columns = child.value.get("columns") if hasattr(child.value, "get") else None
            if columns is not None and child.block_type == "table":
                inner: list = []
                scopes.append(inner)
                collect(columns, inner)

    top: list = []
    scopes.append(top)
    collect(stream, top)
    for scope in scopes:
        taken = {v.get("key") for v in scope if not getattr(v, "key_generated", False)}
        for v in scope:
            if getattr(v, "key_generated", False):
                v["key"] = key_from_label(v.get("label"), taken)
                taken.add(v["key"])


class FormBodyBlock(blocks.StreamBlock):
    """The body of a form: sections and fields; refuses a key used twice."""

    def __init__(self, **kwargs):
        super().__init__(_child_blocks("top"), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        _unique_generated_keys(value)
        fields = stream_to_fields(value)
        seen, dupes = set(), []
        for ref in iter_fields({"fields": fields}):
            if ref.path in seen:
                dupes.append(ref.path)
            seen.add(ref.path)
        if dupes:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Kunci '%(key)s' dipakai lebih dari sekali. Setiap isian harus punya kunci unik.")
                        % {"key": k}
                    )
                    for k in dupes
                ]
            )
        return value


class RuleBlock(blocks.StructBlock):
    expression = blocks.CharBlock(label=_("Syarat (harus benar)"), max_length=1000)
    message = blocks.CharBlock(label=_("Pesan bila dilanggar"), max_length=500)
    field = blocks.CharBlock(label=_("Isian yang ditandai"), required=False, max_length=130)

    class Meta:
        icon = "warning"
        label = _("Aturan antarisian")

    def clean(self, value):
        value = super().clean(value)
        try:
            compile_expression(value.get("expression") or "")
        except ExpressionError as exc:
            raise StructBlockValidationError(block_errors={"expression": ValidationError(exc.message)}) from None
        return value


class GroupBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("Kunci kelompok"), max_length=63)
    label = blocks.CharBlock(label=_("Label"), max_length=255)
    sections = blocks.ListBlock(blocks.CharBlock(max_length=63), label=_("Kunci bagian"), default=[])
    band_table = band_table_block()
    bands = blocks.ListBlock(BandBlock(), label=_("Pita nilai"), default=[])


class ScoringBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Nama nilai akhir"), max_length=255, required=False)
    method = blocks.ChoiceBlock(
        label=_("Cara menghitung"),
        choices=[("weighted_mean", _("Rata-rata berbobot bagian")), ("expression", _("Rumus"))],
        default="weighted_mean",
    )
    expression = _expr(_("Rumus nilai akhir"), _("Dapat merujuk kunci bagian"))
    decimals = blocks.IntegerBlock(label=_("Angka di belakang koma"), min_value=0, max_value=6, default=2)
    band_table = band_table_block()
    bands = blocks.ListBlock(BandBlock(), label=_("Pita nilai akhir"), default=[])
    groups = blocks.ListBlock(GroupBlock(), label=_("Kelompok bagian"), default=[])

    class Meta:
        icon = "pick"
        label = _("Penilaian")

    def clean(self, value):
        value = super().clean(value)
        if value.get("method") == "expression":
            try:
                compile_expression(value.get("expression") or "")
            except ExpressionError as exc:
                raise StructBlockValidationError(block_errors={"expression": ValidationError(exc.message)}) from None
        return value


# --- conversions: stream value <-> schema JSON ------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)) or (hasattr(value, "__iter__") and not isinstance(value, (str, dict))):
        if hasattr(value, "items"):
            return _jsonify_struct(value, keep_false=True)
        return [_json(v) for v in value]
    if hasattr(value, "items"):
        return _jsonify_struct(value, keep_false=True)
    return value


def _jsonify_struct(value, keep_false: bool = False) -> dict:
    out = {}
    table = None
    for name, item in value.items():
        if name == "band_table":
            table = item  # a BandTable, or None when none is chosen (or it was deleted)
            continue
        converted = stream_to_fields(item) if name in ("fields", "columns") else _json(item)
        if converted is None or converted == "" or converted == [] or (converted is False and not keep_false):
            continue
        out[name] = converted
    if table is not None:
        # the table's rows as they are now: a draft follows the table, a published version keeps these
        out["band_table"] = table.name
        out["bands"] = table.as_bands()
    return out


def stream_to_fields(stream) -> list[dict]:
    """A body StreamValue (or a nested one) as schema field specs."""
    out = []
    for child in stream:
        spec = {"key": None, "type": child.block_type}
        spec.update(_jsonify_struct(child.value))
        out.append(spec)
    return out


def fields_to_stream(specs: list[dict], table_ids: dict[str, int] | None = None) -> list[dict]:
    """Schema field specs as raw StreamField JSON (for import and templates).

    A spec's ``band_table`` is a table's name in JSON; the block stores its id (``table_ids``:
    name → id, see ``band_tables.link_band_tables``); an unknown name is dropped.
    """
    raw = []
    for spec in specs:
        value = {k: v for k, v in spec.items() if k != "type"}
        if "band_table" in value:
            value["band_table"] = (table_ids or {}).get(value["band_table"])
        for nested in ("fields", "columns"):
            if nested in value:
                value[nested] = fields_to_stream(value[nested], table_ids)
        raw.append({"type": spec["type"], "value": value, "id": str(uuid.uuid4())})
    return raw


def unknown_options(specs: list[dict]) -> list[str]:
    """Options a spec carries that its block does not know (an import would drop them)."""
    problems = []
    for ref in iter_fields({"fields": specs}):
        spec = ref.spec
        if spec.get("type") not in FIELD_TYPES:
            continue
        place = "column" if ref.table else ("section" if ref.section else "top")
        known = set(field_block_class(spec["type"], place).base_blocks) | {"type"}
        for name in sorted(set(spec) - known):
            problems.append(
                str(_("Opsi '%(o)s' tidak dikenal pada isian '%(k)s'.") % {"o": name, "k": spec.get("key")})
            )
    return problems


_child_blocks("top")  # build every block at import time
for _place in PLACES:  # and every per-place class, which old migrations import by path
    for _name in FIELD_TYPES:
        field_block_class(_name, _place)
