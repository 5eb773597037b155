"""Where the operator's values go: drafts while the report is being filled, official data once
it is submitted.

``budget.RealisasiKeuangan`` and ``budget.RealisasiFisik`` are the official data and the only
source of every figure (and of the derived tables the database keeps from them). A save writes
only the draft tables (``IsianRealisasi``, ``IsianFisik``); submission (``terbitkan``, inside
``services.ajukan``'s transaction) copies the report's values — the draft over the official —
into the official tables and deletes the drafts. Imports keep writing official rows directly.
Both sides keep their audit trail (django-simple-history). A constant number of queries
whatever the number of lines.
"""

from __future__ import annotations

from django.db import connection
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import RealisasiFisik, RealisasiKeuangan

from .gabung import Nilai
from .isi import IsiLaporan, muat_isi
from .models import IsianFisik, IsianRealisasi, LaporanBulanan


def _upsert(model, ada: dict, baru_kw, nilai: dict, kolom: str, oleh, sekarang) -> None:
    ubah, baru = [], []
    for k, v in nilai.items():
        if k in ada:
            if getattr(ada[k], kolom) != v:
                setattr(ada[k], kolom, v)
                ubah.append(ada[k])
        else:
            baru.append(model(**baru_kw(k), **{kolom: v}))
    if ubah:
        bulk_update_with_history(ubah, model, [kolom], default_user=oleh, default_date=sekarang)
    if baru:
        bulk_create_with_history(baru, model, default_user=oleh, default_date=sekarang)


def tulis_draf(lap: LaporanBulanan, realisasi: dict[int, Nilai], fisik: dict[int, Nilai], oleh,
               sekarang) -> None:
    """Store these values (None: blank) as the report's drafts."""
    if realisasi:
        ada = {d.rincian_id: d for d in IsianRealisasi.objects.filter(
            laporan=lap, rincian_id__in=list(realisasi))}
        _upsert(IsianRealisasi, ada, lambda k: {"laporan": lap, "rincian_id": k}, realisasi,
                "jumlah", oleh, sekarang)
    if fisik:
        ada = {d.sub_kegiatan_id: d for d in IsianFisik.objects.filter(
            laporan=lap, sub_kegiatan_id__in=list(fisik))}
        _upsert(IsianFisik, ada, lambda k: {"laporan": lap, "sub_kegiatan_id": k}, fisik,
                "persen", oleh, sekarang)


def _hapus_resmi(model, pk: list[int], oleh) -> None:
    # One by one so that each deletion is in the audit trail with its user; rare (a value
    # cleared on a returned report), never one per line of an ordinary submission.
    for obj in model.objects.filter(pk__in=pk):
        obj._history_user = oleh
        obj.delete()


def _tulis_resmi(model, ada: dict, baru_kw, nilai: dict, kolom: str, oleh, sekarang) -> None:
    isi = {k: v for k, v in nilai.items() if v is not None}
    _upsert(model, ada, baru_kw, isi, kolom, oleh, sekarang)
    _hapus_resmi(model, [ada[k].pk for k, v in nilai.items() if v is None and k in ada], oleh)


def _hapus_draf(lap: LaporanBulanan) -> None:
    """Delete the report's drafts in two statements. Not through the ORM: a queryset delete
    sends a signal per row, and simple-history would add one audit row per draft; the
    official audit trail records the submitted values instead."""
    with connection.cursor() as cursor:
        for model in (IsianRealisasi, IsianFisik):
            tabel = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {tabel} WHERE laporan_id = %s", [lap.pk])


def terbitkan(lap: LaporanBulanan, oleh, sekarang, isi: IsiLaporan | None = None) -> int:
    """Submission: the report's drafts become official data (a typed zero is stored as a row
    of zero; a blank removes the official row), then the drafts are deleted.

    Only the drafts of the lines and sub kegiatan the report holds now (``isi``, as the form,
    the checks and the snapshot see it): a draft of a line the budget version in force no
    longer has — an APBD Perubahan took effect after it was saved — was never shown, checked
    or submitted, and is deleted with the others instead of becoming official. Returns how
    many such drafts there were."""
    isi = isi or muat_isi(lap)
    baris = {b.rincian_id for b in isi.baris}
    subs = {s.sub_kegiatan_id for s in isi.sub}
    semua_r = dict(IsianRealisasi.objects.filter(laporan=lap)
                   .values_list("rincian_id", "jumlah"))
    semua_f = dict(IsianFisik.objects.filter(laporan=lap).values_list("sub_kegiatan_id", "persen"))
    realisasi = {k: v for k, v in semua_r.items() if k in baris}
    fisik = {k: v for k, v in semua_f.items() if k in subs}
    if realisasi:
        ada = {r.rincian_id: r for r in RealisasiKeuangan.objects.filter(
            rincian_id__in=list(realisasi), bulan=lap.bulan)}
        _tulis_resmi(RealisasiKeuangan, ada,
                     lambda k: {"rincian_id": k, "bulan": lap.bulan}, realisasi, "jumlah",
                     oleh, sekarang)
    if fisik:
        ada = {r.sub_kegiatan_id: r for r in RealisasiFisik.objects.filter(
            tahun_id=lap.tahun_id, opd_id=lap.opd_id, bulan=lap.bulan,
            sub_kegiatan_id__in=list(fisik))}
        _tulis_resmi(RealisasiFisik, ada,
                     lambda k: {"tahun_id": lap.tahun_id, "opd_id": lap.opd_id,
                                "sub_kegiatan_id": k, "bulan": lap.bulan},
                     fisik, "persen", oleh, sekarang)
    if semua_r or semua_f:
        _hapus_draf(lap)
    return len(semua_r) - len(realisasi) + len(semua_f) - len(fisik)


def tetapkan_realisasi(lap: LaporanBulanan, realisasi: dict[int, Nilai], oleh, sekarang) -> None:
    """A verifier's figures (accepted from SIPD) for some of the report's lines: official at
    once, like an import, and the report's drafts of those lines deleted, so the operator's
    form shows them and a later submission does not overwrite them with an older draft."""
    ada = {r.rincian_id: r for r in RealisasiKeuangan.objects.filter(
        rincian_id__in=list(realisasi), bulan=lap.bulan)}
    _tulis_resmi(RealisasiKeuangan, ada, lambda k: {"rincian_id": k, "bulan": lap.bulan},
                 realisasi, "jumlah", oleh, sekarang)
    IsianRealisasi.objects.filter(laporan=lap, rincian_id__in=list(realisasi)).delete()


def pesan_dibuang(n: int) -> str:
    """What submission says of the drafts ``terbitkan`` dropped; '' when none."""
    if not n:
        return ""
    return (f"{n} isian draf untuk rincian atau sub kegiatan yang tidak lagi ada pada anggaran "
            f"yang berlaku tidak ikut diajukan dan dihapus.")
