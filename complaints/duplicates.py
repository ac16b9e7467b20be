"""Possible duplicates for the desk: same category, still open, and nearby or similar text."""

import re
from decimal import Decimal

from django.db.models import Q

from .models import OPEN_STATUSES, Complaint

#: About 500 m in degrees of latitude near the equator.
NEARBY_DEGREES = Decimal("0.005")
SIMILARITY = 0.35
_WORD = re.compile(r"\w{3,}", re.UNICODE)
_STOP = {"yang", "dan", "di", "ke", "dari", "ini", "itu", "untuk", "dengan", "tidak", "ada", "sudah", "pada"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def complaint_duplicate_candidates(*, complaint: Complaint, limit: int = 5) -> list[Complaint]:
    """Candidates ordered by likelihood (nearby first, then text similarity)."""
    base = (
        Complaint.objects.filter(category_id=complaint.category_id, status__in=OPEN_STATUSES, merged_into__isnull=True)
        .exclude(pk=complaint.pk)
        .select_related("category", "opd")
    )
    found: dict[int, tuple[float, Complaint]] = {}
    if complaint.lat is not None and complaint.long is not None:
        near = base.filter(
            lat__range=(complaint.lat - NEARBY_DEGREES, complaint.lat + NEARBY_DEGREES),
            long__range=(complaint.long - NEARBY_DEGREES, complaint.long + NEARBY_DEGREES),
        )[:50]
        for c in near:
            found[c.pk] = (2.0 + similarity(complaint.title, c.title), c)
    text = f"{complaint.title} {complaint.description}"
    area = Q(kelurahan_id=complaint.kelurahan_id) if complaint.kelurahan_id else Q()
    for c in base.filter(area).order_by("-created_at")[:200]:
        score = similarity(text, f"{c.title} {c.description}")
        if score >= SIMILARITY and c.pk not in found:
            found[c.pk] = (score, c)
    return [c for _s, c in sorted(found.values(), key=lambda x: -x[0])][:limit]
