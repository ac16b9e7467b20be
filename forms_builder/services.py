"""Services of the form engine: publish (freeze a version), evaluate, export and import.

Every door calls these: the admin (publish through Wagtail's snippet views, whose
``published`` signal lands in ``form_version_freeze``), REST, GraphQL, ``load_demo``.
Errors are Django ``ValidationError`` dicts keyed by field path; each door renders them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .band_tables import link_band_tables
from .blocks import fields_to_stream, unknown_options
from .fields import CleanContext
from .models import FormDefinition, FormVersion
from .schema import check_schema, compare_schemas, expression_problems, field_map
from .scoring import score_answers
from .validation import NON_FIELD, validate_answers

EXPORT_FORMAT = "sepakat-form"
EXPORT_FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass
class PublishResult:
    version: FormVersion
    created: bool
    warnings: list[str] = field(default_factory=list)


def form_latest_version(*, form: FormDefinition) -> FormVersion | None:
    return form.versions.order_by("-number").first()


def form_publish_check(*, form: FormDefinition) -> tuple[list[str], list[str]]:
    """(problems that block publishing, warnings the editor must confirm) for ``form``."""
    schema = form.build_schema()
    problems = [str(p) for p in check_schema(schema)]
    warnings: list[str] = []
    if form.pk and not problems:
        latest = FormVersion.objects.filter(form_id=form.pk).order_by("-number").first()
        if latest is not None:
            warnings = [str(w) for w in compare_schemas(latest.schema, schema)]
    return problems, warnings


def form_publish(*, form: FormDefinition, actor, accept_key_changes: bool = False) -> PublishResult:
    """Publish the current content of ``form`` and freeze it as a new version.

    Refuses a form with design problems (duplicate keys, broken formulas, unknown
    references, cycles); refuses removed or retyped published keys unless the editor
    accepts them (``accept_key_changes``), since old answers would no longer line up.
    """
    problems, warnings = form_publish_check(form=form)
    if problems:
        raise ValidationError({NON_FIELD: problems})
    if warnings and not accept_key_changes:
        raise ValidationError({"confirm_key_changes": warnings})
    with transaction.atomic():
        if form.pk is None:
            form.save()
        before = form_latest_version(form=form)
        revision = form.save_revision(user=actor, clean=False)
        revision.publish(user=actor, skip_permission_checks=True)  # the signal freezes the version
        after = form_latest_version(form=form)
    form.refresh_from_db()
    return PublishResult(version=after, created=after != before, warnings=warnings)


def form_version_freeze(*, form: FormDefinition, actor) -> FormVersion | None:
    """Freeze the live content of ``form`` as the next version (none if nothing changed)."""
    schema = form.build_schema()
    problems = check_schema(schema)
    if problems:
        raise ValidationError({NON_FIELD: [str(p) for p in problems]})
    with transaction.atomic():
        FormDefinition.objects.select_for_update().filter(pk=form.pk).first()
        latest = FormVersion.objects.filter(form=form).order_by("-number").first()
        if latest is not None and latest.schema == schema:
            return None
        number = (FormVersion.objects.filter(form=form).aggregate(m=Max("number"))["m"] or 0) + 1
        return FormVersion.objects.create(
            form=form,
            number=number,
            title=form.title,
            schema=schema,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            published_at=timezone.now(),
        )


# --- evaluate ---------------------------------------------------------------------------


def form_evaluate_schema(*, schema: dict, answers: Any, ctx: CleanContext | None = None) -> dict:
    """Answers in, nothing saved: cleaned data, errors by path, computed fields, scores."""
    result = validate_answers(schema=schema, answers=answers, ctx=ctx)
    return {
        "valid": result.is_valid,
        "cleaned_data": result.cleaned,
        "errors": result.errors,
        "computed": result.computed,
        "labels": result.labels,
        "hidden": result.hidden,
        "scores": score_answers(schema=schema, cleaned=result.cleaned),
    }


def path_label(schema: dict, path: str) -> str:
    """A field path as a person reads it: ``realisasi.1.pagu`` → "Realisasi anggaran, baris 2: Pagu"."""
    if path == NON_FIELD:
        return str(_("Formulir"))
    paths = field_map(schema)
    parts = path.split(".")
    if len(parts) == 1 or not parts[1].isdigit():
        ref = paths.get(path)
        return str(ref.spec.get("label") or path) if ref else path
    table = paths.get(parts[0])
    table_label = str(table.spec.get("label") or parts[0]) if table else parts[0]
    row = _("%(t)s, baris %(n)d") % {"t": table_label, "n": int(parts[1]) + 1}
    if len(parts) == 2:
        return str(row)
    column = paths.get(f"{parts[0]}.{parts[2]}")
    return f"{row}: {column.spec.get('label') or parts[2]}" if column else f"{row}: {parts[2]}"


def format_number(value: Any) -> str:
    """A computed figure as shown in Indonesian: ``1234.5`` → ``1.234,5``."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    if isinstance(value, (int, float, Decimal)):
        whole, _sep, fraction = f"{Decimal(str(value)):f}".partition(".")
        sign = "-" if whole.startswith("-") else ""
        digits = whole.lstrip("-")
        grouped = ".".join(digits[max(i - 3, 0) : i] for i in range(len(digits), 0, -3)[::-1])
        return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")
    return str(value)


def form_evaluate_live(*, schema: dict, answers: Any, check: bool = False) -> dict:
    """What the fill page and the designer's preview show as the person types, nothing saved.

    The same ``validate_answers`` and ``score_answers`` as saving and the REST door: which
    fields are hidden and which must be filled with these answers, computed values (exact
    band, figure as shown), scores and bands, and errors named by their field's label.
    ``check`` first runs the design checks (an unsaved draft); with problems nothing is evaluated.
    """
    if check:
        shape = _schema_shape_problems(schema)
        problems = shape or [str(p) for p in check_schema(schema)]
        if problems:
            # each formula's own problems too, for the designer to show at that input
            return {"valid": False, "problems": problems, "expressions": [] if shape else expression_problems(schema)}
    result = validate_answers(schema=schema, answers=answers)
    computed = {
        path: {"value": value, "text": format_number(value), "band": result.labels.get(path)}
        for path, value in result.computed.items()
    }
    errors = []
    for path, messages in result.errors.items():
        label = path_label(schema, path)
        errors.append({"path": path, "label": label, "messages": messages, "text": f"{label}: {' '.join(messages)}"})
    return {
        "valid": result.is_valid,
        "problems": [],
        "hidden": result.hidden,
        "required": result.required,
        "computed": computed,
        "scores": score_answers(schema=schema, cleaned=result.cleaned),
        "errors": errors,
    }


def form_evaluate(*, version: FormVersion, answers: Any) -> dict:
    """Evaluate ``answers`` against a published version (the evaluate door and the preview)."""
    return {
        "form": version.form_id,
        "version": version.number,
        **form_evaluate_schema(schema=version.schema, answers=answers),
    }


# --- export / import --------------------------------------------------------------------


def form_export_json(*, form: FormDefinition) -> dict:
    """The form as a portable JSON document (the designer's current content)."""
    latest = form.get_latest_revision_as_object() if form.pk else form
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "form": latest.build_schema(),
    }


def _import_error(message) -> ValidationError:
    return ValidationError({"file": [str(message)]})


def _parse_import(data: Any) -> dict:
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_IMPORT_BYTES:
            raise _import_error(_("Berkas terlalu besar (paling besar 2 MB)."))
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _import_error(_("Berkas bukan teks UTF-8.")) from None
    if isinstance(data, str):
        if len(data) > MAX_IMPORT_BYTES:
            raise _import_error(_("Berkas terlalu besar (paling besar 2 MB)."))
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            raise _import_error(_("Berkas bukan JSON yang valid.")) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _import_error(_("Berkas bukan ekspor formulir Sepakat (format '%(f)s').") % {"f": EXPORT_FORMAT})
    if data.get("format_version") != EXPORT_FORMAT_VERSION:
        raise _import_error(_("Versi format ekspor tidak didukung."))
    schema = data.get("form")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise _import_error(_("Berkas tidak berisi definisi formulir."))
    return schema


def _schema_shape_problems(schema: dict) -> list[str]:
    problems = []
    for name, kind in (("key", str), ("title", str), ("fields", list), ("rules", list), ("scoring", dict)):
        if name in schema and not isinstance(schema[name], kind):
            problems.append(str(_("Bagian '%(n)s' pada berkas tidak sesuai.") % {"n": name}))
    stack = list(schema.get("fields") or [])
    while stack:
        spec = stack.pop()
        if not isinstance(spec, dict):
            problems.append(str(_("Setiap isian harus berupa objek JSON.")))
            break
        for nested in ("fields", "columns"):
            if nested in spec:
                if not isinstance(spec[nested], list):
                    problems.append(str(_("Isian '%(k)s' rusak.") % {"k": spec.get("key")}))
                else:
                    stack.extend(spec[nested])
    for rule in schema.get("rules") or []:
        if not isinstance(rule, dict) or not isinstance(rule.get("expression"), str):
            problems.append(str(_("Aturan antarisian pada berkas rusak.")))
    scoring = schema.get("scoring")
    if isinstance(scoring, dict):
        groups = scoring.get("groups") or []
        if not isinstance(groups, list) or not all(
            isinstance(g, dict) and isinstance(g.get("sections") or [], list) for g in groups
        ):
            problems.append(str(_("Kelompok nilai pada berkas rusak.")))
    return problems


def _field_message(name: str, message: str) -> str:
    try:
        return f"{FormDefinition._meta.get_field(name).verbose_name}: {message}"
    except FieldDoesNotExist:  # "__all__" keeps the bare message
        return str(message)


def _scoring_value(scoring: dict, table_ids: dict[str, int]) -> dict:
    """The schema's scoring as the scoring block's raw value (table names become table ids)."""
    value = dict(scoring)
    if "band_table" in value:
        value["band_table"] = table_ids.get(value["band_table"])
    if isinstance(value.get("groups"), list):
        value["groups"] = [
            {**g, "band_table": table_ids.get(g["band_table"])} if isinstance(g, dict) and "band_table" in g else g
            for g in value["groups"]
        ]
    return value


def form_import_json(*, data: Any, actor, update_existing: bool = False, publish: bool = False) -> FormDefinition:
    """Create (or, with ``update_existing``, revise) a form from an exported JSON document.

    Everything is checked before anything is written, and all writes happen in one
    transaction: a broken or hostile file gives a clear error and changes nothing.
    """
    schema = _parse_import(data)
    problems = _schema_shape_problems(schema)
    if not problems:
        problems = [str(p) for p in check_schema(schema)] + unknown_options(schema["fields"])
    key, title = schema.get("key"), schema.get("title")
    if not problems and not (isinstance(key, str) and key and isinstance(title, str) and title):
        problems.append(str(_("Berkas tidak menyebut kunci dan judul formulir.")))
    if problems:
        raise ValidationError({"file": problems})
    existing = FormDefinition.objects.filter(key=key).first()
    if existing is not None and not update_existing:
        raise _import_error(_("Formulir dengan kunci '%(k)s' sudah ada.") % {"k": key})
    schema, table_ids = link_band_tables(schema)
    with transaction.atomic():
        form = existing or FormDefinition(key=key, live=False)
        form.title = title[:255]
        form.description = str(schema.get("description") or "")
        form.body = fields_to_stream(schema["fields"], table_ids)
        form.rules = [{"type": "rule", "value": dict(r)} for r in schema.get("rules") or []]
        form.scoring = (
            [{"type": "scoring", "value": _scoring_value(schema["scoring"], table_ids)}]
            if schema.get("scoring")
            else []
        )
        try:
            form.full_clean(exclude=["body", "rules", "scoring"])
        except ValidationError as exc:
            raise ValidationError(
                {"file": [_field_message(f, m) for f, ms in exc.message_dict.items() for m in ms]}
            ) from None
        if form.build_schema()["fields"] != schema["fields"]:
            raise ValidationError({"file": [str(_("Formulir tidak dapat diimpor tanpa kehilangan isi."))]})
        if existing is None:
            form.save()
        if publish:
            form_publish(form=form, actor=actor, accept_key_changes=update_existing)
        else:
            form.save_revision(user=actor, clean=False)
    return form
