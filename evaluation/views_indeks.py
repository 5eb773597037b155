"""The Indeks Kinerja Pelaksanaan Anggaran OPD page: every OPD's score for the quarter of the
cut-off, ranked, component by component, with the reward and punishment lists and the method.

Ranks are computed over all OPD; an operator sees only their own OPD's rows (as on the
dashboard), the leaders and the Bagian Administrasi Pembangunan see everything."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.akses import cakupan_opd
from lib.periode import TRIWULAN_ROMAWI, nama_bulan
from lib.rupiah import bulatkan, format_angka

from .indeks import (
    BATAS_KATEGORI_INDEKS,
    DEVIASI_NOL,
    DEVIASI_PENUH,
    JUMLAH_PUNISHMENT,
    JUMLAH_REWARD,
    KURANG,
    KategoriIndeks,
    NilaiIndeks,
)
from .indeks_data import HasilIndeks, hitung_indeks
from .views import periode_halaman, pintasan_triwulan

TEMPLATE = "evaluation/indeks.html"

# The category tags reuse the colours of the capaian rating (siap.css ``.kat--*``).
KELAS_KATEGORI = {
    KategoriIndeks.SANGAT_BAIK: "kat--sangat-tinggi",
    KategoriIndeks.BAIK: "kat--tinggi",
    KategoriIndeks.CUKUP: "kat--sedang",
    KategoriIndeks.KURANG: "kat--sangat-rendah",
}


@dataclass(frozen=True)
class Perubahan:
    simbol: str  # ▲ ▼ = or empty
    teks: str
    kelas: str
    label: str  # for screen readers


def perubahan(nilai: Decimal | None) -> Perubahan:
    """The change from the previous quarter as shown: ▲ 1,25 / ▼ 0,40 / = 0,00 / –."""
    if nilai is None:
        return Perubahan("", "–", "perubahan--kosong", "tidak ada nilai triwulan sebelumnya")
    tampil = bulatkan(nilai, 2)
    if tampil > 0:
        return Perubahan("▲", format_angka(tampil), "perubahan--naik", f"naik {format_angka(tampil)} poin")
    if tampil < 0:
        return Perubahan("▼", format_angka(-tampil), "perubahan--turun",
                         f"turun {format_angka(-tampil)} poin")
    return Perubahan("=", format_angka(tampil), "perubahan--tetap", "tetap")


@dataclass(frozen=True)
class BarisIndeks:
    n: NilaiIndeks
    kode: str
    nama: str
    kelas_kategori: str
    perubahan: Perubahan


def baris_indeks(hasil: HasilIndeks, n: NilaiIndeks) -> BarisIndeks:
    o = hasil.opd.get(n.opd_id)
    kode, nama = (o.kode, o.nama) if o else ("", f"Perangkat daerah #{n.opd_id} (tidak aktif)")
    return BarisIndeks(n, kode, nama, KELAS_KATEGORI[n.kategori], perubahan(n.perubahan))


def konteks_indeks_opd(hasil: HasilIndeks, opd_id: int) -> dict:
    """What the OPD page's index section (``_indeks_opd.html``) needs."""
    n = hasil.untuk_opd(opd_id)
    return {
        "indeks_opd": baris_indeks(hasil, n) if n else None,
        "indeks_tw": TRIWULAN_ROMAWI[hasil.triwulan - 1],
        "indeks_jumlah": len(hasil.baris),
        "indeks_bulan_lalu": nama_bulan(hasil.bulan_sebelumnya) if hasil.bulan_sebelumnya
        else None,
    }


def _kategori_dijelaskan() -> list[str]:
    hasil, atas = [], None
    for batas, nama in BATAS_KATEGORI_INDEKS:
        b = format_angka(batas, 0)
        hasil.append(f"{nama}: {b} ≤ nilai" + (f" < {format_angka(atas, 0)}" if atas else ""))
        atas = batas
    hasil.append(f"{KURANG}: nilai < {format_angka(atas, 0)}")
    return hasil


@login_required
def indeks(request):
    konteks, tahun, bulan, galat = periode_halaman(request, TEMPLATE)
    if galat is not None:
        return galat
    hasil = hitung_indeks(tahun, bulan)

    terlihat = cakupan_opd(request.user)

    def tampak(daftar: list[NilaiIndeks]) -> list[BarisIndeks]:
        return [baris_indeks(hasil, n) for n in daftar
                if n.opd_id in terlihat]

    tidak_dinilai = [
        hasil.opd[o] for o in hasil.tidak_dinilai
        if o in hasil.opd and o in terlihat
    ]
    konteks.update({
        "hasil": hasil,
        "tw": TRIWULAN_ROMAWI[hasil.triwulan - 1],
        "bulan_lalu": nama_bulan(hasil.bulan_sebelumnya) if hasil.bulan_sebelumnya else None,
        "triwulan": pintasan_triwulan(tahun),
        "bobot": hasil.bobot.sebagai_daftar(),
        "baris": tampak(hasil.baris),
        "reward": tampak(hasil.reward),
        "punishment": tampak(hasil.punishment),
        "tidak_dinilai": tidak_dinilai,
        "jumlah_dinilai": len(hasil.baris),
        "terbatas": terlihat.terbatas,
        "kategori_dijelaskan": _kategori_dijelaskan(),
        "deviasi_penuh": format_angka(DEVIASI_PENUH, 0),
        "deviasi_nol": format_angka(DEVIASI_NOL, 0),
        "jumlah_reward": JUMLAH_REWARD,
        "jumlah_punishment": JUMLAH_PUNISHMENT,
    })
    return render(request, TEMPLATE, konteks)
