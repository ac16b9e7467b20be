"""GraphQL for staff planning data: the indicators whose realisation the user enters (read) and the
edits over the planning services (link a sasaran, submit a quarter, Bappeda's review)."""

from .mutations import Mutation
from .schema import Query

queries = [Query]
mutations = [Mutation]
