"""The Django project: settings (``base`` reads the environment once; ``dev``, ``test``, ``production``),
root URLs, WSGI/ASGI, base templates, the CSP, formatting helpers and the OpenAPI hooks."""
