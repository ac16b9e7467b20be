"""Open311 GeoReport v2 under /open311/v2/ (JSON and XML).

Only public, verified complaints are ever listed (``complaints.selectors.complaint_public_list``);
confidential and anonymous reports and every reporter identity stay out. POST needs a partner
``api_key``; requests it creates are public complaints by the Open311 contract.
"""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from audit.actors import Door
from complaints import exposure, services
from complaints.errors import RateLimitedError
from complaints.models import ComplaintEvent, EventKind, Status
from complaints.partners import open311_key_check
from complaints.selectors import category_list, complaint_public_list

from .cache import cached_list
from .xml import render

OPEN = (Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS)
CLOSED = (Status.ANSWERED, Status.CLOSED)
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
NOTE_KINDS = (EventKind.STATUS, EventKind.ASSIGNED, EventKind.FOLLOW_UP, EventKind.ANSWER)


def _respond(fmt: str, root: str, data, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(render(root, data), status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(json.dumps(data, cls=DjangoJSONEncoder), status=status, content_type="application/json")


def _error(fmt: str, status: int, description: str, code: int | None = None) -> HttpResponse:
    return _respond(fmt, "errors", [{"code": code or status, "description": str(description)}], status)


def _bad_format(fmt: str) -> HttpResponse | None:
    return None if fmt in ("json", "xml") else _error("json", 404, _("Format harus json atau xml."))


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def discovery(request, fmt: str):
    if (bad := _bad_format(fmt)) is not None:
        return bad
    base = request.build_absolute_uri("/open311/v2/")
    return _respond(
        fmt,
        "discovery",
        {
            "changeset": "2026-01-01T00:00:00Z",
            "contact": _("Meja Pengaduan Pemda"),
            "key_service": _("Hubungi Diskominfo untuk kunci API."),
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2026-01-01T00:00:00Z",
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        },
    )


def _service(c) -> dict:
    return {
        "service_code": c.slug,
        "service_name": c.name,
        "description": c.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": c.get_handling_display(),
    }


def services_list(request, fmt: str):
    if (bad := _bad_format(fmt)) is not None:
        return bad
    return _respond(fmt, "services", [_service(c) for c in category_list()])


def service_definition(request, code: str, fmt: str):
    if (bad := _bad_format(fmt)) is not None:
        return bad
    if not category_list().filter(slug=code).exists():
        return _error(fmt, 404, _("service_code tidak dikenal."))
    return _respond(fmt, "service_definition", {"service_code": code, "attributes": []})


def _request_row(c, request) -> dict:
    notes = getattr(c, "open311_notes", [])
    media = list(c.attachments.all())
    expected = None
    if c.status in OPEN and c.due_date:
        expected = dt.datetime.combine(c.due_date, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone())
    return {
        "service_request_id": c.tracking_code,
        "status": "open" if c.status in OPEN else "closed",
        "status_notes": notes[-1].body if notes else "",
        "service_name": c.category.name,
        "service_code": c.category.slug,
        "description": exposure.public_text(c)[1],
        "agency_responsible": c.opd.name if c.opd_id else "",
        "service_notice": "",
        "requested_datetime": _iso(c.created_at),
        "updated_datetime": _iso(c.updated_at),
        "expected_datetime": _iso(expected),
        "address": c.location_text,
        "address_id": "",
        "zipcode": "",
        "lat": float(c.lat) if c.lat is not None else None,
        "long": float(c.long) if c.long is not None else None,
        "media_url": request.build_absolute_uri(exposure.attachment_url(media[0])) if media else "",
    }


def _public_requests():
    notes = ComplaintEvent.objects.filter(public=True, kind__in=NOTE_KINDS).exclude(body="").order_by("created_at")
    return complaint_public_list().prefetch_related(Prefetch("events", queryset=notes, to_attr="open311_notes"))


def _parse_date(value: str):
    parsed = parse_datetime(value.replace(" ", "+")) if value else None
    if value and parsed is None:
        raise ValidationError(_("Tanggal harus W3C (ISO 8601), misalnya 2026-05-01T00:00:00+08:00."))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request, fmt: str):
    if (bad := _bad_format(fmt)) is not None:
        return bad
    if request.method == "POST":
        return _create(request, fmt)
    return cached_list(request, fmt, lambda: _requests_list(request, fmt))


def _requests_list(request, fmt: str) -> HttpResponse:
    qs = _public_requests()
    p = request.GET
    ids = [i.strip().upper() for i in p.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(tracking_code__in=ids)
    else:
        try:
            start, end = _parse_date(p.get("start_date", "")), _parse_date(p.get("end_date", ""))
        except ValidationError as exc:
            return _error(fmt, 400, exc.messages[0])
        if start is None and end is None:
            start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
        if start:
            qs = qs.filter(created_at__gte=start)
        if end:
            qs = qs.filter(created_at__lte=end)
        if p.get("service_code"):
            qs = qs.filter(category__slug__in=p["service_code"].split(","))
        statuses = set(p.get("status", "").split(",")) - {""}
        if statuses - {"open", "closed"}:
            return _error(fmt, 400, _("status harus open atau closed."))
        if statuses == {"open"}:
            qs = qs.filter(status__in=OPEN)
        elif statuses == {"closed"}:
            qs = qs.filter(status__in=CLOSED)
    return _respond(fmt, "service_requests", [_request_row(c, request) for c in qs[:MAX_RESULTS]])


def request_detail(request, request_id: str, fmt: str):
    if (bad := _bad_format(fmt)) is not None:
        return bad
    c = _public_requests().filter(tracking_code=request_id.upper()).first()
    if c is None:
        return _error(fmt, 404, _("service_request_id tidak ditemukan."))
    return _respond(fmt, "service_requests", [_request_row(c, request)])


def _create(request, fmt: str) -> HttpResponse:
    p = request.POST
    partner = open311_key_check(key=p.get("api_key", ""))
    if partner is None:
        return _error(fmt, 403, _("api_key tidak valid."))
    name = " ".join(x for x in (p.get("first_name", ""), p.get("last_name", "")) if x).strip()
    description = p.get("description", "")
    data = {
        "category": p.get("service_code", ""),
        "title": (description.split("\n")[0][:120] or p.get("service_code", "")),
        "description": description,
        "location_text": p.get("address_string", ""),
        "lat": p.get("lat") or None,
        "long": p.get("long") or None,
        "reporter_name": name,
        "reporter_email": p.get("email", ""),
        "reporter_phone": p.get("phone", ""),
    }
    if not data["location_text"] and data["lat"] is None:
        return _error(fmt, 400, _("Isi lat & long atau address_string."))
    try:
        result = services.complaint_submit(
            data=data, files=request.FILES.getlist("media"), client=f"open311:{partner.pk}", door=Door.OPEN311
        )
    except RateLimitedError as exc:
        response = _error(fmt, 429, str(exc))
        response["Retry-After"] = str(exc.retry_after)
        return response
    except ValidationError as exc:
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"description": exc.messages}
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in messages.items())
        return _error(fmt, 400, text)
    return _respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": result.complaint.tracking_code,
                "service_notice": _("Laporan diterima; akan diverifikasi dalam 3 hari kerja."),
                "account_id": "",
            }
        ],
        status=201,
    )
