"""Year-end projection and early warning, as plain functions over plain data (no database).

The method, in the sentence a Sekda reads: *the anggaran kas still planned for the rest of the
year is assumed to be absorbed at the rate at which it was absorbed in the same months of the
latest completed year* (the OPD's own rate, or the pemda's for an OPD that did not exist then);
without such a year, at this year's capaian anggaran kas so far. So

    proyeksi = realisasi s.d. bulan m + sisa anggaran kas (bulan m+1..12) × laju,

never above the pagu. ``laju`` of a reference year = realisasi of months m+1..12 / the anggaran
kas it still had planned for them at the end of month m. Realisasi in Indonesia catches up in
the last quarter (the December rush), so this year's pace alone underestimates the year end;
last year's catch-up states how much it caught up, in numbers anyone can check.

"Kebutuhan per bulan" is what must still be realised each remaining month to reach the pagu
(the target of the year): (pagu − realisasi) / (12 − m).

The arithmetic and the thresholds are ``lib.figures_proyeksi``'s; this module chooses the rate
and writes the sentences. Exact ``Decimal`` throughout; rounding happens only in the sentences
(``lib.rupiah``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lib.figures import NOL, SATU, hitung_persen, persen_dari_pecahan
from lib.figures_proyeksi import (
    BATAS_PROYEKSI,
    BATAS_TERTINGGAL_FISIK,
    FAKTOR_KEBUTUHAN,
    fisik_tertinggal,
    kebutuhan_jauh_di_atas,
    kebutuhan_per_bulan,
    kelipatan,
    laju_capaian,
    nilai_proyeksi,
    rata_bulanan,
    selisih_poin,
)
from lib.periode import NAMA_BULAN
from lib.rupiah import format_angka, persen, rupiah


@dataclass(frozen=True)
class Laju:
    """The rate at which the remaining anggaran kas is assumed to be absorbed, and why."""

    nilai: Decimal  # a fraction: 1 = as planned
    sebab: str  # the clause of the sentence that says where it comes from, with the rate
    singkat: str = ""  # the short form for a table column: '× 4,30 pola 2023'


@dataclass(frozen=True)
class Proyeksi:
    opd_id: int | None  # None = the pemda
    nama: str
    pagu: Decimal
    realisasi: Decimal
    proyeksi: Decimal
    proyeksi_persen: Decimal | None
    kebutuhan_per_bulan: Decimal
    asumsi: str
    berisiko: bool
    alasan: str
    target: Decimal = NOL  # anggaran kas of months 1..m
    laju: Decimal | None = None  # None when nothing is left to absorb
    laju_singkat: str = ""  # the rate in a few words for a table: '× 4,30 pola 2023'


@dataclass(frozen=True)
class ProyeksiSub:
    opd_id: int
    sub_kegiatan_id: int
    kode: str
    nama: str
    nama_opd: str
    pagu: Decimal
    persen_realisasi: Decimal | None
    alasan: str


@dataclass
class HasilProyeksi:
    tahun: int
    bulan: int
    pemda: Proyeksi
    opd: list[Proyeksi] = field(default_factory=list)  # worst projection first
    berisiko_opd: list[Proyeksi] = field(default_factory=list)
    berisiko_sub: list[ProyeksiSub] = field(default_factory=list)  # most pagu at stake first
    tahun_acuan: int | None = None  # the completed year the rates come from
    versi: object = None  # the budget version in force at the cut-off


def proyeksi_opd(hasil: HasilProyeksi, opd_id: int) -> Proyeksi | None:
    """The projection of one OPD (e.g. for its own page), or None when it has none."""
    return next((p for p in hasil.opd if p.opd_id == opd_id), None)


def rentang_sisa(bulan: int) -> str:
    """Months m+1..12 in words: 'Oktober–Desember', 'Desember'."""
    if bulan >= 11:
        return NAMA_BULAN[11]
    return f"{NAMA_BULAN[bulan]}–{NAMA_BULAN[11]}"


def rentang_berjalan(bulan: int) -> str:
    """Months 1..m in words: 'Januari–September', 'Januari'."""
    return NAMA_BULAN[0] if bulan == 1 else f"{NAMA_BULAN[0]}–{NAMA_BULAN[bulan - 1]}"


def _bulan_itu(bulan: int) -> str:
    return "bulan itu" if bulan >= 11 else "bulan-bulan itu"


def teks_kali(nilai: Decimal) -> str:
    """A rate in words a reader does not misread: '4,30 kali' from 1 up, '66,67% dari' below."""
    return f"{format_angka(nilai)} kali" if nilai >= 1 else f"{persen(persen_dari_pecahan(nilai))} dari"


def pilih_laju(
    tahun: int,
    bulan: int,
    *,
    target: Decimal,
    realisasi: Decimal,
    tahun_acuan: int | None = None,
    laju_sendiri: Decimal | None = None,
    laju_pemda: Decimal | None = None,
    subjek: str = "perangkat daerah ini",
) -> Laju:
    """The rate for one OPD (or the pemda, with ``laju_sendiri`` its own): its own rate of the
    reference year, else the pemda's of that year, else this year's capaian anggaran kas,
    else 100% (as planned). ``sebab`` continues 'Bila realisasi Oktober–Desember 2025 …'."""
    itu = _bulan_itu(bulan)
    if tahun_acuan is not None and laju_sendiri is not None:
        return Laju(laju_sendiri,
                    f"mengikuti pola tahun {tahun_acuan} (realisasi {teks_kali(laju_sendiri)} "
                    f"sisa anggaran kas {itu})",
                    f"× {format_angka(laju_sendiri)} pola {tahun_acuan}")
    if tahun_acuan is not None and laju_pemda is not None:
        return Laju(laju_pemda,
                    f"mengikuti pola seluruh pemda tahun {tahun_acuan} (realisasi "
                    f"{teks_kali(laju_pemda)} sisa anggaran kas {itu}; pola {subjek} sendiri "
                    f"tahun {tahun_acuan} tidak dapat dihitung)",
                    f"× {format_angka(laju_pemda)} pola pemda {tahun_acuan}")
    nilai = laju_capaian(realisasi, target)
    if nilai is not None:
        return Laju(nilai,
                    f"mengikuti capaian anggaran kas {rentang_berjalan(bulan)} {tahun} "
                    f"(realisasi {teks_kali(nilai)} anggaran kas bulan-bulan itu)",
                    f"× {format_angka(nilai)} capaian {tahun}")
    return Laju(SATU, "sesuai anggaran kas (belum ada target anggaran kas untuk diukur)",
                "sesuai anggaran kas")


def proyeksikan(
    tahun: int,
    bulan: int,
    *,
    opd_id: int | None,
    nama: str,
    pagu: Decimal,
    target: Decimal,
    realisasi: Decimal,
    laju: Laju,
    batas_proyeksi: Decimal = BATAS_PROYEKSI,
    faktor_kebutuhan: Decimal = FAKTOR_KEBUTUHAN,
) -> Proyeksi:
    """The year-end projection of one OPD or the pemda at the end of ``bulan``, with its
    sentence and, when at risk, the reasons in words."""
    sisa_bulan = 12 - bulan
    sisa_ak = pagu - target  # the anggaran kas of months m+1..12 (anggaran kas sums to pagu)
    dipakai: Decimal | None = None
    if pagu <= 0:
        nilai = realisasi
        asumsi = (f"Tidak ada pagu pada versi anggaran yang berlaku; realisasi s.d. "
                  f"{NAMA_BULAN[bulan - 1]} {rupiah(realisasi)} menjadi realisasi akhir tahun.")
    elif sisa_bulan == 0:
        nilai = realisasi
        asumsi = (f"Tahun anggaran {tahun} telah berakhir: realisasi akhir tahun "
                  f"{rupiah(realisasi)} ({persen(hitung_persen(realisasi, pagu))} dari pagu).")
    elif sisa_ak <= 0:
        nilai = realisasi
        asumsi = (f"Seluruh anggaran kas telah jatuh tempo s.d. {NAMA_BULAN[bulan - 1]}, "
                  f"sehingga tanpa tambahan rencana realisasi akhir tahun {rupiah(nilai)} "
                  f"({persen(hitung_persen(nilai, pagu))} dari pagu).")
    else:
        dipakai = laju.nilai
        nilai = nilai_proyeksi(pagu, target, realisasi, laju.nilai)
        akhir = (f"realisasi akhir tahun mencapai pagu {rupiah(pagu)} (100,00%)"
                 if nilai == pagu else
                 f"realisasi akhir tahun {rupiah(nilai)} ({persen(hitung_persen(nilai, pagu))} dari pagu)")
        asumsi = f"Bila realisasi {rentang_sisa(bulan)} {tahun} {laju.sebab}, {akhir}."
    proyeksi_persen = hitung_persen(nilai, pagu)
    kebutuhan = kebutuhan_per_bulan(pagu, realisasi, bulan)

    alasan = []
    if proyeksi_persen is not None and proyeksi_persen < batas_proyeksi:
        alasan.append(f"proyeksi {persen(proyeksi_persen)} dari pagu, di bawah batas "
                      f"{format_angka(batas_proyeksi, 0)}%")
    # A need far above the pace so far matters only when the projection does not already reach
    # the pagu: a back-loaded anggaran kas that the OPD absorbed last year is not a risk.
    if sisa_bulan and kebutuhan > 0:
        rata = rata_bulanan(realisasi, bulan)
        if rata == 0:
            alasan.append(f"belum ada realisasi, padahal perlu {rupiah(kebutuhan)} per bulan")
        elif kebutuhan_jauh_di_atas(kebutuhan, rata, faktor_kebutuhan) and nilai < pagu:
            if not alasan:  # say first why a projection above the threshold is still a risk
                alasan.append(f"proyeksi {persen(proyeksi_persen)} belum mencapai pagu")
            alasan.append(f"agar mencapai pagu perlu realisasi {rupiah(kebutuhan)} per bulan "
                          f"pada {rentang_sisa(bulan)}, {format_angka(kelipatan(kebutuhan, rata))} kali "
                          f"rata-rata realisasi bulanan {rentang_berjalan(bulan)} "
                          f"({rupiah(rata)})")
    teks_alasan = "; ".join(alasan)
    return Proyeksi(
        opd_id=opd_id, nama=nama, pagu=pagu, realisasi=realisasi, proyeksi=nilai,
        proyeksi_persen=proyeksi_persen, kebutuhan_per_bulan=kebutuhan, asumsi=asumsi,
        berisiko=bool(alasan), alasan=teks_alasan[:1].upper() + teks_alasan[1:],
        target=target, laju=dipakai, laju_singkat=laju.singkat if dipakai is not None else "",
    )


def urut_terburuk(daftar: list[Proyeksi]) -> list[Proyeksi]:
    """Worst projection (% of pagu) first; those without pagu last; ties by larger pagu."""
    return sorted(
        daftar,
        key=lambda p: (p.proyeksi_persen is None, p.proyeksi_persen or NOL, -p.pagu, p.nama),
    )


def alasan_sub(bulan: int, *, target: Decimal, realisasi: Decimal, fisik: Decimal | None,
               target_fisik: Decimal | None,
               batas_fisik: Decimal = BATAS_TERTINGGAL_FISIK) -> str:
    """Why a sub kegiatan is at risk at the end of ``bulan``, in words; '' when it is not:
    no realisasi while its anggaran kas planned some, or fisik far behind its target."""
    alasan = []
    if realisasi <= 0 and target > 0:
        alasan.append(f"belum ada realisasi, padahal target anggaran kas s.d. "
                      f"{NAMA_BULAN[bulan - 1]} {rupiah(target)}")
    if fisik_tertinggal(fisik, target_fisik, batas_fisik):
        alasan.append(f"realisasi fisik {persen(fisik)} tertinggal "
                      f"{format_angka(selisih_poin(target_fisik, fisik))} poin dari target fisik "
                      f"{persen(target_fisik)}")
    teks = "; ".join(alasan)
    return teks[:1].upper() + teks[1:]
