"""Demo data: periodic reports in several states, on the shipped form templates (``forms_builder.demo``).

Idempotent: templates are matched by key, demo assignments by title; an assignment that
exists is left alone. Reports move through the real services (``assignments``,
``workflow``) as the demo users, so the completeness matrix, the reviewer's queue and the
public pages show realistic data after ``make run``:

* "SPM Triwulanan <year>": the SPM form, quarterly, this year, the six SPM OPDs (Dinas
  Kesehatan is filled by ``operator.dinkes`` and verified by ``kepala.dinkes``). This
  quarter is still open: drafts, sent and returned reports, nothing published yet. Earlier
  quarters: most reports sent on time and published, Dinsos late, DPUPR late and waiting for
  verification, Satpol PP-Damkar never sent (locked gaps).
* "LKE SAKIP <year-2>–<year-1>": the LKE SAKIP form, annual, the last two years, five OPDs,
  all published (the public SAKIP pages read them), all on time but one. Before assigning it, the demo publishes
  a second version of the form with a public section "Capaian Indikator Kinerja (LKjIP)"
  (demo data: a few indicators per OPD with target, realisasi and arah), because the SAKIP
  results page reads its indicators from a table of the form it shows. The shipped
  template stays the KemenPANRB sheet; a Pemda adds such a section in the designer.
* "Penilaian Mandiri SPBE <year-2>–<year-1>": the SPBE self-assessment, annual, the last two
  years, filed by Diskominfotik for the Pemda, both published (the public SPBE page reads them);
  the levels rise in the second year.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.actors import Door, acting_as
from audit.bulk import update_tracked
from forms_builder.demo import sakip_indicator_version
from forms_builder.form_templates.spbe import indicator_keys
from forms_builder.models import FormDefinition
from organizations.models import OPD

from .assignments import assignment_create
from .models import Assignment, PeriodType, Submission, SubmissionStatus, SubmissionTransition
from .periods import local_zone, periods_ensure
from .workflow import (
    submission_is_locked,
    submission_publish,
    submission_reopen,
    submission_return,
    submission_save_draft,
    submission_submit,
    submission_verify,
)

#: The SPM OPDs, by acronym (organizations.demo), one per SPM service.
SPM_OPDS = ["Dinkes", "Disdikbud", "DPUPR", "Disperkim", "Satpol PP-Damkar", "Dinsos"]
SAKIP_OPDS = ["Dinkes", "Disdikbud", "DPUPR", "Bappeda-Litbang", "BPKAD"]
SPBE_OPDS = ["Diskominfotik"]
SPM_SERVICES = ["pendidikan", "kesehatan", "pekerjaan_umum", "perumahan_rakyat", "trantibumlinmas", "sosial"]
DEMO_REASON = "Data demo: laporan periode lalu dilengkapi."
#: Internal notes on some SPM rows (never public: the public pages must not show them).
SPM_NOTES = {
    "kesehatan": "Sasaran dari data Dukcapil semester I; dua puskesmas belum melapor.",
    "sosial": "Data PPKS masih diverifikasi ulang dengan pendamping desa.",
}

#: Demo LKjIP indicators per SAKIP OPD: (name, unit, arah, (target, realisasi) per demo year).
SAKIP_INDICATORS = {
    "Dinkes": [
        ("Persentase ibu hamil mendapatkan pelayanan kesehatan sesuai standar", "%", "naik", [(95, 88.4), (95, 92.1)]),
        ("Angka kematian bayi per 1.000 kelahiran hidup", "per 1.000 KH", "turun", [(14, 15.2), (13, 11.8)]),
    ],
    "Disdikbud": [
        ("Angka partisipasi murni SD/MI", "%", "naik", [(97, 95.6), (97.5, 96.9)]),
        ("Persentase satuan pendidikan terakreditasi minimal B", "%", "naik", [(70, 64), (75, 60)]),
    ],
    "DPUPR": [
        ("Persentase panjang jalan kabupaten dalam kondisi mantap", "%", "naik", [(62, 58.3), (65, 66.2)]),
        ("Persentase rumah tangga dengan akses air minum layak", "%", "naik", [(85, 79.5), (88, 62)]),
    ],
    "Bappeda-Litbang": [
        ("Persentase keselarasan program Renja OPD dengan RKPD", "%", "naik", [(100, 92), (100, 96)]),
    ],
    "BPKAD": [
        ("Persentase realisasi pendapatan asli daerah", "%", "naik", [(100, 93.7), (100, 101.2)]),
        ("Persentase sisa lebih pembiayaan anggaran terhadap belanja daerah", "%", "turun", [(5, 6.1), (5, 4.2)]),
    ],
}


def _users() -> dict:
    names = ["admin", "editor", "bappeda", "operator.dinkes", "kepala.dinkes", "operator.disdikbud"]
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _opds(acronyms: list[str]) -> list:
    by_acronym = {o.acronym: o for o in OPD.objects.filter(acronym__in=acronyms)}
    return [by_acronym[a] for a in acronyms if a in by_acronym]


def _spm_answers(year: int, seed: int) -> dict:
    rows = {}
    for i, key in enumerate(SPM_SERVICES):
        target = 800 + 150 * i + 37 * seed
        rows[key] = {"sasaran": target, "terlayani": target - (seed * 13 + i * 7) % (target // 5)}
        if key in SPM_NOTES:
            rows[key]["keterangan"] = SPM_NOTES[key]
    return {"tahun": year, "layanan": rows}


def _sakip_answers(year: int, seed: int, *, acronym: str = "", nth_year: int = 0) -> dict:
    base = 58 + (seed * 7) % 30
    indicators = [
        {
            "indikator": name,
            "satuan": unit,
            "arah": arah,
            "target": values[nth_year][0],
            "realisasi": values[nth_year][1],
        }
        for name, unit, arah, values in SAKIP_INDICATORS.get(acronym, [])
    ]
    return {
        "tahun_evaluasi": year,
        "perencanaan_kinerja_nilai": min(base + 6, 100),
        "pengukuran_kinerja_nilai": base,
        "pelaporan_kinerja_nilai": min(base + 9, 100),
        "evaluasi_internal_nilai": max(base - 5, 0),
        **({"indikator_kinerja": indicators} if indicators else {}),
    }


def _spbe_answers(year: int, nth_year: int) -> dict:
    """Capability levels 1–5 per indicator (demo data), a little higher in the second year."""

    levels = {key: str(min(5, 1 + (n * 7 + 3) % 4 + nth_year)) for n, (_a, key, _w) in enumerate(indicator_keys())}
    return {"tahun": year, **levels}


def _operator(users: dict, opd):
    """The OPD's demo operator where there is one, else the superuser (who may fill any)."""
    return {"Dinkes": users.get("operator.dinkes"), "Disdikbud": users.get("operator.disdikbud")}.get(
        opd.acronym
    ) or users.get("admin")


def _reviewer(users: dict, opd):
    return (users.get("kepala.dinkes") if opd.acronym == "Dinkes" else None) or users.get("bappeda")


def _open_if_locked(submission: Submission, users: dict) -> None:
    if submission_is_locked(submission):
        submission_reopen(
            submission=submission,
            actor=users["editor"],
            until=timezone.now() + dt.timedelta(days=7),
            reason=DEMO_REASON,
        )


def _advance(submission: Submission, target: str, answers: dict, users: dict) -> None:
    """Move one expected report to ``target`` through the workflow services."""
    if target == SubmissionStatus.NOT_STARTED:
        return
    _open_if_locked(submission, users)
    operator = _operator(users, submission.opd)
    submission_save_draft(submission=submission, actor=operator, answers=answers)
    if target == SubmissionStatus.DRAFT:
        return
    submission_submit(submission=submission, actor=operator)
    reviewer = _reviewer(users, submission.opd)
    if target == SubmissionStatus.RETURNED:
        submission_return(
            submission=submission,
            actor=reviewer,
            field_comments={"layanan": "Periksa kembali jumlah sasaran; tidak sama dengan data Dukcapil."},
            comment="Mohon diperbaiki.",
        )
        return
    if target == SubmissionStatus.SUBMITTED:
        return
    submission_verify(submission=submission, actor=reviewer, comment="Sesuai.")
    if target == SubmissionStatus.PUBLISHED:
        submission_publish(submission=submission, actor=users["editor"])


#: This quarter's plan per OPD acronym: the period is still open, so nothing is published yet.
SPM_CURRENT = {
    "Dinkes": SubmissionStatus.DRAFT,
    "Disdikbud": SubmissionStatus.SUBMITTED,
    "DPUPR": SubmissionStatus.DRAFT,
    "Dinsos": SubmissionStatus.RETURNED,
    "Disperkim": SubmissionStatus.SUBMITTED,
}
#: Earlier quarters: most reports sent on time and published; Dinsos sends late; DPUPR sent late and
#: waits for verification; Satpol PP-Damkar never sent its old reports (locked gaps the admin may reopen).
SPM_EARLIER = {
    "Dinkes": SubmissionStatus.PUBLISHED,
    "Disdikbud": SubmissionStatus.PUBLISHED,
    "DPUPR": SubmissionStatus.SUBMITTED,
    "Disperkim": SubmissionStatus.PUBLISHED,
    "Dinsos": SubmissionStatus.PUBLISHED,
}
#: (OPD acronym) sent after the due date in the demo; everything else past was sent on time.
LATE_OPDS = {"Dinsos", "DPUPR"}
#: The LKE SAKIP of one OPD and year came in late too (the rest on time).
SAKIP_LATE = {("BPKAD", 0)}


def _backdate(submission: Submission, *, late: bool, seed: int) -> None:
    """Give a past period's report the dates it would have had: sent a few days before the due date
    (``late``: some days after it), verified two days later, published the day after.

    The demo runs the real workflow services today; without this every past report would read as
    sent late. Dates only (no workflow step is invented), through ``audit.bulk.update_tracked`` so the
    audit trail records the change with its reason.
    """

    submission.refresh_from_db()
    if submission.first_submitted_at is None:
        return
    now = timezone.now()
    offset = dt.timedelta(days=5 + seed % 9) if late else -dt.timedelta(days=2 + seed % 5, hours=seed % 7)
    sent = min(submission.due_at + offset, now)
    verified = min(sent + dt.timedelta(days=2), now) if submission.verified_at else None
    published = min(sent + dt.timedelta(days=3), now) if submission.published_at else None
    reopened = {} if late else {"reopened_until": None, "reopen_reason": ""}  # on time: it never needed reopening
    update_tracked(
        Submission.objects.filter(pk=submission.pk),
        reason="Data demo: tanggal pengiriman periode lalu.",
        first_submitted_at=sent,
        submitted_at=sent,
        verified_at=verified,
        published_at=published,
        **reopened,
    )
    moments = {
        SubmissionStatus.DRAFT: sent - dt.timedelta(days=1),
        SubmissionStatus.SUBMITTED: sent,
        SubmissionStatus.VERIFIED: verified,
        SubmissionStatus.PUBLISHED: published,
    }
    for to_status, moment in moments.items():
        if moment is not None:
            SubmissionTransition.objects.filter(submission=submission, to_status=to_status).update(at=moment)


def _assign(*, form, title, period_type, periods, acronyms, users) -> Assignment | None:
    opds = _opds(acronyms)
    if not opds:
        return None
    return assignment_create(
        actor=users["editor"], form=form, title=title, period_type=period_type, periods=periods, opds=opds
    )


def load_reports(*, today: dt.date | None = None) -> list[Assignment]:
    """Create the demo assignments that are missing and move their reports; returns those created."""
    users = _users()
    keys = ["spm", "lke_sakip", "spbe_mandiri"]
    forms = {f.key: f for f in FormDefinition.objects.filter(key__in=keys, versions__isnull=False)}
    if not {"admin", "editor", "bappeda"} <= set(users) or not {"spm", "lke_sakip"} <= set(forms):
        return []  # the organisations demo (users, OPDs) or the templates are not loaded
    today = today or timezone.now().astimezone(local_zone()).date()
    created = []

    title = f"SPM Triwulanan {today.year}"
    if not Assignment.objects.filter(title=title).exists():
        periods = periods_ensure(period_type=PeriodType.QUARTERLY, year=today.year)
        assignment = _assign(
            form=forms["spm"],
            title=title,
            period_type=PeriodType.QUARTERLY,
            periods=periods,
            acronyms=SPM_OPDS,
            users=users,
        )
        if assignment is not None:
            created.append(assignment)
            current = (today.month - 1) // 3 + 1
            rows = assignment.submissions.select_related("opd", "period", "assignment__form")
            for seed, submission in enumerate(rows.order_by("period__number", "opd__name")):
                number = submission.period.number
                plan = SPM_CURRENT if number == current else SPM_EARLIER if number < current else {}
                target = plan.get(submission.opd.acronym, SubmissionStatus.NOT_STARTED)
                _advance(submission, target, _spm_answers(today.year, seed), users)
                if number < current:
                    _backdate(submission, late=submission.opd.acronym in LATE_OPDS, seed=seed)

    years = [today.year - 2, today.year - 1]
    title = f"LKE SAKIP {years[0]}–{years[1]}"
    if not Assignment.objects.filter(title=title).exists():
        sakip_indicator_version(form=forms["lke_sakip"])
        periods = [p for y in years for p in periods_ensure(period_type=PeriodType.ANNUAL, year=y)]
        assignment = _assign(
            form=forms["lke_sakip"],
            title=title,
            period_type=PeriodType.ANNUAL,
            periods=periods,
            acronyms=SAKIP_OPDS,
            users=users,
        )
        if assignment is not None:
            created.append(assignment)
            rows = assignment.submissions.select_related("opd", "period", "assignment__form")
            for seed, submission in enumerate(rows.order_by("period__year", "opd__name")):
                year = submission.period.year
                answers = _sakip_answers(year, seed, acronym=submission.opd.acronym, nth_year=years.index(year))
                _advance(submission, SubmissionStatus.PUBLISHED, answers, users)
                late = (submission.opd.acronym, years.index(year)) in SAKIP_LATE
                _backdate(submission, late=late, seed=seed)

    title = f"Penilaian Mandiri SPBE {years[0]}–{years[1]}"
    if "spbe_mandiri" in forms and not Assignment.objects.filter(title=title).exists():
        periods = [p for y in years for p in periods_ensure(period_type=PeriodType.ANNUAL, year=y)]
        assignment = _assign(
            form=forms["spbe_mandiri"],
            title=title,
            period_type=PeriodType.ANNUAL,
            periods=periods,
            acronyms=SPBE_OPDS,
            users=users,
        )
        if assignment is not None:
            created.append(assignment)
            rows = assignment.submissions.select_related("opd", "period", "assignment__form")
            for seed, submission in enumerate(rows.order_by("period__year", "opd__name")):
                year = submission.period.year
                _advance(submission, SubmissionStatus.PUBLISHED, _spbe_answers(year, years.index(year)), users)
                _backdate(submission, late=False, seed=seed)
    return created


def load(*, stdout=None, style=None) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND):
        assignments = load_reports()
    if stdout is not None and assignments:
        message = f"Penugasan laporan demo: {', '.join(a.title for a in assignments)}."
        stdout.write(style.SUCCESS(message) if style else message)
