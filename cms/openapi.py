"""drf-spectacular hooks for the public OpenAPI document."""


def only_public_api(endpoints, **kwargs):
    """Keep /api/v1/ only: the Wagtail admin's internal API and the ops endpoints are not ours to publish."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


#: The problem+json body every 4xx shares (api/errors.py).
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details; `errors` maps dotted field paths to messages.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["type", "title", "status", "detail"],
}

#: Client errors any operation may answer (api/errors.py maps them all to problem+json).
PROBLEM_RESPONSES = {
    "400": "Permintaan tidak valid (isian, JSON, parameter).",
    "401": "Autentikasi diperlukan atau token tidak valid.",
    "403": "Akses ditolak.",
    "404": "Tidak ditemukan.",
    "405": "Metode tidak diizinkan.",
    "406": "Format tanggapan tidak tersedia.",
    "409": "Permintaan dengan Idempotency-Key yang sama masih diproses.",
    "412": "Data sudah diubah orang lain (If-Match).",
    "414": "Alamat (URL) terlalu panjang; dijawab oleh gunicorn sebelum aplikasi.",
    "415": "Jenis konten tidak didukung.",
    "422": "Idempotency-Key dipakai ulang untuk permintaan lain.",
    "429": "Terlalu banyak permintaan; Retry-After menyebut detik tunggu.",
}
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def document_problem_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the problem+json client errors it may answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in PROBLEM_RESPONSES.items():
                response = {
                    "description": description,
                    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                }
                if code == "414":  # gunicorn's own answer, before Django: a short HTML page
                    response["content"] = {"text/html": {"schema": {"type": "string"}}}
                if code == "429":
                    response["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "detik"}}
                responses.setdefault(code, response)
    return result
