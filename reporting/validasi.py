"""Validation of a monthly report, as plain functions over plain data.

Errors (``GALAT``) block saving. Warnings (``PERINGATAN``) block submission until the operator
writes an explanation. Blanks (``periksa_lengkap``) block submission only: a draft may be saved
half filled, but a submitted report has a typed value (zero allowed) on every line with
anggaran kas due and a fisik on every sub kegiatan with pagu. Every message is in Indonesian
and names the line or sub kegiatan and the value. The form, the Excel upload and the API all
call ``periksa()``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from lib import figures
from lib.figures_validasi import (
    AMBANG_SELISIH_FISIK,
    fisik_berselisih,
    melebihi_anggaran_kas,
    persen_ambang_ak,
    tanpa_realisasi_terlalu_lama,
)
from lib.rupiah import format_angka, persen, rupiah

NOL = Decimal(0)


class Tingkat(enum.StrEnum):
    GALAT = "galat"
    PERINGATAN = "peringatan"


@dataclass(frozen=True)
class BarisLaporan:
    """One budget line in the report of month ``bulan``."""

    rincian_id: int
    label: str  # e.g. "1.02.02.2.01.0001 Pelayanan Kesehatan · DAU · 5.1.02"
    sub_kegiatan_id: int
    pagu: Decimal
    ak_kumulatif: Decimal  # anggaran kas of months 1..bulan
    realisasi_sebelumnya: Decimal  # realisasi of months 1..bulan-1
    realisasi: Decimal | None  # this month's amount; None: left blank

    @property
    def kumulatif(self) -> Decimal:
        return self.realisasi_sebelumnya + (self.realisasi or NOL)


@dataclass(frozen=True)
class SubLaporan:
    sub_kegiatan_id: int
    label: str
    fisik: Decimal | None  # this month's cumulative realisasi fisik
    fisik_sebelumnya: Decimal | None  # the latest earlier month's
    ada_permasalahan_terbuka: bool


@dataclass(frozen=True)
class Pesan:
    tingkat: Tingkat
    kode: str  # stable key: an explanation is attached to it
    pesan: str
    rincian_id: int | None = None
    sub_kegiatan_id: int | None = None


def _galat(kode, pesan, **kw) -> Pesan:
    return Pesan(Tingkat.GALAT, kode, pesan, **kw)


def _peringatan(kode, pesan, **kw) -> Pesan:
    return Pesan(Tingkat.PERINGATAN, kode, pesan, **kw)


def periksa_periode(bulan_label: str, *, terkunci: bool, belum_mulai: bool) -> list[Pesan]:
    if belum_mulai:
        return [_galat("periode", f"Bulan {bulan_label} belum dimulai; laporannya belum dapat "
                                  f"diisi.")]
    if terkunci:
        return [_galat("periode", f"Bulan {bulan_label} sudah dikunci oleh Bagian Administrasi "
                                  f"Pembangunan; laporannya tidak dapat diubah.")]
    return []


def periksa_baris(b: BarisLaporan) -> list[Pesan]:
    hasil = []
    if b.realisasi is not None and b.realisasi < 0:
        hasil.append(_galat(
            f"negatif:{b.rincian_id}",
            f"{b.label}: realisasi {rupiah(b.realisasi)} negatif; realisasi tidak boleh "
            f"kurang dari nol.",
            rincian_id=b.rincian_id,
        ))
    elif b.kumulatif > b.pagu:
        hasil.append(_galat(
            f"lebih_pagu:{b.rincian_id}",
            f"{b.label}: realisasi kumulatif {rupiah(b.kumulatif)} melebihi pagu "
            f"{rupiah(b.pagu)}.",
            rincian_id=b.rincian_id,
        ))
    elif melebihi_anggaran_kas(b.kumulatif, b.ak_kumulatif):
        hasil.append(_peringatan(
            f"lebih_ak:{b.rincian_id}",
            f"{b.label}: realisasi kumulatif {rupiah(b.kumulatif)} melebihi anggaran kas "
            f"kumulatif {rupiah(b.ak_kumulatif)} lebih dari {format_angka(persen_ambang_ak(), 0)}%.",
            rincian_id=b.rincian_id,
        ))
    return hasil


def periksa_sub(s: SubLaporan, baris: list[BarisLaporan], bulan: int) -> list[Pesan]:
    hasil = []
    if s.fisik is not None:
        if not NOL <= s.fisik <= 100:
            return [_galat(
                f"fisik_rentang:{s.sub_kegiatan_id}",
                f"{s.label}: realisasi fisik {persen(s.fisik)} di luar rentang 0–100%.",
                sub_kegiatan_id=s.sub_kegiatan_id,
            )]
        if s.fisik_sebelumnya is not None and s.fisik < s.fisik_sebelumnya:
            return [_galat(
                f"fisik_turun:{s.sub_kegiatan_id}",
                f"{s.label}: realisasi fisik {persen(s.fisik)} lebih rendah dari bulan "
                f"sebelumnya ({persen(s.fisik_sebelumnya)}); fisik adalah capaian kumulatif.",
                sub_kegiatan_id=s.sub_kegiatan_id,
            )]
    pagu = sum((b.pagu for b in baris), NOL)
    ak = sum((b.ak_kumulatif for b in baris), NOL)
    kumulatif = sum((b.kumulatif for b in baris), NOL)
    if s.fisik is not None and pagu > 0:
        keuangan = figures.hitung_persen(kumulatif, pagu)
        if fisik_berselisih(s.fisik, keuangan):
            hasil.append(_peringatan(
                f"selisih_fisik:{s.sub_kegiatan_id}",
                f"{s.label}: realisasi fisik {persen(s.fisik)} dan keuangan "
                f"{persen(keuangan)} berselisih lebih dari "
                f"{format_angka(AMBANG_SELISIH_FISIK, 0)} poin.",
                sub_kegiatan_id=s.sub_kegiatan_id,
            ))
    capaian = figures.hitung_persen(kumulatif, ak)  # None without anggaran kas
    if tanpa_realisasi_terlalu_lama(bulan, ak, kumulatif):
        hasil.append(_peringatan(
            f"tanpa_realisasi:{s.sub_kegiatan_id}",
            f"{s.label}: belum ada realisasi sampai bulan ke-{bulan} padahal anggaran kas "
            f"kumulatif {rupiah(ak)}.",
            sub_kegiatan_id=s.sub_kegiatan_id,
        ))
    elif ak > 0 and figures.kategori(capaian) is figures.Kategori.SANGAT_RENDAH \
            and not s.ada_permasalahan_terbuka:
        hasil.append(_peringatan(
            f"sangat_rendah:{s.sub_kegiatan_id}",
            f"{s.label}: capaian anggaran kas {persen(capaian)} (Sangat Rendah) "
            f"tanpa permasalahan terbuka; catat permasalahan dan tindak lanjutnya.",
            sub_kegiatan_id=s.sub_kegiatan_id,
        ))
    return hasil


def periksa(
    bulan: int,
    baris: Iterable[BarisLaporan],
    sub: Iterable[SubLaporan],
) -> list[Pesan]:
    """All errors and warnings of a report's figures, errors first, in form order."""
    baris = list(baris)
    per_sub: dict[int, list[BarisLaporan]] = {}
    for b in baris:
        per_sub.setdefault(b.sub_kegiatan_id, []).append(b)
    pesan = [p for b in baris for p in periksa_baris(b)]
    pesan += [p for s in sub for p in periksa_sub(s, per_sub.get(s.sub_kegiatan_id, []), bulan)]
    return sorted(pesan, key=lambda p: p.tingkat != Tingkat.GALAT)


def periksa_lengkap(bulan_label: str, baris: Iterable[BarisLaporan],
                    sub: Iterable[SubLaporan]) -> list[Pesan]:
    """Errors for submission, in form order: every line whose anggaran kas is due by this
    month (cumulative anggaran kas above zero) needs a typed realisasi — zero is an answer, a
    blank is not — and every sub kegiatan with pagu a realisasi fisik."""
    per_sub: dict[int, list[BarisLaporan]] = {}
    for b in baris:
        per_sub.setdefault(b.sub_kegiatan_id, []).append(b)
    hasil = []
    for s in sub:
        daftar = per_sub.get(s.sub_kegiatan_id, [])
        hasil += [
            _galat(f"kosong:{b.rincian_id}",
                   f"{b.label}: realisasi {bulan_label} belum diisi, padahal anggaran kas "
                   f"kumulatif {rupiah(b.ak_kumulatif)}; isi 0 bila tidak ada realisasi.",
                   rincian_id=b.rincian_id)
            for b in daftar if b.realisasi is None and b.ak_kumulatif > 0
        ]
        if s.fisik is None and sum((b.pagu for b in daftar), NOL) > 0:
            hasil.append(_galat(
                f"fisik_kosong:{s.sub_kegiatan_id}",
                f"{s.label}: realisasi fisik {bulan_label} belum diisi; isi persen capaian "
                f"kumulatif (0 bila belum dimulai).",
                sub_kegiatan_id=s.sub_kegiatan_id,
            ))
    return hasil


def galat(pesan: Iterable[Pesan]) -> list[Pesan]:
    return [p for p in pesan if p.tingkat == Tingkat.GALAT]


def peringatan_tanpa_penjelasan(pesan: Iterable[Pesan], dijelaskan: set[str]) -> list[Pesan]:
    return [p for p in pesan if p.tingkat == Tingkat.PERINGATAN and p.kode not in dijelaskan]
