"""The quarterly section of the report: the realisasi of each indicator in the quarter and the
faktor pendorong / penghambat / tindak lanjut, entered with — and verified with — the report
of the quarter's last month (March, June, September, December).

Its state follows that report: it can be changed while the report can (draft or returned,
the month begun and not locked), and is read-only once the report is submitted or verified.
Saving locks the report row, so a submission and a save never interleave, and checks the
section's own revision (a save from an out-of-date page is refused, as for the report).

Errors block saving (nothing is written): a value that is not a number, a negative value,
an indicator not of this OPD and year. A realisasi above 150% of its target (the quarter's
target, else the year's) is a warning: it is saved, and the report of the quarter's last
month cannot be submitted until the warning has an explanation (``kinerja.sinyal``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import TahunAnggaran
from lib.figures_kinerja import melewati_batas
from lib.periode import TRIWULAN_ROMAWI, bulan_akhir_triwulan, nama_bulan
from lib.rupiah import format_angka
from reporting import services as layanan_laporan
from reporting.models import LaporanBulanan
from reporting.validasi import Pesan, Tingkat

from .models import EvaluasiTriwulan, IndikatorKinerja, RealisasiIndikator

KOLOM_EVALUASI = ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut_triwulan",
                  "tindak_lanjut_renja", "kepala_nama", "kepala_nip")


class Ditolak(Exception):
    """Nothing was saved; ``pesan`` says why (Indonesian, naming the indicator and value)."""

    def __init__(self, pesan: list[str] | str):
        self.pesan = [pesan] if isinstance(pesan, str) else list(pesan)
        super().__init__("; ".join(self.pesan))


class Konflik(Exception):
    """The section was saved by someone else since the page was loaded."""


def laporan_triwulan(opd, tahun: int, triwulan: int,
                     sekarang: datetime.datetime | None = None) -> LaporanBulanan:
    """The report of the quarter's last month — created on first visit like the monthly form,
    except for a month not yet begun (an unsaved report: the section is read-only)."""
    bulan = bulan_akhir_triwulan(triwulan)
    lokal = timezone.localtime(sekarang or timezone.now())
    if (lokal.year, lokal.month) < (tahun, bulan):
        return LaporanBulanan(tahun=TahunAnggaran.objects.get(tahun=tahun), opd=opd, bulan=bulan)
    return layanan_laporan.laporan_untuk(opd, tahun, bulan)


def alasan_terkunci(lap: LaporanBulanan, sekarang: datetime.datetime | None = None) -> str:
    """Why the section cannot be changed now ("" when it can)."""
    judul = f"laporan {nama_bulan(lap.bulan)} {lap.tahun.tahun}"
    if lap.pk is None:
        return (f"Bagian kinerja triwulan ini diisi bersama {judul}, yang bulannya belum "
                f"dimulai.")
    if not lap.dapat_diubah:
        return (f"Bagian kinerja mengikuti {judul}, yang berstatus "
                f"{lap.get_status_display().lower()}; isinya tidak dapat diubah lagi kecuali "
                f"laporan itu dikembalikan atau dibuka kembali oleh verifikator.")
    periode = layanan_laporan.pesan_periode(lap, sekarang or timezone.now())
    return periode[0].pesan if periode else ""


def target_pembanding(ind: IndikatorKinerja, triwulan: int) -> Decimal:
    """The target a quarter's realisasi is held to: the quarter's own, else the year's."""
    t = ind.target_triwulan[triwulan - 1]
    return ind.target if t is None else t


@dataclass(frozen=True)
class Peringatan:
    indikator: IndikatorKinerja
    triwulan: int
    nilai: Decimal
    target: Decimal
    dijelaskan: bool

    @property
    def pesan(self) -> str:
        return (f"TW {TRIWULAN_ROMAWI[self.triwulan - 1]}: realisasi "
                f"{self.indikator.uraian} {format_angka(self.nilai)} {self.indikator.satuan} "
                f"melebihi 150% target ({format_angka(self.target)}); tulis penjelasannya.")


def peringatan(indikator: list[IndikatorKinerja], nilai: dict[int, Decimal | None],
               penjelasan: dict[int, str], triwulan: int) -> list[Peringatan]:
    """The 150% warnings of one quarter, over given values (typed or stored)."""
    hasil = []
    for ind in indikator:
        v = nilai.get(ind.pk)
        target = target_pembanding(ind, triwulan)
        if melewati_batas(v, target):
            hasil.append(Peringatan(ind, triwulan, v, target,
                                    bool(penjelasan.get(ind.pk, "").strip())))
    return hasil


@dataclass
class IsiTriwulan:
    """What the section holds for one OPD, year and quarter."""

    indikator: list[IndikatorKinerja]
    realisasi: dict[int, dict[int, RealisasiIndikator]]  # indikator -> triwulan -> row
    evaluasi: EvaluasiTriwulan | None
    evaluasi_lalu: EvaluasiTriwulan | None  # the latest earlier one (the kepala's name)

    def nilai(self, triwulan: int) -> dict[int, Decimal | None]:
        return {i: (r[triwulan].nilai if triwulan in r else None)
                for i, r in self.realisasi.items()}

    def penjelasan(self, triwulan: int) -> dict[int, str]:
        return {i: r[triwulan].penjelasan for i, r in self.realisasi.items() if triwulan in r}


def muat(opd_id: int, tahun: int, triwulan: int) -> IsiTriwulan:
    """Four queries: the indicators, their realisasi, this and earlier quarters' evaluation."""
    from .susunan import indikator_opd

    indikator = list(indikator_opd(tahun, opd_id))
    realisasi: dict[int, dict[int, RealisasiIndikator]] = defaultdict(dict)
    for r in RealisasiIndikator.objects.filter(indikator__in=[i.pk for i in indikator]):
        realisasi[r.indikator_id][r.triwulan] = r
    evaluasi = list(EvaluasiTriwulan.objects.filter(
        tahun__tahun__lte=tahun, opd_id=opd_id).order_by("-tahun__tahun", "-triwulan")
        .select_related("tahun")[:8])
    ini = next((e for e in evaluasi if (e.tahun.tahun, e.triwulan) == (tahun, triwulan)), None)
    lalu = next((e for e in evaluasi if (e.tahun.tahun, e.triwulan) < (tahun, triwulan)
                 and (e.kepala_nama or e.kepala_nip)), None)
    return IsiTriwulan(indikator, realisasi, ini, lalu)


def blokir_pengajuan(lap: LaporanBulanan) -> list[Pesan]:
    """What keeps the report of a quarter's last month from being submitted: the quarter's
    indicators above 150% of target without an explanation."""
    if lap.bulan % 3:
        return []
    triwulan = lap.bulan // 3
    isi = muat(lap.opd_id, lap.tahun.tahun, triwulan)
    belum = [p for p in peringatan(isi.indikator, isi.nilai(triwulan), isi.penjelasan(triwulan),
                                   triwulan) if not p.dijelaskan]
    if not belum:
        return []
    return [Pesan(Tingkat.GALAT, f"kinerja:{triwulan}",
                  f"Kinerja triwulan {TRIWULAN_ROMAWI[triwulan - 1]}: {len(belum)} realisasi "
                  f"indikator melebihi 150% target tanpa penjelasan (mis. "
                  f"{belum[0].indikator.uraian}). Tulis penjelasannya di halaman Kinerja "
                  f"triwulan, lalu ajukan lagi.")]


def simpan(lap: LaporanBulanan, oleh, *, triwulan: int, revisi: int,
           nilai: dict[int, Decimal | None], penjelasan: dict[int, str],
           evaluasi: dict[str, str], sekarang: datetime.datetime | None = None
           ) -> list[Peringatan]:
    """Save the quarter's realisasi (None: not reported, the row removed), the explanations
    and the evaluation text, all or nothing. Returns the warnings still unexplained."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = LaporanBulanan.objects.select_for_update().select_related("tahun", "opd").get(
            pk=lap.pk)
        if alasan := alasan_terkunci(lap, sekarang):
            raise Ditolak(alasan)
        tahun = lap.tahun.tahun
        # order_by("pk"): the default ordering joins the (nullable) OPD, which PostgreSQL
        # cannot lock FOR UPDATE.
        ev = (EvaluasiTriwulan.objects.select_for_update()
              .filter(tahun=lap.tahun, opd=lap.opd, triwulan=triwulan).order_by("pk").first())
        if (ev.revisi if ev else 0) != revisi:
            raise Konflik("Bagian kinerja ini telah diubah orang lain sejak halaman Anda dibuka; "
                          "isian Anda belum disimpan dan tetap ditampilkan.")
        milik = {i.pk: i for i in IndikatorKinerja.objects.filter(tahun=lap.tahun, opd=lap.opd)}
        if not (set(nilai) | set(penjelasan)) <= set(milik):
            raise PermissionDenied("Indikator bukan milik perangkat daerah ini.")
        galat = [f"{milik[i].uraian}: realisasi {format_angka(v)} negatif; tidak boleh kurang dari nol"
                 for i, v in nilai.items() if v is not None and v < 0]
        if galat:
            raise Ditolak(galat)
        _tulis_realisasi(milik, triwulan, nilai, penjelasan, oleh, sekarang)
        if ev is None:
            ev = EvaluasiTriwulan(tahun=lap.tahun, opd=lap.opd, triwulan=triwulan)
        for k in KOLOM_EVALUASI:
            if k in evaluasi:
                setattr(ev, k, evaluasi[k].strip())
        ev.revisi += 1
        ev.diubah_oleh = oleh
        ev._history_user = oleh
        ev.save()
    isi = muat(lap.opd_id, tahun, triwulan)
    return [p for p in peringatan(isi.indikator, isi.nilai(triwulan), isi.penjelasan(triwulan),
                                  triwulan) if not p.dijelaskan]


def _tulis_realisasi(milik, triwulan, nilai, penjelasan, oleh, sekarang) -> None:
    ada = {r.indikator_id: r for r in RealisasiIndikator.objects.filter(
        indikator_id__in=list(milik), triwulan=triwulan)}
    ubah, baru, hapus = [], [], []
    for iid in set(nilai) | set(penjelasan):
        v = nilai.get(iid, ada[iid].nilai if iid in ada else None)
        teks = penjelasan.get(iid, ada[iid].penjelasan if iid in ada else "").strip()
        if iid in ada:
            r = ada[iid]
            if v is None:
                hapus.append(r)
            elif (r.nilai, r.penjelasan) != (v, teks):
                r.nilai, r.penjelasan = v, teks
                ubah.append(r)
        elif v is not None:
            baru.append(RealisasiIndikator(indikator_id=iid, triwulan=triwulan, nilai=v,
                                           penjelasan=teks))
    if ubah:
        bulk_update_with_history(ubah, RealisasiIndikator, ["nilai", "penjelasan"],
                                 default_user=oleh, default_date=sekarang)
    if baru:
        bulk_create_with_history(baru, RealisasiIndikator, default_user=oleh,
                                 default_date=sekarang)
    for r in hapus:
        r._history_user = oleh
        r.delete()
