"""Month, quarter and date arithmetic in Indonesian."""

import calendar
import datetime

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
TRIWULAN_ROMAWI = ("I", "II", "III", "IV")


def cek_bulan(bulan: int) -> int:
    if not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError(f"bulan harus 1 sampai 12, bukan {bulan!r}")
    return bulan


def nama_bulan(bulan: int) -> str:
    return NAMA_BULAN[cek_bulan(bulan) - 1]


def akhir_bulan(tahun: int, bulan: int) -> datetime.date:
    return datetime.date(tahun, cek_bulan(bulan), calendar.monthrange(tahun, bulan)[1])


def tanggal_panjang(tanggal: datetime.date) -> str:
    """``date(2025, 11, 30)`` -> ``'30 November 2025'``."""
    return f"{tanggal.day} {nama_bulan(tanggal.month)} {tanggal.year}"


def triwulan(bulan: int) -> int:
    return (cek_bulan(bulan) - 1) // 3 + 1


def bulan_akhir_triwulan(tw: int) -> int:
    if tw not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1 sampai 4, bukan {tw!r}")
    return tw * 3


def nama_triwulan(tw: int) -> str:
    return f"Triwulan {TRIWULAN_ROMAWI[tw - 1]}"


def batas_lapor(tahun: int, bulan: int, hari: int, zona: datetime.tzinfo) -> datetime.datetime:
    """The deadline of month ``bulan``'s report: day ``hari`` of the next month, 23:59:59 in
    ``zona`` (a day past the end of a short month falls on its last day)."""
    cek_bulan(bulan)
    t, b = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    hari = min(hari, calendar.monthrange(t, b)[1])
    return datetime.datetime(t, b, hari, 23, 59, 59, tzinfo=zona)


def hari_terlambat(batas: datetime.datetime, pada: datetime.datetime) -> int:
    """Whole days (started) past the deadline; 0 when on time."""
    if pada <= batas:
        return 0
    detik = (pada - batas).total_seconds()
    return int(-(-detik // 86400))


def bulan_sebelumnya(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun - 1, 12) if cek_bulan(bulan) == 1 else (tahun, bulan - 1)


def bulan_jatuh_tempo_terakhir(sekarang: datetime.datetime, batas) -> tuple[int, int]:
    """The last month whose reporting deadline has passed at ``sekarang``: ``batas(tahun,
    bulan)`` gives each month's deadline (its own date when one was set). In January, or
    early in any month, that is an earlier month — of the previous year in January."""
    tahun, bulan = sekarang.year, sekarang.month
    for _ in range(36):  # a deadline pushed years ahead is not a reason to loop forever
        if batas(tahun, bulan) < sekarang:
            return tahun, bulan
        tahun, bulan = bulan_sebelumnya(tahun, bulan)
    return tahun, bulan
