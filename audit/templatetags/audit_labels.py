"""``{% load audit_labels %}``: ``{{ event.action|action_label }}``, ``{{ event.model|model_name }}``,
``{{ event.changed_fields|field_labels:event.model|join:", " }}``."""

from django import template

from audit import labels

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action or "")


@register.filter
def model_name(label: str) -> str:
    return labels.model_name(label or "")


@register.filter
def field_labels(names, model_label: str) -> list[str]:
    return labels.field_labels(model_label or "", names)


@register.filter
def history_action(history_type: str) -> str:
    return labels.action_label({"+": "create", "~": "update", "-": "delete"}.get(history_type, history_type))
