"""Query depth limit as a graphql-core validation rule (``settings.GRAPHQL_MAX_DEPTH``)."""

from __future__ import annotations

from typing import Any

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


def _depth(selection_set: SelectionSetNode | None, fragments: dict[str, Any], seen: frozenset[str]) -> int:
    """Deepest field nesting under ``selection_set``; introspection (``__*``) is not counted."""
    if selection_set is None:
        return 0
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:  # cycles are reported by NoFragmentCycles
                deepest = max(deepest, _depth(fragment.selection_set, fragments, seen | {name}))
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
