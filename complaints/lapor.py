"""The SP4N-LAPOR self-assessment's figures, from the platform's own complaint data.

For one OPD (with its sub-units) and one period: complaints received (assigned to it and received
in the period, not rejected, not merged), verified within the verification deadline (working days
from receipt to verification, ``complaints.deadlines``), finished on time (answered within their
handling class's deadline, ``answered_on_time``) and the reporters' mean rating. Registered in
``ComplaintsConfig.ready`` as the prefill source of the form template ``sp4n_lapor_mandiri``
(``forms_builder.prefill``): a started self-assessment opens with these counts, the copies in the
``data_*`` fields cannot be edited, and changing a figure needs a written reason (the form's rule).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from organizations.models import OPD

from .deadlines import deadline_days, local_date, local_day_start, working_days_between
from .models import Complaint, Status

FORM_KEY = "sp4n_lapor_mandiri"
#: Editable figure -> the locked copy of what the platform counted.
FIGURES = {
    "aduan_diterima": "data_aduan_diterima",
    "aduan_terverifikasi_tepat_waktu": "data_aduan_terverifikasi_tepat_waktu",
    "aduan_tepat_waktu": "data_aduan_tepat_waktu",
}
LOCKED = (*FIGURES.values(), "data_kepuasan")


def lapor_complaints(*, opd: OPD, start: dt.date, end: dt.date):
    units = OPD.objects.agencies().filter(Q(pk=opd.pk) | Q(parent=opd)).values("pk")
    return (
        Complaint.objects.filter(
            opd__in=units,
            created_at__gte=local_day_start(start),
            created_at__lt=local_day_start(end + dt.timedelta(days=1)),
        )
        .exclude(status=Status.REJECTED)
        .filter(merged_into__isnull=True)
    )


def lapor_figures(*, opd: OPD, start: dt.date, end: dt.date) -> dict:
    """The self-assessment's counts for ``opd`` in ``start``–``end`` (one query)."""
    rows = list(
        lapor_complaints(opd=opd, start=start, end=end).values_list(
            "created_at", "verified_at", "answered_on_time", "rating"
        )
    )
    limit = deadline_days("verification")
    verified = sum(
        1
        for created, checked, _on_time, _r in rows
        if checked and working_days_between(local_date(created), local_date(checked)) <= limit
    )
    ratings = [rating for *_x, rating in rows if rating]
    counts = {
        "aduan_diterima": len(rows),
        "aduan_terverifikasi_tepat_waktu": verified,
        "aduan_tepat_waktu": sum(1 for _c, _v, on_time, _r in rows if on_time),
    }
    mean = round(Decimal(sum(ratings)) / len(ratings), 2) if ratings else None
    return {**counts, **{FIGURES[k]: v for k, v in counts.items()}, "data_kepuasan": mean}
