"""What the three imports share: columns, the error and summary types, row parsing."""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from budget.models import BULAN_AK, RincianAnggaran

from . import nilai
from .baca import BarisBerkas, BerkasTidakValid, DaftarGalat, Galat, baca
from .master import POLA_JENIS_BELANJA, POLA_OPD, POLA_SUB, Master

KODE_RINCIAN = ("kode_opd", "kode_sub_kegiatan", "kode_sumber_dana", "kode_jenis_belanja")
KOLOM_ANGGARAN = (
    "kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "kode_sumber_dana",
    "kode_jenis_belanja", "pagu", *BULAN_AK,
)
KOLOM_REALISASI = (*KODE_RINCIAN, "bulan", "realisasi")
KOLOM_FISIK = ("kode_opd", "kode_sub_kegiatan", "bulan", "fisik")

# column -> (master attribute, what it is, code pattern for --buat-master, example, name column)
_KODE = {
    "kode_opd": ("opd", "perangkat daerah", POLA_OPD, "1.02.0.00.0.00.01.0000", "nama_opd"),
    "kode_sub_kegiatan": ("sub", "sub kegiatan", POLA_SUB, "1.02.02.2.01.0001",
                          "nama_sub_kegiatan"),
    "kode_sumber_dana": ("sd", "sumber dana", None, "DAU", None),
    "kode_jenis_belanja": ("jb", "jenis belanja", POLA_JENIS_BELANJA, "5.1.02", None),
}


class ImporGagal(Exception):
    """The file was refused; nothing was written. ``galat`` lists the errors sorted by row —
    at most ``BATAS_GALAT`` (1,000) of them, then one line "… dan N galat lain tidak
    ditampilkan"; ``jumlah`` counts them all."""

    def __init__(self, galat: list[Galat] | DaftarGalat):
        if not isinstance(galat, DaftarGalat):
            daftar = DaftarGalat()
            daftar.extend(galat)
            galat = daftar
        self.galat = galat.daftar()
        self.jumlah = len(galat)
        super().__init__(f"{self.jumlah} galat; tidak ada data yang disimpan")


@dataclass
class Ringkasan:
    """What an import creates, updates and leaves unchanged, per table."""

    hitungan: dict[str, Counter] = field(default_factory=dict)

    def catat(self, tabel: str, status: str, n: int = 1) -> None:
        self.hitungan.setdefault(tabel, Counter())[status] += n

    @property
    def ada_perubahan(self) -> bool:
        return any(c["dibuat"] or c["diubah"] for c in self.hitungan.values())

    def __str__(self) -> str:
        baris = [
            f"{tabel}: {c['dibuat']} dibuat, {c['diubah']} diubah, {c['tetap']} tidak berubah"
            for tabel, c in self.hitungan.items()
            if c["dibuat"] or c["diubah"] or c["tetap"]
        ]
        if not self.ada_perubahan:
            baris.append("Tidak ada perubahan.")
        return "\n".join(baris)


def baca_baris(path, kolom) -> Iterator[BarisBerkas]:
    """The file's rows one by one (``exchange.baca.baca``); a problem of the file as a whole
    is an ``ImporGagal`` with the file's errors only — raised by this call (size, type,
    header) or when the iteration ends (rows outside the columns, no data row)."""
    try:
        baris = baca(path, kolom)
    except BerkasTidakValid as exc:
        raise ImporGagal(exc.galat) from None
    return _tanpa_galat_berkas(baris)


def _tanpa_galat_berkas(baris: Iterator[BarisBerkas]) -> Iterator[BarisBerkas]:
    try:
        yield from baris
    except BerkasTidakValid as exc:
        raise ImporGagal(exc.galat) from None


def label_kunci(kunci: tuple) -> str:
    return " · ".join(kunci)


class BarisImpor:
    """Helpers that parse one row's cells, appending a Galat on failure (returning None)."""

    def __init__(self, b: BarisBerkas, galat: list[Galat] | DaftarGalat):
        self.b, self.galat, self.ok = b, galat, True

    def salah(self, kolom: str, alasan: str, v=None) -> None:
        self.ok = False
        self.galat.append(Galat(self.b.nomor, kolom, nilai.teks_nilai(
            self.b.nilai.get(kolom) if v is None else v), alasan))

    def ambil(self, kolom: str, fungsi, *args):
        try:
            return fungsi(self.b.nilai[kolom], *args)
        except nilai.NilaiTidakValid as exc:
            self.salah(kolom, str(exc))
            return None

    def uang(self, kolom: str, gaya: str) -> Decimal | None:
        d = self.ambil(kolom, nilai.baca_angka_sel, gaya)
        if d is not None and d < 0:
            self.salah(kolom, "negatif; tidak boleh kurang dari nol")
            return None
        return d

    def kode(self, kolom: str, master: Master, buat_master: bool | None = None) -> str | None:
        """``buat_master`` None: the import cannot create masters; False: it can, if asked."""
        k = self.ambil(kolom, nilai.kode)
        if k is None:
            return None
        attr, apa, pola, contoh, kolom_nama = _KODE[kolom]
        if master.ada(attr, k):
            return k
        if not buat_master:
            saran = " atau impor dengan --buat-master" if buat_master is False else ""
            self.salah(kolom, f"kode {apa} tidak dikenal; tambahkan dulu di data master{saran}")
            return None
        if pola is not None and not pola.match(k):
            self.salah(kolom, f"format kode {apa} salah, contoh {contoh}")
            return None
        if attr == "opd":
            nama = nilai.teks(self.b.nilai.get(kolom_nama))
            if not nama:
                self.salah(kolom_nama, f"kosong; nama wajib diisi untuk membuat {apa} baru {k}")
                return None
            master.baru_opd[k] = nama
        elif attr == "sub":
            nama = nilai.teks(self.b.nilai.get(kolom_nama))
            if not nama:
                self.salah(kolom_nama, f"kosong; nama wajib diisi untuk membuat {apa} baru {k}")
                return None
            master.baru_sub[k] = nama
        elif attr == "sd":
            master.baru_sd.add(k)
        else:
            master.baru_jb.add(k)
        return k


def rincian_tahun(tahun: int) -> dict[tuple, int]:
    """(kode OPD, kode sub kegiatan, kode sumber dana, kode jenis belanja) -> rincian id."""
    return {
        (r["opd__kode"], r["sub_kegiatan__kode"], r["sumber_dana__kode"],
         r["jenis_belanja__kode"]): r["pk"]
        for r in RincianAnggaran.objects.filter(tahun__tahun=tahun).values(
            "pk", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode", "jenis_belanja__kode"
        )
    }



def akhir_bulan(tahun: int, bulan: int) -> datetime.date:
    return datetime.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])

