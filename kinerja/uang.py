"""The money of the kinerja forms, taken from the Rakor's own figures.

Every Rp of E.81, E.79, Form A / Form B and RFK comes from ``evaluation.queries.hitung_rekap``
(→ ``lib.figures``), the function behind the dashboard: the same pagu in force, the
same realisasi up to the cut-off, added the same way — so a total equals the dashboard's to
the sen. A quarter's realisasi is the difference of the cut-offs at the ends of two quarters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from evaluation.queries import HasilRekap, hitung_rekap
from lib.figures import NOL, Angka, Jumlah, hitung_angka, persen
from lib.figures_kinerja import (
    Akumulasi,
    jumlah_dari_angka,
    per_triwulan,
    realisasi_renstra,
)
from lib.periode import bulan_akhir_triwulan


def rekap_triwulan(tahun: int, triwulan: int) -> list[HasilRekap]:
    """The Rakor figures at the end of TW I … TW ``triwulan`` (five queries each)."""
    return [hitung_rekap(tahun, bulan_akhir_triwulan(k)) for k in range(1, triwulan + 1)]


def jumlah_sub_opd(hasil: HasilRekap, opd_id: int) -> dict[int, Jumlah]:
    """{sub kegiatan id: sums} of one OPD at the cut-off, from that OPD's lines only."""
    per = hasil.data.jumlah_sub_kegiatan(opd_id)
    if per is None:  # a rekap built by the reference computation
        return {k.kunci[1]: jumlah_dari_angka(k.angka) for k in hasil.rekap.sub_kegiatan
                if k.kunci[0] == opd_id}
    return {k[1]: j for k, j in per.items()}


def jumlah_sub_semua(hasil: HasilRekap) -> dict[tuple[int, int], Jumlah]:
    """{(opd id, sub kegiatan id): sums} of every OPD at the cut-off."""
    return {k.kunci: jumlah_dari_angka(k.angka) for k in hasil.rekap.sub_kegiatan}


def jumlahkan(per_sub: dict, kunci: Iterable) -> Jumlah:
    hasil = Jumlah()
    for k in kunci:
        if k in per_sub:
            hasil = hasil + per_sub[k]
    return hasil


@dataclass(frozen=True)
class NilaiRp:
    """The Rp columns of one row of E.81 / E.79."""

    target_renstra: Decimal | None
    realisasi_renstra_lalu: Decimal | None
    pagu: Decimal  # target of year n: the pagu in force at the end of the quarter
    tw: list[Decimal | None]  # each quarter's own realisasi; None after the evaluated one
    tahun_ini: Decimal  # realisasi s.d. the end of the evaluated quarter
    renstra_sd: Decimal | None
    capaian: Decimal | None  # realisasi ÷ pagu × 100 (the Rakor's persen realisasi)
    capaian_renstra: Decimal | None


def nilai_rp(kumulatif: list[Angka], *, target_renstra: Decimal | None = None,
             realisasi_renstra_lalu: Decimal | None = None) -> NilaiRp:
    """The Rp columns from a row's figures at the end of each quarter up to the evaluated
    one (``kumulatif[-1]`` is that quarter's cut-off)."""
    akhir = kumulatif[-1]
    tw: list[Decimal | None] = list(per_triwulan([a.realisasi for a in kumulatif]))
    tw += [None] * (4 - len(tw))
    ada_renstra = target_renstra is not None or realisasi_renstra_lalu is not None
    sd = (realisasi_renstra(realisasi_renstra_lalu, akhir.realisasi, Akumulasi.JUMLAH)
          if ada_renstra else None)
    return NilaiRp(
        target_renstra=target_renstra,
        realisasi_renstra_lalu=realisasi_renstra_lalu,
        pagu=akhir.pagu,
        tw=tw,
        tahun_ini=akhir.realisasi,
        renstra_sd=sd,
        capaian=akhir.persen_realisasi,
        capaian_renstra=persen(sd, target_renstra) if sd is not None and target_renstra
        else None,
    )


def nilai_rp_sub(per_sub_tw: list[dict], kunci: Iterable, **renstra) -> NilaiRp:
    """``nilai_rp`` of the sub kegiatan ``kunci`` added up at each quarter's cut-off."""
    kunci = list(kunci)
    return nilai_rp([hitung_angka(jumlahkan(per_sub, kunci)) for per_sub in per_sub_tw], **renstra)


NOL_RP = NilaiRp(None, None, NOL, [None] * 4, NOL, None, None, None)
