"""Labels of a report's answer keys for the auditor's diff (``audit.diffs.register_json_key_labels``,
registered in ``ReportingConfig.ready``): the form version's labels, never its keys."""

from functools import lru_cache

from forms_builder.models import FormVersion
from forms_builder.schema import field_map


def answer_labels(row) -> dict[str, str]:
    """Labels of a submission's answer keys, from the form version it was filled on."""
    version_id = getattr(row, "form_version_id", None)
    return version_labels(version_id) if version_id else {}


@lru_cache(maxsize=256)
def version_labels(version_id: int) -> dict[str, str]:
    """Cached per process: a published version never changes (``FormVersion`` is immutable)."""
    schema = FormVersion.objects.filter(pk=version_id).values_list("schema", flat=True).first() or {}
    return {path: str(ref.spec.get("label") or path) for path, ref in field_map(schema).items()}
