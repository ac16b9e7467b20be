import pytest

from organizations.models import MembershipRole, OPDKind
from organizations.roles import GlobalRole
from tests.factories import CategoryFactory, OPDFactory, UserFactory, desk_user, opd_user


@pytest.fixture
def world(db, pemda):
    """A small Pemda: two OPDs with staff, a kecamatan with a kelurahan, and the global roles."""
    dinas = OPDFactory(name="Dinas PU", acronym="DPU")
    other = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    kec = OPDFactory(name="Kecamatan Nunukan", acronym="Kec. Nunukan", kind=OPDKind.KECAMATAN)
    kel = OPDFactory(name="Kelurahan Nunukan Barat", acronym="Kel. NB", kind=OPDKind.KELURAHAN, parent=kec)
    setda = OPDFactory(name="Sekretariat Daerah", acronym="Setda", kind=OPDKind.SEKRETARIAT_DAERAH)

    class W:
        pass

    w = W()
    w.dinas, w.other, w.kec, w.kel, w.setda = dinas, other, kec, kel, setda
    w.category = CategoryFactory(name="Jalan dan jembatan", slug="jalan")
    w.category2 = CategoryFactory(name="Kesehatan", slug="kesehatan")
    w.desk = desk_user(username="meja", email="meja@nunukankab.go.id")
    w.opd_op = opd_user(dinas, username="op.dpu", email="op.dpu@nunukankab.go.id")
    w.opd_head = opd_user(dinas, MembershipRole.VERIFIER, username="kepala.dpu", email="kepala.dpu@nunukankab.go.id")
    w.other_op = opd_user(other, username="op.dinkes")
    w.sekda = opd_user(setda, MembershipRole.VERIFIER, username="sekda", email="sekda@nunukankab.go.id")
    w.inspektur = UserFactory(username="inspektur", roles=[GlobalRole.INSPECTORATE], email="itda@nunukankab.go.id")
    w.editor = UserFactory(username="editor", roles=[GlobalRole.KOMINFO_EDITOR])
    return w
