"""The Permendagri 86/2017 evaluation forms as plain data: E.81 (hasil Renja of one OPD) and
E.79 (hasil RKPD of the pemda), for a year up to a quarter. The XLSX and the PDF only lay
out a ``FormEvaluasi``; the K columns come from the indicators, the Rp columns from the
Rakor's figures (``kinerja.uang``), every ratio from ``lib.figures_kinerja``.

A constant number of queries: the Rakor figures at the end of each quarter so far (five
each), then the sub kegiatan, the indicators, their realisasi, the quarter's evaluation and
the pemda — whatever the number of OPD, rows or indicators.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from budget.models import Pemda, PerangkatDaerah, SubKegiatan
from lib.figures import Jumlah, Kategori, hitung_angka
from lib.figures_kinerja import (
    predikat,
    rata_rata_capaian,
    realisasi_renstra,
    realisasi_tahunan,
    tingkat_capaian,
)
from lib.periode import TRIWULAN_ROMAWI, akhir_bulan, bulan_akhir_triwulan, tanggal_panjang

from .models import EvaluasiTriwulan, IndikatorKinerja, RealisasiIndikator, Tingkat
from .susunan import BarisRenja, indikator_opd, susun
from .uang import NilaiRp, jumlah_sub_opd, jumlah_sub_semua, nilai_rp, nilai_rp_sub, rekap_triwulan


@dataclass(frozen=True)
class NilaiK:
    """The K columns of one indicator."""

    indikator: IndikatorKinerja
    tw: list[Decimal | None]  # each quarter's realisasi; None after the evaluated one
    tahun_ini: Decimal | None
    renstra_sd: Decimal | None
    capaian: Decimal | None
    capaian_renstra: Decimal | None
    predikat: Kategori | None


def nilai_k(ind: IndikatorKinerja, realisasi: dict[int, Decimal], triwulan: int) -> NilaiK:
    tw = [realisasi.get(k) if k <= triwulan else None for k in range(1, 5)]
    tahun_ini = realisasi_tahunan(tw, ind.akumulasi)
    ada_renstra = ind.target_renstra is not None or ind.realisasi_renstra_lalu is not None
    sd = realisasi_renstra(ind.realisasi_renstra_lalu, tahun_ini, ind.akumulasi) \
        if ada_renstra else None
    capaian = tingkat_capaian(tahun_ini, ind.target, ind.arah)
    return NilaiK(ind, tw, tahun_ini, sd, capaian,
                  tingkat_capaian(sd, ind.target_renstra, ind.arah), predikat(capaian))


@dataclass
class BarisForm:
    tingkat: str  # program / kegiatan / sub_kegiatan, or "opd" (a heading of E.79)
    kode: str
    nama: str
    penanggung_jawab: str
    indikator: list[NilaiK]
    rp: NilaiRp

    @property
    def label_tingkat(self) -> str:
        return "Perangkat daerah" if self.tingkat == "opd" else Tingkat(self.tingkat).label


@dataclass
class FormEvaluasi:
    jenis: str  # "E.81" / "E.79"
    tahun: int
    triwulan: int
    opd: PerangkatDaerah | None
    pemda: Pemda | None
    baris: list[BarisForm]
    total: NilaiRp
    evaluasi: EvaluasiTriwulan | None
    tanggal: datetime.date
    penandatangan: list[dict] = field(default_factory=list)  # judul, jabatan, nama, nip

    @property
    def nilai_k(self) -> list[NilaiK]:
        return [k for b in self.baris for k in b.indikator]

    @property
    def rata_rata(self) -> Decimal | None:
        """Mean tingkat capaian of the indicators (those with a target)."""
        return rata_rata_capaian(k.capaian for k in self.nilai_k)

    @property
    def predikat(self) -> Kategori | None:
        return predikat(self.rata_rata)

    @property
    def predikat_rp(self) -> Kategori | None:
        return predikat(self.total.capaian)

    @property
    def romawi(self) -> str:
        return TRIWULAN_ROMAWI[self.triwulan - 1]

    @property
    def batas_teks(self) -> str:
        return tanggal_panjang(akhir_bulan(self.tahun, bulan_akhir_triwulan(self.triwulan)))

    @property
    def nama_pemda(self) -> str:
        return self.pemda.nama if self.pemda else "Pemerintah Daerah"

    @property
    def tempat(self) -> str:
        return (self.pemda.ibu_kota if self.pemda else "") or ""


def realisasi_indikator(indikator: list[IndikatorKinerja]) -> dict[int, dict[int, Decimal]]:
    hasil: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for iid, tw, nilai in RealisasiIndikator.objects.filter(
            indikator__in=[i.pk for i in indikator]).values_list("indikator_id", "triwulan",
                                                                  "nilai"):
        hasil[iid][tw] = nilai
    return hasil


def _renstra_rp(b: BarisRenja) -> dict:
    """The Rp of the Renstra, written on the row's indicators (the import keeps them equal)."""
    def pertama(kolom):
        return next((getattr(i, kolom) for i in b.indikator if getattr(i, kolom) is not None),
                    None)
    return {"target_renstra": pertama("target_renstra_rp"),
            "realisasi_renstra_lalu": pertama("realisasi_renstra_lalu_rp")}


def _subs(ids) -> list[SubKegiatan]:
    return list(SubKegiatan.objects.filter(pk__in=list(ids)).select_related("kegiatan__program"))


def _evaluasi(tahun: int, triwulan: int, opd_id: int | None) -> EvaluasiTriwulan | None:
    return EvaluasiTriwulan.objects.filter(tahun__tahun=tahun, triwulan=triwulan,
                                           opd_id=opd_id).first()


def _tanda(judul: str, jabatan: str, nama: str = "", nip: str = "") -> dict:
    return {"judul": judul, "jabatan": jabatan, "nama": nama, "nip": nip}


def _bappeda(judul: str) -> dict:
    return _tanda(judul, "Kepala Bappeda", settings.SIAP_BAPPEDA_NAMA, settings.SIAP_BAPPEDA_NIP)


def form_e81(tahun: int, triwulan: int, opd: PerangkatDaerah, *,
             hari_ini: datetime.date | None = None) -> FormEvaluasi:
    """E.81 of ``opd``: every program, kegiatan and sub kegiatan of its budget with their
    indicators, up to the end of ``triwulan``."""
    rekap = rekap_triwulan(tahun, triwulan)
    per_sub_tw = [jumlah_sub_opd(h, opd.pk) for h in rekap]
    indikator = list(indikator_opd(tahun, opd.pk))
    realisasi = realisasi_indikator(indikator)
    baris = []
    for b in susun(_subs(per_sub_tw[-1]), indikator):
        baris.append(BarisForm(
            b.tingkat, b.kode, b.nama, opd.nama,
            [nilai_k(i, realisasi[i.pk], triwulan) for i in b.indikator],
            nilai_rp_sub(per_sub_tw, b.sub, **_renstra_rp(b)),
        ))
    total = nilai_rp([_angka_opd(h, opd.pk) for h in rekap])
    ev = _evaluasi(tahun, triwulan, opd.pk)
    kepala = _tanda("Disusun", f"Kepala {opd.nama}", ev.kepala_nama if ev else "",
                    ev.kepala_nip if ev else "")
    return FormEvaluasi("E.81", tahun, triwulan, opd, Pemda.aktif(), baris, total, ev,
                        hari_ini or timezone.localdate(), [kepala, _bappeda("Dievaluasi")])


def _angka_opd(hasil, opd_id: int):
    """The OPD's figures exactly as the dashboard shows them (no line: all zero)."""
    k = hasil.rekap.untuk_opd(opd_id)
    return k.angka if k is not None else hitung_angka(Jumlah())


def form_e79(tahun: int, triwulan: int, *, hari_ini: datetime.date | None = None
             ) -> FormEvaluasi:
    """E.79 of the pemda: per OPD, its programs with their outcome indicators, up to the end
    of ``triwulan``; the total is the pemda's. The kegiatan and sub kegiatan are each OPD's
    E.81 (a pemda's E.79 down to kegiatan runs to 80 pages and more)."""
    rekap = rekap_triwulan(tahun, triwulan)
    per_sub_tw = [jumlah_sub_semua(h) for h in rekap]
    data = rekap[-1].data
    indikator = list(indikator_opd(tahun, tingkat=(Tingkat.PROGRAM,)))
    realisasi = realisasi_indikator(indikator)
    sub_per_opd: dict[int, list[int]] = defaultdict(list)
    for opd_id, sub_id in per_sub_tw[-1]:
        sub_per_opd[opd_id].append(sub_id)
    ind_per_opd: dict[int, list[IndikatorKinerja]] = defaultdict(list)
    for i in indikator:
        ind_per_opd[i.opd_id].append(i)
    subs = {s.pk: s for s in _subs({s for ids in sub_per_opd.values() for s in ids})}
    opd_urut = sorted(set(sub_per_opd) | set(ind_per_opd),
                      key=lambda k: data.opd[k].kode if k in data.opd else str(k))
    baris = []
    for opd_id in opd_urut:
        o = data.opd.get(opd_id)
        nama = o.nama if o else f"Perangkat daerah #{opd_id}"
        baris.append(BarisForm("opd", o.kode if o else "", nama, nama, [],
                               nilai_rp([_angka_opd(h, opd_id) for h in rekap])))
        for b in susun([subs[s] for s in sub_per_opd[opd_id]], ind_per_opd[opd_id],
                       dengan_sub=False):
            if b.tingkat != Tingkat.PROGRAM:
                continue
            baris.append(BarisForm(
                b.tingkat, b.kode, b.nama, nama,
                [nilai_k(i, realisasi[i.pk], triwulan) for i in b.indikator],
                nilai_rp_sub(per_sub_tw, [(opd_id, s) for s in b.sub], **_renstra_rp(b)),
            ))
    total = nilai_rp([h.rekap.total for h in rekap])
    return FormEvaluasi("E.79", tahun, triwulan, None, Pemda.aktif(), baris, total,
                        _evaluasi(tahun, triwulan, None), hari_ini or timezone.localdate(),
                        [_bappeda("Disusun"),
                         _tanda("Mengetahui", "Sekretaris Daerah", settings.SIAP_SEKDA_NAMA,
                                settings.SIAP_SEKDA_NIP)])
