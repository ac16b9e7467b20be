"""Query strings read strictly: each parameter once, an empty value is a value (and usually a 400).

DRF validates a ``QueryDict`` with HTML-form rules (an empty optional field is "not given"); the
OpenAPI document says a parameter is a date, a slug, one of a list, so ``?created_from=`` or a
parameter given twice is answered with a 400, as the fuzzer expects.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError


def single_values(query_params) -> dict[str, str]:
    """``request.query_params`` as a plain dict; a parameter given more than once is a 400."""
    repeated = {
        key: [_("Berikan parameter ini satu kali saja.")] for key, values in query_params.lists() if len(values) > 1
    }
    if repeated:
        raise ValidationError(repeated)
    return query_params.dict()
