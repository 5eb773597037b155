"""Form A (per sub kegiatan of an OPD), Form B (per OPD of the pemda) and the RFK table
(realisasi fisik dan keuangan) as plain data, at a cut-off like the Rakor pages.

The figures of every row are the Rakor's (``hitung_rekap`` → ``lib.figures``); the
weights — bobot, TTB, nilai realisasi fisik, sisa — come from ``lib.figures_kinerja``;
the indicator keluaran from the indicators, up to the last quarter completed by the cut-off.
Each table is a list of columns and of rows of cells, so the page and the XLSX lay out the
same values. A constant number of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass, field
from decimal import Decimal

from budget.models import PerangkatDaerah, SubKegiatan
from evaluation.queries import hitung_rekap
from lib.figures import Jumlah, Kategori, hitung_angka
from lib.figures_kinerja import (
    Tertimbang,
    jumlah_tertimbang,
    predikat,
    rata_rata_capaian,
    tertimbang_dari,
)
from lib.periode import akhir_bulan, tanggal_panjang
from reporting.models import LaporanBulanan

from .evaluasi import NilaiK, nilai_k, realisasi_indikator
from .models import Tingkat
from .susunan import indikator_opd, susun
from .uang import jumlah_sub_opd, jumlahkan


@dataclass
class BarisBentuk:
    tingkat: str  # "perangkat_daerah" (Form B, RFK), "program", "kegiatan", "sub_kegiatan"
    kode: str
    nama: str
    t: Tertimbang
    kunci: int | None = None  # the OPD's id (Form B, RFK), for the link to its page
    indikator: list[NilaiK] = field(default_factory=list)
    rata_rata: Decimal | None = None  # mean tingkat capaian of the OPD's indicators
    diperbarui: datetime.datetime | None = None  # the month's report, last submitted
    catatan: str = ""  # the verifier's note on it

    @property
    def predikat(self) -> Kategori | None:
        return predikat(self.rata_rata)


@dataclass
class Bentuk:
    tahun: int
    bulan: int
    triwulan_selesai: int  # quarters completed by the cut-off (indicator realisasi)
    opd: PerangkatDaerah | None
    baris: list[BarisBentuk]
    total: Tertimbang
    jumlah: dict  # Σ bobot and tertimbang over every row of the whole
    versi: object

    @property
    def batas(self) -> str:
        return tanggal_panjang(akhir_bulan(self.tahun, self.bulan))


def form_a(tahun: int, bulan: int, opd: PerangkatDaerah) -> Bentuk:
    """One OPD's sub kegiatan (under their program and kegiatan), each weighed in the OPD."""
    hasil = hitung_rekap(tahun, bulan)
    per_sub = jumlah_sub_opd(hasil, opd.pk)
    k = hasil.rekap.untuk_opd(opd.pk)
    total = k.angka if k is not None else hitung_angka(Jumlah())
    tw = bulan // 3
    indikator = list(indikator_opd(tahun, opd.pk, tingkat=(Tingkat.SUB_KEGIATAN,)))
    realisasi = realisasi_indikator(indikator)
    subs = SubKegiatan.objects.filter(pk__in=list(per_sub)).select_related("kegiatan__program")
    baris, daun = [], []
    for b in susun(subs, indikator):
        a = hitung_angka(jumlahkan(per_sub, b.sub))
        t = tertimbang_dari(a, total.pagu)
        baris.append(BarisBentuk(b.tingkat, b.kode, b.nama, t, indikator=[
            nilai_k(i, realisasi[i.pk], tw) for i in b.indikator]))
        if b.tingkat == Tingkat.SUB_KEGIATAN:
            daun.append(t)
    return Bentuk(tahun, bulan, tw, opd, baris, tertimbang_dari(total, total.pagu),
                  jumlah_tertimbang(daun), hasil.data.versi)


def form_b(tahun: int, bulan: int, terlihat: Container[int] | None = None) -> Bentuk:
    """Every OPD weighed in the pemda, with the mean capaian of its indicators, the time its
    month's report was last submitted and the verifier's note (``terlihat``: the OPD rows
    shown, e.g. ``accounts.akses.cakupan_opd``; the sums are the pemda's either way)."""
    hasil = hitung_rekap(tahun, bulan)
    data, r = hasil.data, hasil.rekap
    tw = bulan // 3
    indikator = list(indikator_opd(tahun))
    realisasi = realisasi_indikator(indikator)
    capaian: dict[int, list] = defaultdict(list)
    for i in indikator:
        capaian[i.opd_id].append(nilai_k(i, realisasi[i.pk], tw).capaian)
    laporan = {lap.opd_id: lap for lap in LaporanBulanan.objects.filter(
        tahun__tahun=tahun, bulan=bulan).only("opd_id", "diajukan_pada", "catatan_verifikator")}
    semua = []
    for k in sorted(r.opd, key=lambda k: data.opd[k.kunci].kode if k.kunci in data.opd else ""):
        o = data.opd.get(k.kunci)
        if o is None or (k.angka.pagu == 0 and k.angka.realisasi == 0):
            continue
        lap = laporan.get(k.kunci)
        semua.append(BarisBentuk(
            "perangkat_daerah", o.kode, o.nama, tertimbang_dari(k.angka, r.total.pagu),
            kunci=k.kunci,
            rata_rata=rata_rata_capaian(capaian.get(k.kunci, [])),
            diperbarui=lap.diajukan_pada if lap else None,
            catatan=lap.catatan_verifikator if lap else ""))
    baris = [b for b in semua if terlihat is None or b.kunci in terlihat]
    return Bentuk(tahun, bulan, tw, None, baris, tertimbang_dari(r.total, r.total.pagu),
                  jumlah_tertimbang(b.t for b in semua), data.versi)
