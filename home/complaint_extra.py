"""A category's extra fields (form builder) on the public complaint form, without JavaScript.

Every active category with an extra-field form gets its own group of inputs named
``extra-<slug>.<path>`` (table cells ``extra-<slug>.<table>.<row>.<column>``). Without a chosen
category the page shows every group, each labelled with its category, so a citizen can file in
one pass; "Pilih kategori" (a plain submit button) or ``?kategori=`` narrows the page to the
chosen category's group. Only the chosen category's group is read and validated (by the form
engine in ``complaints.submission``; its errors come back keyed ``extra.<path>``).

Tables show ``rows-<slug>.<table>`` rows; "Tambah baris" (a submit button) shows one more.
File and OPD-choice fields are refused for category forms (``Category.clean``).
"""

import contextlib
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Category
from complaints.selectors import category_list
from forms_builder.fields import MAX_TABLE_ROWS
from forms_builder.models import FormVersion

#: Schema items that are not inputs on the page.
NOT_INPUTS = ("section", "heading", "computed")
#: Field types a complaint category form may not hold (see ``Category.clean``).
UNSUPPORTED_TYPES = ("file", "opd_choice")
DEFAULT_TABLE_ROWS = 3
YES_NO = [("", "—"), ("ya", _("Ya")), ("tidak", _("Tidak"))]


@dataclass
class Table:
    key: str
    label: str
    columns: list[dict]
    rows: int
    row_labels: list[str]
    can_grow: bool
    fixed: bool
    cells: list[list[str]] = field(default_factory=list)  # input names, row by row


@dataclass
class Group:
    category: Category
    version: FormVersion
    items: list = field(default_factory=list)  # ("field", name) or ("table", Table)
    rendered: list = field(default_factory=list)  # ``layout(form)``, set by the page's form

    @property
    def prefix(self) -> str:
        return f"extra-{self.category.slug}."

    def layout(self, form: forms.Form) -> list:
        """For the template: ("field", bound field) or ("table", Table, rows of bound fields)."""
        return [
            ("field", form[item], None)
            if kind == "field"
            else ("table", item, [[form[c] for c in r] for r in item.cells])
            for kind, item in self.items
        ]


def latest_versions(categories) -> dict[int, FormVersion]:
    """form id → its latest version, in one query."""
    ids = {c.extra_form_id for c in categories if c.extra_form_id}
    latest: dict[int, FormVersion] = {}
    for version in FormVersion.objects.filter(form_id__in=ids).order_by("form_id", "-number"):
        latest.setdefault(version.form_id, version)
    return latest


def _django_field(spec: dict) -> forms.Field:
    label = spec.get("label") or spec["key"]
    ftype = spec.get("type")
    if ftype in ("single_choice", "multiple_choice"):
        choices = [(str(c["value"]), c.get("label") or c["value"]) for c in spec.get("choices") or []]
        if ftype == "multiple_choice":
            return forms.MultipleChoiceField(
                label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
    if ftype == "yes_no":
        return forms.ChoiceField(label=label, required=False, choices=YES_NO)
    if ftype == "long_text":
        return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    if ftype == "date":
        return forms.CharField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))
    return forms.CharField(label=label, required=False, help_text=spec.get("help_text") or "")


def _rows_shown(spec: dict, data, name: str) -> int:
    if spec.get("rows"):
        return len(spec["rows"])
    limit = min(spec.get("max_rows") or MAX_TABLE_ROWS, MAX_TABLE_ROWS)
    shown = max(spec.get("min_rows") or 0, min(DEFAULT_TABLE_ROWS, limit))
    if data is not None:
        with contextlib.suppress(TypeError, ValueError):
            shown = max(shown, int(data.get(f"rows-{name}", shown)))
        if data.get("more-rows") == name:
            shown += 1
    return min(shown, limit)


def add_groups(form: forms.Form, *, data, only: str = "") -> list[Group]:
    """Add every (or only the ``only`` slug's) category's extra inputs to ``form``."""
    categories = [c for c in category_list() if c.extra_form_id and (not only or c.slug == only)]
    versions = latest_versions(categories)
    groups = []
    for category in categories:
        version = versions.get(category.extra_form_id)
        if version is None:
            continue
        group = Group(category=category, version=version)
        for spec in _flat(version.schema.get("fields") or []):
            if spec.get("type") in NOT_INPUTS or spec.get("type") in UNSUPPORTED_TYPES:
                continue
            name = group.prefix + spec["key"]
            if spec.get("type") == "table":
                group.items.append(("table", _table(form, spec, name, data)))
            else:
                form.fields[name] = _django_field(spec)
                group.items.append(("field", name))
        groups.append(group)
    return groups


def _flat(specs: list[dict]):
    for spec in specs:
        if spec.get("type") == "section":
            yield from _flat(spec.get("fields") or [])
        else:
            yield spec


def _table(form: forms.Form, spec: dict, name: str, data) -> Table:
    columns = [c for c in spec.get("columns") or [] if c.get("type") not in NOT_INPUTS + UNSUPPORTED_TYPES]
    fixed = spec.get("rows") or []
    rows = _rows_shown(spec, data, name)
    limit = len(fixed) if fixed else min(spec.get("max_rows") or MAX_TABLE_ROWS, MAX_TABLE_ROWS)
    table = Table(
        key=name,
        label=spec.get("label") or spec["key"],
        columns=columns,
        rows=rows,
        row_labels=[r.get("label") or r["key"] for r in fixed] or [str(i + 1) for i in range(rows)],
        can_grow=not fixed and rows < limit,
        fixed=bool(fixed),
    )
    for i in range(rows):
        names = []
        for col in columns:
            cell = f"{name}.{i}.{col['key']}"
            form.fields[cell] = _django_field(col)
            form.fields[cell].widget.attrs["aria-label"] = f"{col.get('label') or col['key']} {i + 1}"
            names.append(cell)
        table.cells.append(names)
    return table


def group_answers(form: forms.Form, group: Group) -> dict:
    """The chosen group's inputs as form-engine answers (empty inputs and empty rows left out)."""
    answers: dict = {}
    for kind, item in group.items:
        if kind == "field":
            value = form.cleaned_data.get(item)
            if value not in (None, "", []):
                answers[item.removeprefix(group.prefix)] = value
            continue
        rows = []
        for cells in item.cells:
            row = {}
            for cell in cells:
                value = form.cleaned_data.get(cell)
                if value not in (None, "", []):
                    row[cell.rsplit(".", 1)[1]] = value
            rows.append(row)
        if not item.fixed:
            rows = [r for r in rows if r]
        if any(rows):
            answers[item.key.removeprefix(group.prefix)] = rows
    return answers


def errors_for_page(form: forms.Form, group: Group | None, errors: dict) -> dict:
    """Service errors keyed ``extra.<path>`` renamed to the group's inputs; errors on a whole
    table (row counts) go on top of the form with the table's label."""
    out: dict = {}
    labels = {item.key: item.label for kind, item in (group.items if group else []) if kind == "table"}
    for key, messages in errors.items():
        if group is not None and key.startswith("extra."):
            name = group.prefix + key.removeprefix("extra.")
            if name in form.fields:
                key = name
            else:
                label = labels.get(name, "")
                messages = [f"{label}: {m}" if label else str(m) for m in messages]
                key = "__all__"
        out.setdefault(key, []).extend(messages)
    return out
