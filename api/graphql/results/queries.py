"""Resolvers: ``planning.selectors.public_cascade`` through ``planning.results`` (as REST does)."""

from planning import results as plan_results
from planning.selectors import public_cascade


def resolve_performance(year=None, depth=7):
    cascade = public_cascade(year=year)
    if cascade is None:
        return None
    depth = min(max(int(depth or 7), 1), 7)
    return {
        "summary": plan_results.summary(cascade),
        "goals": plan_results.goal_rows(cascade),
        "opds": plan_results.opd_rows(cascade),
        "tree": plan_results.tree_data(cascade, max_depth=depth),
    }
