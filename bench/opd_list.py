"""OPD listing selectors at two sizes: a Pemda-wide user and a kecamatan operator.

Figures: milliseconds to evaluate ``opd_list`` / ``visible_opds`` into a list (the work
a REST page, a GraphQL list or an admin screen does) and the number of SQL queries,
which must stay the same at both sizes.
"""

from django.contrib.auth import get_user_model

from organizations.models import OPD, Membership, MembershipRole, OPDKind
from organizations.selectors import opd_list

SIZES = (50, 500)
PREFIX = "Bench"


def build(size: int) -> OPD:
    """``size`` OPDs: dinas at the top, every fifth a kecamatan with kelurahan under it."""
    OPD.objects.filter(name__startswith=PREFIX).update(parent=None)
    OPD.objects.filter(name__startswith=PREFIX).delete()
    kecamatan = []
    rows = []
    for number in range(size):
        if number % 5 == 0:
            opd = OPD.objects.create(name=f"{PREFIX} Kecamatan {number}", kind=OPDKind.KECAMATAN)
            kecamatan.append(opd)
        else:
            rows.append(
                OPD(
                    name=f"{PREFIX} Kelurahan {number}",
                    kind=OPDKind.KELURAHAN,
                    parent=kecamatan[-1],
                )
            )
    OPD.objects.bulk_create(rows)
    return kecamatan[0]


def run(report) -> None:
    users = get_user_model().objects
    superuser = users.create_superuser("bench-admin", password=None)
    operator = users.create_user("bench-operator", password=None)
    for size in SIZES:
        kecamatan = build(size)
        Membership.objects.update_or_create(user=operator, opd=kecamatan, defaults={"role": MembershipRole.OPERATOR})
        total = OPD.objects.count()
        report.measure("opd_list, Pemda-wide", size, lambda: list(opd_list(user=superuser)))
        report.measure("opd_list, kecamatan operator", size, lambda: list(opd_list(user=operator)))
        report.measure(
            "visible_opds + parent names", size, lambda: [o.parent and o.parent.name for o in opd_list(user=operator)]
        )
        report.note(f"size {size}: {total} OPDs in the database (demo OPDs included)")
