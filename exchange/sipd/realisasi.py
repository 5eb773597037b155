"""Realisasi from SIPD's "realisasi per rekening" file (both variants of SIPD.md, CSV or XLSX,
or a saved column mapping): ``siap impor sipd-realisasi FILE --tanggal 2025-11-30`` and the
browser import (see README, "SIPD").

The file holds cumulative realisasi at a cut-off date per sub unit × sub kegiatan × kode
rekening. Its detail rows are added up per (OPD, sub kegiatan, jenis belanja); the month's
realisasi of each line is SIPD's cumulative minus the cumulative SIAP holds up to the month
before, split over sumber dana by ``bagi``. Subtotal and total rows are checked (``jumlah``).

**Cut-off date.** The last day of a month: that month's realisasi. Any other date is accepted
only inside the current month (realisasi of the month so far, replaced by the next import of
that month); a past month's mid-month date, or a date after today, is refused with the reason.

All or nothing: every row is read and checked first (memory grows with the budget lines, not
the rows), then the lines are written in batches through ``impor_realisasi`` inside ONE
transaction with the import log (``ImporSipd``). The same file twice changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from budget.models import TahunAnggaran, VersiAnggaran
from lib.periode import akhir_bulan, nama_bulan, tanggal_panjang

from ..baca import BerkasTidakValid, DaftarGalat, Galat
from ..umum import ImporGagal, Ringkasan
from . import berkas as bk
from .cocok import Pencocok, bagian_rekening, jenis_belanja
from .hitung_realisasi import Kelompok, OpdPratinjau, hitung
from .jumlah import PemeriksaJumlah
from .models import JenisBerkasSipd
from .siap_data import DataSiap
from .tulis import simpan

_TANGGAL_NAMA = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_KATA_JUMLAH = ("jumlah", "total", "subtotal", "grandtotal")


class TataLetakTidakDikenal(Exception):
    """No known layout and no saved mapping: the browser asks the user to map the columns."""

    def __init__(self, berkas: bk.Berkas, jenis: str = JenisBerkasSipd.REALISASI):
        self.berkas, self.jenis = berkas, jenis
        super().__init__("judul kolom berkas tidak dikenali")


@dataclass
class HasilSipd:
    tanggal: datetime.date
    bulan: int
    tata_letak: str
    versi: str
    sementara: bool
    baris: Counter = field(default_factory=Counter)
    opd: list[OpdPratinjau] = field(default_factory=list)
    pembagian: list = field(default_factory=list)
    ringkasan: Ringkasan = field(default_factory=Ringkasan)
    total: Decimal = Decimal(0)  # SIPD's, of the OPD in the file
    total_sebelum: Decimal = Decimal(0)  # SIAP's before the import, of the same OPD
    total_sesudah: Decimal = Decimal(0)
    impor: object = None  # the ImporSipd written (None: a dry run)
    susunan: object = None

    @property
    def selisih_total(self) -> Decimal:
        return self.total - self.total_sebelum


def periksa_tanggal(tanggal: datetime.date, hari_ini: datetime.date, nama_berkas: str = ""
                    ) -> str | None:
    """The cut-off rule (module docstring); the reason when refused."""
    if tanggal > hari_ini:
        return (f"tanggal batas {tanggal_panjang(tanggal)} belum lewat (hari ini "
                f"{tanggal_panjang(hari_ini)}); realisasi hanya dapat diimpor s.d. hari ini")
    akhir = akhir_bulan(tanggal.year, tanggal.month)
    if tanggal != akhir and (tanggal.year, tanggal.month) != (hari_ini.year, hari_ini.month):
        return (f"tanggal batas {tanggal_panjang(tanggal)} bukan akhir bulan; realisasi bulan "
                f"{nama_bulan(tanggal.month)} {tanggal.year} diimpor s.d. "
                f"{tanggal_panjang(akhir)} (tanggal lain hanya untuk bulan berjalan)")
    if m := _TANGGAL_NAMA.search(Path(nama_berkas).stem):
        try:
            di_nama = datetime.date(*map(int, m.groups()))
        except ValueError:
            di_nama = None
        if di_nama and di_nama != tanggal:
            return (f"nama berkas {nama_berkas} menyebut tanggal {tanggal_panjang(di_nama)}, "
                    f"bukan tanggal batas {tanggal_panjang(tanggal)}")
    return None


def impor_sipd_realisasi(path, *, tanggal: datetime.date, gaya: str = "polos",
                         dry_run: bool = False, oleh=None, nama_berkas: str | None = None,
                         pemetaan: dict | None = None, hari_ini: datetime.date | None = None
                         ) -> HasilSipd:
    path = Path(path)
    nama_berkas = nama_berkas or path.name
    hari_ini = hari_ini or timezone.localdate()
    tahun, bulan = tanggal.year, tanggal.month
    galat = DaftarGalat()
    if alasan := periksa_tanggal(tanggal, hari_ini, nama_berkas):
        raise ImporGagal([Galat(None, "", "", alasan)])
    versi = VersiAnggaran.berlaku_pada(tahun, tanggal)
    if not TahunAnggaran.objects.filter(tahun=tahun).exists() or versi is None:
        raise ImporGagal([Galat(None, "", "", f"belum ada anggaran tahun {tahun} yang berlaku "
                                              f"pada {tanggal_panjang(tanggal)}; impor anggaran "
                                              f"dulu")])
    try:
        b = bk.buka(path, JenisBerkasSipd.REALISASI, galat, pemetaan=pemetaan)
        if b.susunan is None:
            raise TataLetakTidakDikenal(b)
        b.susunan.gaya = gaya
        data = DataSiap(tahun, versi)
        hasil = HasilSipd(tanggal, bulan, b.susunan.tata_letak, versi.nama,
                          sementara=tanggal != akhir_bulan(tahun, bulan))
        hasil.susunan = b.susunan
        pencocok = Pencocok()
        kelompok = _baca(b, data, pencocok, galat, hasil, tahun)
    except BerkasTidakValid as exc:
        raise ImporGagal(exc.galat) from None
    if galat:
        exc = ImporGagal(galat)
        exc.unit_tak_dikenal = dict(pencocok.tak_dikenal)
        raise exc
    tulis = hitung(kelompok, data, bulan, galat, hasil, pencocok.opd)
    if galat:
        raise ImporGagal(galat)
    return simpan(hasil, tulis, data, path=path, nama_berkas=nama_berkas, oleh=oleh,
                  dry_run=dry_run)


def _jumlah_teks(b) -> bool:
    return any(isinstance(v, str) and any(normal_awal(v).startswith(k) for k in _KATA_JUMLAH)
               for v in b.sel)


def normal_awal(v: str) -> str:
    return re.sub(r"[^a-z]", "", v.lower())[:12]


def _baca(b: bk.Berkas, data: DataSiap, pencocok: Pencocok, galat: DaftarGalat,
          hasil: HasilSipd, tahun: int) -> dict[tuple, Kelompok]:
    s = b.susunan
    ada_pagu, ada_sd, ada_tahun = ("pagu" in s.posisi, "sumber_dana" in s.posisi,
                                   "tahun" in s.posisi)
    jumlah = PemeriksaJumlah(galat, s.nama_kolom("realisasi"), s.nama_kolom("pagu"))
    kelompok: dict[tuple, Kelompok] = {}
    for r in b.baris:
        if r.kosong():
            hasil.baris["kosong"] += 1
            continue
        skpd, unit = r.kode("kode_skpd", False), r.kode("kode_sub_unit", False)
        sub, rek = r.kode("kode_sub_kegiatan", False), r.kode("kode_rekening", False)
        if sub is None and rek is None and not r.ada("realisasi"):
            hasil.baris["keterangan"] += 1  # a title or a footer line: no code, no amount
            continue
        realisasi = r.uang("realisasi", s.gaya, wajib=True)
        pagu = r.uang("pagu", s.gaya, wajib=False) if ada_pagu else None
        nilai = (r.teks("realisasi"), r.teks("pagu"))
        if sub is None and rek is None:
            if r.ok and _jumlah_teks(r):
                jumlah.jumlah(r.nomor, skpd, realisasi, pagu, nilai)
            elif r.ok:
                r.salah("kode_sub_kegiatan", "kosong; baris rincian wajib punya kode sub "
                                             "kegiatan dan kode rekening")
            continue
        bagian = bagian_rekening(rek) if rek else ()
        if bagian is None or len(bagian) > 6:
            r.salah("kode_rekening", "format kode rekening salah, contoh 5.1.02.01.01.0024")
            continue
        if bagian and bagian[0] != "5":
            hasil.baris["bukan_belanja"] += 1
            continue
        if not (skpd or unit):
            r.salah("kode_skpd" if "kode_skpd" in s.posisi else "kode_sub_unit",
                    "kosong; kode SKPD atau sub unit wajib diisi")
            continue
        if sub is None:
            r.salah("kode_sub_kegiatan", "kosong; kode sub kegiatan wajib diisi")
            continue
        if ada_tahun and r.ada("tahun") and r.teks("tahun") not in (str(tahun), f"{tahun}.0"):
            r.salah("tahun", f"bukan tahun anggaran tanggal batas ({tahun})")
        if realisasi is not None and pagu is not None and realisasi > pagu:
            r.salah("realisasi", f"realisasi kumulatif melebihi pagu baris ini ({r.teks('pagu')})")
        if not r.ok:
            continue
        kunci_unit = (unit or skpd, sub)
        if len(bagian) < 6:
            jumlah.sub(r.nomor, kunci_unit, bagian, realisasi, pagu, nilai)
            continue
        jumlah.detail(skpd or unit, kunci_unit, bagian, realisasi, pagu)
        opd = pencocok.opd_dari(skpd, unit, r.teks("nama_sub_unit") or r.teks("nama_skpd"))
        if opd is None:
            medan = "kode_sub_unit" if unit else "kode_skpd"
            r.salah(medan, "sub unit/SKPD ini bukan perangkat daerah di SIAP dan belum "
                           "dipetakan; petakan di Impor SIPD › Pemetaan sub unit")
            continue
        jb = jenis_belanja(bagian)
        if (opd, sub) not in data.opd_sub:
            r.salah("kode_sub_kegiatan", f"sub kegiatan ini tidak ada di anggaran "
                                         f"{pencocok.opd[opd]} ({opd}) tahun {tahun}")
            continue
        garis = data.grup.get((opd, sub, jb))
        if garis is None:
            r.salah("kode_rekening", f"jenis belanja {jb} tidak ada di anggaran sub kegiatan "
                                     f"{sub} {pencocok.opd[opd]}")
            continue
        sd = None
        if ada_sd and r.ada("sumber_dana"):
            sd = pencocok.sumber_dana(r.teks("sumber_dana"))
            if sd is None or sd not in {k for _, k in garis}:
                r.salah("sumber_dana", "sumber dana tidak dikenal" if sd is None else
                        f"sub kegiatan ini tidak punya rincian {jb} dengan sumber dana {sd}")
                continue
        k = kelompok.get((opd, sub, jb))
        if k is None:
            k = kelompok[(opd, sub, jb)] = Kelompok(r.nomor)
        k.tambah(r.nomor, realisasi, pagu, sd)
        hasil.baris["dipakai"] += 1
    jumlah.selesai()
    if jumlah.subtotal:
        hasil.baris["subtotal"] += jumlah.subtotal
    return kelompok
