"""The year, month and quarter a kinerja page shows, from its GET parameters — by the same
rules as the Rakor pages: the latest year with a budget, the last complete month of the
current year (December of a past one), a wrong value answered with a message."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from budget.models import RincianAnggaran, TahunAnggaran
from lib.periode import NAMA_BULAN, TRIWULAN_ROMAWI, akhir_bulan, tanggal_panjang, triwulan


def tahun_tersedia() -> list[int]:
    ada = RincianAnggaran.objects.filter(tahun=OuterRef("pk"))
    return list(TahunAnggaran.objects.filter(Exists(ada)).order_by("-tahun")
                .values_list("tahun", flat=True))


def bulan_bawaan(tahun: int, hari_ini: datetime.date) -> int:
    if tahun < hari_ini.year:
        return 12
    if tahun > hari_ini.year:
        return 1
    return max(hari_ini.month - 1, 1)


def _angka(teks: str, nama: str, bawah: int, atas: int) -> int:
    try:
        n = int(teks)
    except ValueError:
        n = None
    if n is None or not bawah <= n <= atas:
        raise Http404(f"{nama} “{teks}” tidak dikenali; pilih {bawah} sampai {atas}.")
    return n


def baca_periode(get, *, hari_ini: datetime.date | None = None) -> dict:
    """``tahun``, ``bulan`` and their ``triwulan`` (a month within a quarter counts as that
    quarter, up to that month) from ``?tahun=&bulan=`` or ``?tahun=&triwulan=``; 404 with the
    reason for a year without a budget or a month outside 1–12."""
    tersedia = tahun_tersedia()
    if not tersedia:
        raise Http404("Belum ada data anggaran di SIAP.")
    teks = get.get("tahun", "").strip()
    tahun = tersedia[0] if not teks else _angka(teks, "Tahun", 2000, 2100)
    if tahun not in tersedia:
        raise Http404(f"Belum ada data anggaran untuk tahun {tahun}. Tahun yang tersedia: "
                      f"{', '.join(map(str, tersedia))}.")
    hari_ini = hari_ini or timezone.localdate()
    if teks_tw := get.get("triwulan", "").strip():
        bulan = _angka(teks_tw, "Triwulan", 1, 4) * 3
    elif teks_b := get.get("bulan", "").strip():
        bulan = _angka(teks_b, "Bulan", 1, 12)
    else:
        bulan = bulan_bawaan(tahun, hari_ini)
    tw = triwulan(bulan)
    return {
        "tahun": tahun, "bulan": bulan, "triwulan": tw, "romawi": TRIWULAN_ROMAWI[tw - 1],
        "tahun_tersedia": tersedia, "nama_bulan": list(enumerate(NAMA_BULAN, 1)),
        "batas": tanggal_panjang(akhir_bulan(tahun, bulan)),
        "periode": f"tahun={tahun}&bulan={bulan}",
    }
