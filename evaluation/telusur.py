"""Fetching for the drill-down pages (one OPD, one sub kegiatan of an OPD): the sub kegiatan
grouped by program and kegiatan, and a sub kegiatan's budget lines with their months — each in a
constant number of queries, money summed exactly with ``SumSen``; the figures come from
``lib.figures.hitung_angka``. (The Kurva S beside them is ``evaluation.kurva``.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from budget.models import (
    BULAN_AK,
    PaguAnggaran,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
)
from budget.sen import SumSen, sen_ke_rupiah
from lib.figures import NOL, Angka, Jumlah, hitung_angka
from reporting.models import LaporanBulanan

from .queries import HasilRekap

# --- OPD page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisSub:
    sub_kegiatan: SubKegiatan
    angka: Angka


@dataclass
class KelompokKegiatan:
    kode: str
    nama: str
    sub: list[BarisSub] = field(default_factory=list)


@dataclass
class KelompokProgram:
    kode: str
    nama: str
    kegiatan: list[KelompokKegiatan] = field(default_factory=list)


def sub_kegiatan_opd(hasil: HasilRekap, opd_id: int) -> list[KelompokProgram]:
    """The OPD's sub kegiatan with their figures (from ``hasil``), grouped by program and
    kegiatan in code order — one query for the nomenclature labels."""
    angka_sub = _angka_sub_opd(hasil, opd_id)
    subs = (
        SubKegiatan.objects.filter(pk__in=angka_sub)
        .select_related("kegiatan__program")
        .order_by("kode")
    )
    program: dict[int, KelompokProgram] = {}
    kegiatan: dict[int, KelompokKegiatan] = {}
    for s in subs:
        keg, prog = s.kegiatan, s.kegiatan.program
        if prog.pk not in program:
            program[prog.pk] = KelompokProgram(prog.kode, prog.nama)
        if keg.pk not in kegiatan:
            kegiatan[keg.pk] = KelompokKegiatan(keg.kode, keg.nama)
            program[prog.pk].kegiatan.append(kegiatan[keg.pk])
        kegiatan[keg.pk].sub.append(BarisSub(s, angka_sub[s.pk]))
    return sorted(program.values(), key=lambda p: p.kode)


# --- sub kegiatan page -------------------------------------------------------------------


@dataclass(frozen=True)
class BarisAnggaran:
    """One budget line of a sub kegiatan: its figures at the cut-off and its months."""

    rincian: RincianAnggaran
    angka: Angka
    anggaran_kas: list[Decimal]  # 12 months of the version in force
    realisasi: list[Decimal | None]  # per month, None after the cut-off
    kumulatif: list[Decimal | None]  # cumulative realisasi, None after the cut-off


def baris_anggaran(hasil: HasilRekap, opd_id: int, sub_kegiatan_id: int) -> list[BarisAnggaran]:
    """The budget lines of one sub kegiatan of one OPD, in three queries (lines with their
    masters, pagu and anggaran kas of the version in force, realisasi per month).

    Each line's figures come from ``figures.hitung_angka`` over the line's own ``Jumlah``."""
    bulan = hasil.bulan
    rincian = list(
        RincianAnggaran.objects.filter(
            tahun__tahun=hasil.tahun, opd_id=opd_id, sub_kegiatan_id=sub_kegiatan_id
        ).select_related("sumber_dana", "jenis_belanja")
    )
    ids = [r.pk for r in rincian]
    ak: dict[int, tuple[Decimal, list[Decimal]]] = {}
    if hasil.data.versi is not None:
        for row in PaguAnggaran.objects.filter(versi=hasil.data.versi, rincian_id__in=ids) \
                .values_list("rincian_id", "pagu", *BULAN_AK):
            ak[row[0]] = (row[1], list(row[2:]))
    real: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for rid, b, sen in (
        RealisasiKeuangan.objects.filter(rincian_id__in=ids, bulan__lte=bulan)
        .values("rincian_id", "bulan").annotate(sen=SumSen("jumlah"))
        .values_list("rincian_id", "bulan", "sen")
    ):
        real[rid][b] = sen_ke_rupiah(sen)

    # Fisik belongs to the sub kegiatan, not the line: take it from the rekap.
    fisik = hasil.data.fisik_sub(opd_id, sub_kegiatan_id)
    dilaporkan = bulan_dilaporkan(hasil.tahun, opd_id, bulan)
    hasil_baris = []
    for r in rincian:
        pagu, kas = ak.get(r.pk, (NOL, [NOL] * 12))
        if not pagu and not real.get(r.pk):
            continue  # neither in the version in force nor spent: not part of the cut-off
        bulanan = [real[r.pk].get(b, NOL) if b in dilaporkan else None for b in range(1, 13)]
        kumulatif, jalan = [], NOL
        for v in bulanan:
            if v is None:
                kumulatif.append(None)
            else:
                jalan += v
                kumulatif.append(jalan)
        j = Jumlah(pagu, sum(kas[:bulan], NOL), jalan,
                   pagu * fisik[0], pagu * fisik[1])
        hasil_baris.append(BarisAnggaran(r, hitung_angka(j), kas, bulanan, kumulatif))
    return hasil_baris


def bulan_dilaporkan(tahun: int, opd_id: int, bulan: int) -> set[int]:
    """The months up to ``bulan`` an OPD has reported, in one query: its report was submitted,
    or it has realisasi on any line (an import). In a month not reported a line shows "–"
    (unknown), not 0,00; once reported, a line without realisasi did spend nothing."""
    diajukan = LaporanBulanan.objects.filter(
        tahun__tahun=tahun, opd_id=opd_id, bulan__lte=bulan, pertama_diajukan_pada__isnull=False
    ).order_by().values_list("bulan", flat=True)
    ada_realisasi = RealisasiKeuangan.objects.filter(
        rincian__tahun__tahun=tahun, rincian__opd_id=opd_id, bulan__lte=bulan
    ).order_by().values_list("bulan", flat=True)
    return set(diajukan.union(ada_realisasi))


def _angka_sub_opd(hasil: HasilRekap, opd_id: int) -> dict[int, Angka]:
    """{sub kegiatan: figures} of one OPD in the rekap's order. From the OPD's own sums when
    ``hitung_rekap`` kept them (``DataRekap.jumlah_sub_kegiatan``: the same ``hitung_angka`` of the
    same sums, without building the 124.000 sub kegiatan of a ×100 kabupaten)."""
    jumlah = hasil.data.jumlah_sub_kegiatan(opd_id)
    if jumlah is not None:
        return {k[1]: hitung_angka(j) for k, j in jumlah.items()}
    return {k.kunci[1]: k.angka for k in hasil.rekap.sub_kegiatan if k.kunci[0] == opd_id}


def jumlah_sub(hasil: HasilRekap, opd_id: int, sub_kegiatan_id: int) -> Angka | None:
    """The figures of one sub kegiatan of one OPD as the rekap computed them."""
    return _angka_sub_opd(hasil, opd_id).get(sub_kegiatan_id)
