"""Planning's part of the root schema (``api/graphql/schema.py``)."""

from .mutations import PlanningMutation
from .queries import PlanningQuery

queries: list[type] = [PlanningQuery]
mutations: list[type] = [PlanningMutation]
