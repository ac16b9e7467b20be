"""Input contracts: shared Django form fields for the field kinds every domain validates the
same way (bounded text, ids, coordinates) and ``validated(form_class, data)``, which checks a
service's whole input once and raises one ``ValidationError`` keyed by field.

Neutral (imports nothing of ours): WBS uses it now (``wbs/inputs.py``), complaints can later.
"""
