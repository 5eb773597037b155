"""Importing monthly realisasi keuangan and cumulative realisasi fisik (the anggaran import is
``impor_anggaran``; what they share is in ``umum``).

Both stream: each row is checked as it is read and then forgotten, keeping only a fixed-size
table per budget line × month (the file's row number and, for realisasi, the amount in sen),
so memory grows with the lines of the year, not with the rows of the file. Valid rows are
compared with the database and written in batches of ``BATCH`` inside ONE transaction; the
first error stops the writing and any error rolls everything back. A dry run compares the
same batches and writes nothing. See README, "Impor besar".
"""

from __future__ import annotations

import contextlib
from array import array
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import (
    PaguAnggaran,
    RealisasiFisik,
    RealisasiKeuangan,
    TahunAnggaran,
    VersiAnggaran,
)
from lib.rupiah import rupiah

from . import nilai
from .baca import DaftarGalat, Galat
from .master import Master
from .umum import (
    KODE_RINCIAN,
    KOLOM_FISIK,
    KOLOM_REALISASI,
    BarisImpor,
    ImporGagal,
    Ringkasan,
    akhir_bulan,
    baca_baris,
    label_kunci,
    rincian_tahun,
)

# ------------------------------------------------------------------------------ realisasi

BATCH = 1000  # rows compared with the database (and written) at a time
_BATAS_SEN = 2**63


class _Isian:
    """What the file put in each (line, month) slot: its row number (0: none yet) and its
    amount as sen plus the exponent it was written with (so 100, 100.5 and 100.50 come back as
    written, for the error messages); an amount beyond 64 bits (or -0) is kept aside as is."""

    def __init__(self, garis: int):
        self.nomor = array("q", bytes(8 * 12 * garis))
        self.sen = array("q", bytes(8 * 12 * garis))
        self.eks = array("b", bytes(12 * garis))
        self.lain: dict[int, Decimal] = {}

    def isi(self, j: int, nomor: int, jumlah: Decimal) -> None:
        self.nomor[j] = nomor
        t = jumlah.as_tuple()
        if t.sign == 0 and isinstance(t.exponent, int) and -2 <= t.exponent <= 100:
            sen = int(jumlah.scaleb(2))
            if sen < _BATAS_SEN:
                self.sen[j], self.eks[j] = sen, t.exponent
                return
        self.lain[j] = jumlah

    def jumlah(self, j: int) -> Decimal:
        if j in self.lain:
            return self.lain[j]
        return Decimal(self.sen[j]).scaleb(-2).quantize(Decimal(1).scaleb(self.eks[j]))


def impor_realisasi(path: Path, *, tahun: int, gaya: str = "polos", dry_run: bool = False,
                    alasan: str = "impor realisasi keuangan") -> Ringkasan:
    galat = DaftarGalat()
    baris = baca_baris(path, KOLOM_REALISASI)
    master = Master()
    rincian = rincian_tahun(tahun)
    kunci_garis = list(rincian)
    indeks = {k: i for i, k in enumerate(kunci_garis)}
    pk = array("q", rincian.values())
    del rincian
    isian = _Isian(len(kunci_garis))
    ringkasan = Ringkasan()
    batch: list[tuple[int, int, Decimal]] = []  # (rincian id, bulan, jumlah)
    with contextlib.nullcontext() if dry_run else transaction.atomic():
        for b in baris:
            r = BarisImpor(b, galat)
            kunci = tuple(r.kode(k, master) for k in KODE_RINCIAN)
            bulan = r.ambil("bulan", nilai.bulan)
            jumlah = r.uang("realisasi", gaya)
            if None in kunci:
                continue
            i = indeks.get(kunci)
            if i is None:
                r.salah(", ".join(KODE_RINCIAN), f"rincian anggaran ini tidak ada di APBD {tahun}",
                        v=label_kunci(kunci))
                continue
            if bulan is None:
                continue
            j = i * 12 + bulan - 1
            if isian.nomor[j]:
                r.salah(", ".join((*KODE_RINCIAN, "bulan")),
                        f"realisasi rincian ini untuk bulan {bulan} sudah ada di baris "
                        f"{isian.nomor[j]}", v=f"{label_kunci(kunci)} · {bulan}")
            elif jumlah is not None:
                isian.isi(j, b.nomor, jumlah)
                if not galat:  # after the first error only checking goes on
                    batch.append((pk[i], bulan, jumlah))
                    if len(batch) >= BATCH:
                        bandingkan_realisasi(batch, ringkasan, not dry_run, alasan)
                        batch = []
        if not galat:
            bandingkan_realisasi(batch, ringkasan, not dry_run, alasan)
            galat.extend(_periksa_pagu(tahun, isian, pk, kunci_garis, master))
        if galat:
            raise ImporGagal(galat)  # leaving the transaction: everything written is undone
    return ringkasan


def bandingkan_realisasi(batch: list[tuple[int, int, Decimal]], ringkasan: Ringkasan,
                         tulis: bool, alasan: str) -> None:
    """Count (and unless a dry run, write) one batch: one query to compare, then at most one
    bulk create and one bulk update, each with its history rows."""
    lama = {(x.rincian_id, x.bulan): x for x in RealisasiKeuangan.objects.filter(
        rincian_id__in={rid for rid, _, _ in batch}, bulan__in={m for _, m, _ in batch})}
    dibuat, diubah = [], []
    for rid, bulan, jumlah in batch:
        x = lama.get((rid, bulan))
        if x is None:
            dibuat.append(RealisasiKeuangan(rincian_id=rid, bulan=bulan, jumlah=jumlah))
        elif x.jumlah != jumlah:
            x.jumlah = jumlah
            diubah.append(x)
    ringkasan.catat("realisasi keuangan", "dibuat", len(dibuat))
    ringkasan.catat("realisasi keuangan", "diubah", len(diubah))
    ringkasan.catat("realisasi keuangan", "tetap", len(batch) - len(dibuat) - len(diubah))
    if tulis and dibuat:
        bulk_create_with_history(dibuat, RealisasiKeuangan, batch_size=500,
                                 default_change_reason=alasan)
    if tulis and diubah:
        bulk_update_with_history(diubah, RealisasiKeuangan, ["jumlah"], batch_size=500,
                                 default_change_reason=alasan)


def _periksa_pagu(tahun: int, isian: _Isian, pk: array, kunci_garis: list[tuple],
                  master: Master) -> list[Galat]:
    """Cumulative realisasi of each line touched by the file (the file's months over what is
    stored) must not exceed, at the end of any month, its pagu in the version then in force.
    Lines are checked BATCH at a time, two queries each. After the import's own batches are
    written the stored months of the file are the file's, so laying the file over them again
    gives the same sums in a dry run and in an import."""
    versi = list(VersiAnggaran.objects.filter(tahun__tahun=tahun).order_by("berlaku_mulai"))
    berlaku = {}
    for m in range(1, 13):
        akhir = akhir_bulan(tahun, m)
        berlaku[m] = next((v for v in reversed(versi) if v.berlaku_mulai <= akhir), None)
    garis = [i for i in range(len(kunci_garis)) if any(isian.nomor[i * 12:i * 12 + 12])]
    galat = []
    for awal in range(0, len(garis), BATCH):
        potong = {pk[i]: i for i in garis[awal:awal + BATCH]}
        bulanan: dict[int, dict[int, Decimal]] = {rid: {} for rid in potong}
        for x in RealisasiKeuangan.objects.filter(rincian_id__in=potong).values_list(
                "rincian_id", "bulan", "jumlah"):
            bulanan[x[0]][x[1]] = x[2]
        pagu = {(v, r): p for v, r, p in PaguAnggaran.objects.filter(
            versi__in=versi, rincian_id__in=potong).values_list("versi_id", "rincian_id", "pagu")}
        for rid, i in potong.items():
            bulan_file = [m for m in range(1, 13) if isian.nomor[i * 12 + m - 1]]
            for m in bulan_file:
                bulanan[rid][m] = isian.jumlah(i * 12 + m - 1)
            kumulatif = Decimal(0)
            for m in range(1, 13):
                kumulatif += bulanan[rid].get(m, 0)
                v = berlaku[m]
                batas = pagu.get((v.pk, rid), Decimal(0)) if v else Decimal(0)
                if kumulatif > batas:
                    # Blame the file's row for this line that brought the sum over: the latest
                    # month up to m, else (stored months already over) its first row.
                    sampai_m = [b for b in bulan_file if b <= m]
                    j = i * 12 + (sampai_m[-1] if sampai_m else bulan_file[0]) - 1
                    kunci = kunci_garis[i]
                    dasar = f"pagu {rupiah(batas)} ({v.nama})" if v else (
                        "pagu Rp 0,00 (belum ada versi anggaran yang berlaku)")
                    galat.append(Galat(isian.nomor[j], "realisasi", f"{isian.jumlah(j):f}",
                                       f"realisasi kumulatif s.d. bulan {m} {rupiah(kumulatif)} "
                                       f"melebihi {dasar} pada rincian {label_kunci(kunci)} "
                                       f"({master.opd[kunci[0]].nama})"))
                    break
    return galat


# ---------------------------------------------------------------------------------- fisik


def impor_fisik(path: Path, *, tahun: int, gaya: str = "polos", dry_run: bool = False,
                alasan: str = "impor realisasi fisik") -> Ringkasan:
    galat = DaftarGalat()
    baris = baca_baris(path, KOLOM_FISIK)
    master = Master()
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    indeks: dict[tuple[str, str], int] = {}
    for k in rincian_tahun(tahun):
        indeks.setdefault((k[0], k[1]), len(indeks))
    nomor = array("q", bytes(8 * 12 * len(indeks)))  # (opd, sub kegiatan) × month -> row
    ringkasan = Ringkasan()
    batch: list[tuple[str, str, int, Decimal]] = []
    with contextlib.nullcontext() if dry_run else transaction.atomic():
        for b in baris:
            r = BarisImpor(b, galat)
            opd, sub = r.kode("kode_opd", master), r.kode("kode_sub_kegiatan", master)
            bulan = r.ambil("bulan", nilai.bulan)
            persen = r.uang("fisik", gaya)
            if persen is not None and persen > 100:
                r.salah("fisik", "di luar rentang 0–100 (persen kumulatif)")
                persen = None
            if opd is None or sub is None:
                continue
            i = indeks.get((opd, sub))
            if i is None:
                r.salah("kode_opd, kode_sub_kegiatan", f"sub kegiatan ini tidak ada di anggaran "
                                                       f"perangkat daerah ini tahun {tahun}",
                        v=f"{opd} · {sub}")
                continue
            if bulan is None or persen is None:
                continue
            j = i * 12 + bulan - 1
            if nomor[j]:
                r.salah("kode_opd, kode_sub_kegiatan, bulan", f"realisasi fisik ini sudah ada di "
                                                              f"baris {nomor[j]}",
                        v=f"{opd} · {sub} · {bulan}")
            else:
                nomor[j] = b.nomor
                if not galat:
                    batch.append((opd, sub, bulan, persen))
                    if len(batch) >= BATCH:
                        _bandingkan_fisik(batch, ta, master, ringkasan, not dry_run, alasan)
                        batch = []
        if not galat:
            _bandingkan_fisik(batch, ta, master, ringkasan, not dry_run, alasan)
        if galat:
            raise ImporGagal(galat)
    return ringkasan


def _bandingkan_fisik(batch: list[tuple[str, str, int, Decimal]], ta, master: Master,
                      ringkasan: Ringkasan, tulis: bool, alasan: str) -> None:
    lama = {(x.opd_id, x.sub_kegiatan_id, x.bulan): x for x in RealisasiFisik.objects.filter(
        tahun=ta, opd_id__in={master.opd[o].pk for o, _, _, _ in batch},
        sub_kegiatan_id__in={master.sub[s].pk for _, s, _, _ in batch},
        bulan__in={m for _, _, m, _ in batch})} if batch else {}
    dibuat, diubah = [], []
    for opd, sub, bulan, persen in batch:
        x = lama.get((master.opd[opd].pk, master.sub[sub].pk, bulan))
        if x is None:
            dibuat.append(RealisasiFisik(tahun=ta, opd=master.opd[opd], sub_kegiatan=master.sub[sub],
                                         bulan=bulan, persen=persen))
        elif x.persen != persen:
            x.persen = persen
            diubah.append(x)
    ringkasan.catat("realisasi fisik", "dibuat", len(dibuat))
    ringkasan.catat("realisasi fisik", "diubah", len(diubah))
    ringkasan.catat("realisasi fisik", "tetap", len(batch) - len(dibuat) - len(diubah))
    if tulis and dibuat:
        bulk_create_with_history(dibuat, RealisasiFisik, batch_size=500,
                                 default_change_reason=alasan)
    if tulis and diubah:
        bulk_update_with_history(diubah, RealisasiFisik, ["persen"], batch_size=500,
                                 default_change_reason=alasan)
