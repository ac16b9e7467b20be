"""The JSON parser of the REST API: the body must be one JSON object.

Every endpoint that takes JSON expects an object; an array, a string or a number at the top
(``[]``, ``"x"``, ``7``) used to reach ``request.data.get`` and end as a 500. Refusing it here,
once, makes it a 400 problem+json at every door. Invalid UTF-8 and invalid JSON are 400s too.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("Isi permintaan harus berupa objek JSON ({...})."))
        return data
