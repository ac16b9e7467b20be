"""Serve a stored upload: always a download, never rendered by the browser in our origin."""

from django.http import FileResponse

#: No script, style, frame or plugin: even a file a browser chose to render runs nothing.
ATTACHMENT_CSP = "default-src 'none'; sandbox"


def attachment_response(fileobj, *, filename: str, content_type: str, cache: str = "private, no-store") -> FileResponse:
    """``Content-Disposition: attachment`` + a restrictive CSP + ``nosniff`` for one stored file."""
    response = FileResponse(fileobj, as_attachment=True, filename=filename, content_type=content_type)
    response["Content-Security-Policy"] = ATTACHMENT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
