"""Receipt codes: high entropy, typable, stored only as a slow salted hash."""

import pytest
from django.db import connection

from wbs import receipts
from wbs.models import WbsReport

pytestmark = pytest.mark.django_db


def test_code_shape_and_parsing_tolerates_typing():
    receipt = receipts.new_receipt()
    code = receipt.code
    assert len(code.replace("-", "")) == receipts.LOOKUP_LEN + receipts.SECRET_LEN
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipts.parse_code(typed) == receipt
    assert receipts.parse_code("tidak-valid") is None
    assert receipts.parse_code("U" * 24) is None


def test_secret_entropy_is_at_least_80_bits():
    import math

    assert receipts.SECRET_LEN * math.log2(len(receipts.ALPHABET)) >= 80
    assert len({receipts.new_receipt().secret for _ in range(200)}) == 200


def test_hash_is_salted_scrypt_and_verifies(settings):
    from cms.settings import base

    settings.WBS_SCRYPT_N = base.WBS_SCRYPT_N  # the production default (read once in base)
    h1, h2 = receipts.hash_secret("ABCDEFGHJKMNPQRS"), receipts.hash_secret("ABCDEFGHJKMNPQRS")
    assert h1.startswith("scrypt$16384$8$1$")
    assert h1 != h2
    assert receipts.verify_secret("ABCDEFGHJKMNPQRS", h1)
    assert not receipts.verify_secret("ABCDEFGHJKMNPQRT", h1)
    assert not receipts.verify_secret("x", "garbage")


def test_plaintext_code_is_nowhere_in_the_database(report):
    obj, code = report
    secret = receipts.parse_code(code).secret
    assert obj.lookup_id == code[:8]
    stored = WbsReport.objects.get(pk=obj.pk)
    assert secret not in stored.secret_hash
    hits = _scan_all_tables([secret, code, code.replace("-", "")])
    assert hits == []


def _scan_all_tables(needles: list[str]) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 — our own table names
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                found += [f"{table}: {n}" for n in needles if n in text]
    return found
