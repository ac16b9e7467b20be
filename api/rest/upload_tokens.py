"""The two single-file upload doors (complaint attachments, WBS evidence) answer alike: one ``file``
field, and a 201 with a single-use token that no cache may keep."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


def the_file(request):
    """The one uploaded file of a multipart request, or a 400 saying where it goes."""
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": [_("Kirim satu berkas pada isian 'file'.")]})
    return upload


def token_created(row, token: str, *, expires_at) -> Response:
    response = Response(
        {"token": token, "content_type": row.content_type, "size": row.size, "expires_at": expires_at},
        status=status.HTTP_201_CREATED,
    )
    response["Cache-Control"] = "no-store"
    return response
