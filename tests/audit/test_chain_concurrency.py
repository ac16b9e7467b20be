"""Concurrent writers keep one consistent chain (PostgreSQL: real parallel transactions)."""

import threading

import pytest
from django.db import connection, connections, transaction

from audit.models import AuditEvent
from audit.verify import verify_chain
from organizations.models import OPD

THREADS = 8
PER_THREAD = 6


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_produce_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for truly parallel writers")
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(PER_THREAD):
                with transaction.atomic():
                    opd = OPD.objects.create(name=f"Kelurahan Paralel {n}-{i}", kind="kelurahan")
                    opd.phone = f"0556-{n}{i}"
                    opd.save()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    expected = THREADS * PER_THREAD * 2
    assert AuditEvent.objects.filter(model="organizations.opd").count() == expected
    # every event was sealed right after its commit, by one of the racing writers
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    result = verify_chain()
    assert result.ok, result.broken
    assert result.checked == AuditEvent.objects.count()
