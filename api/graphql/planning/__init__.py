"""GraphQL for staff planning data (read): the indicators whose realisation the user enters."""

from .schema import Query

queries = [Query]
mutations: list = []
