"""What one GraphQL request may cost, as graphql-core validation rules (written once, here).

- depth: fields nested deeper than ``GRAPHQL_MAX_DEPTH`` (fragments followed);
- aliases: more than ``GRAPHQL_MAX_ALIASES`` aliased fields in the document (3,000 aliases of
  one field cost a worker 26 s: each runs its resolver);
- fields: more than ``GRAPHQL_MAX_FIELDS`` field selections once fragments are expanded
  (counted with one pass per fragment, so fragments that multiply each other are cheap to count).

``SepakatGraphQLView`` runs ``cost_rules()`` alone before graphql-core's own rules, so an
abusive document is refused before the expensive standard validation (overlapping fields is
quadratic in the number of aliases) and long before execution. The request body is bounded
before parsing by the view (``GRAPHQL_MAX_BODY_BYTES``). Introspection fields (``__*``) are
not counted; anonymous introspection is switched off in production instead.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import GraphQLError, ValidationRule
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, Any],
    seen: frozenset[str],
    memo: dict[str, int] | None = None,
) -> int:
    """Deepest field nesting under ``selection_set``; introspection (``__*``) is not counted.

    Each fragment's depth is computed once (``memo``): fragments spreading each other twice
    per level would otherwise be walked 2**n times.
    """
    if selection_set is None:
        return 0
    memo = {} if memo is None else memo
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, seen, memo))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, seen, memo))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:  # cycles are reported by NoFragmentCycles
                if name not in memo:
                    memo[name] = _depth(fragment.selection_set, fragments, seen | {name}, memo)
                deepest = max(deepest, memo[name])
    return deepest


def depth_limit_rule(max_depth: int) -> type[ValidationRule]:
    """A rule class rejecting operations nested deeper than ``max_depth`` fields."""

    class DepthLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            fragments = {
                d.name.value: d for d in self.context.document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            depth = _depth(node.selection_set, fragments, frozenset())
            if depth > max_depth:
                name = node.name.value if node.name else _("tanpa nama")
                message = _("Kueri '%(name)s' terlalu dalam: kedalaman %(depth)s melebihi batas %(max)s.") % {
                    "name": name,
                    "depth": depth,
                    "max": max_depth,
                }
                self.report_error(GraphQLError(message, node, extensions={"code": "query_too_deep", "status": 400}))

    return DepthLimitRule


def _selections(selection_set: SelectionSetNode | None):
    return selection_set.selections if selection_set is not None else ()


def _field_count(selection_set, fragments: dict[str, Any], memo: dict[str, int], visiting: frozenset[str]) -> int:
    """Field selections under ``selection_set`` with fragments expanded; each fragment is counted once."""
    total = 0
    for selection in _selections(selection_set):
        if isinstance(selection, FieldNode):
            if not selection.name.value.startswith("__"):
                total += 1 + _field_count(selection.selection_set, fragments, memo, visiting)
        elif isinstance(selection, InlineFragmentNode):
            total += _field_count(selection.selection_set, fragments, memo, visiting)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visiting or name not in fragments:  # cycles are reported by NoFragmentCycles
                continue
            if name not in memo:
                memo[name] = _field_count(fragments[name].selection_set, fragments, memo, visiting | {name})
            total += memo[name]
    return total


def _fragments(context) -> dict[str, Any]:
    return {d.name.value: d for d in context.document.definitions if isinstance(d, FragmentDefinitionNode)}


def alias_limit_rule(max_aliases: int) -> type[ValidationRule]:
    class AliasLimitRule(ValidationRule):
        def enter_document(self, node, *_args: Any) -> None:
            aliases = 0
            stack = [d.selection_set for d in node.definitions if getattr(d, "selection_set", None)]
            while stack:
                for selection in _selections(stack.pop()):
                    if isinstance(selection, FieldNode) and selection.alias is not None:
                        aliases += 1
                    if getattr(selection, "selection_set", None) is not None:
                        stack.append(selection.selection_set)
            if aliases > max_aliases:
                message = _("Kueri memakai %(n)s alias; batasnya %(max)s.") % {"n": aliases, "max": max_aliases}
                self.report_error(GraphQLError(message, extensions={"code": "query_too_costly", "status": 400}))

    return AliasLimitRule


def field_limit_rule(max_fields: int) -> type[ValidationRule]:
    class FieldLimitRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            count = _field_count(node.selection_set, _fragments(self.context), {}, frozenset())
            if count > max_fields:
                name = node.name.value if node.name else _("tanpa nama")
                message = _("Kueri '%(name)s' meminta %(n)s isian; batasnya %(max)s.") % {
                    "name": name,
                    "n": count,
                    "max": max_fields,
                }
                self.report_error(GraphQLError(message, node, extensions={"code": "query_too_costly", "status": 400}))

    return FieldLimitRule


def cost_errors(document) -> list[GraphQLError]:
    """The cost rules applied straight to a parsed document (no schema walk): the view's fast path."""
    errors: list[GraphQLError] = []

    class _Context:
        def __init__(self):
            self.document = document

        def report_error(self, error):
            errors.append(error)

    context = _Context()
    for rule_class in cost_rules():
        rule = rule_class.__new__(rule_class)
        rule.context = context
        rule.report_error = context.report_error
        if hasattr(rule, "enter_document"):
            rule.enter_document(document)
        if hasattr(rule, "enter_operation_definition"):
            for definition in document.definitions:
                if isinstance(definition, OperationDefinitionNode):
                    rule.enter_operation_definition(definition)
    return errors


def cost_rules() -> tuple[type[ValidationRule], ...]:
    """The rules for the current settings (depth, aliases, fields)."""
    return (
        alias_limit_rule(settings.GRAPHQL_MAX_ALIASES),
        field_limit_rule(settings.GRAPHQL_MAX_FIELDS),
        depth_limit_rule(settings.GRAPHQL_MAX_DEPTH),
    )
