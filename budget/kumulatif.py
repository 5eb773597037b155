"""Check and repair the derived tables ``RealisasiKumulatif`` and ``FisikTerakhir``.

The database triggers of migration ``0005_pemicu_kumulatif`` keep them in step with the
source rows. This module computes what they should hold a second, independent way — in
Python, streaming the source rows in key order — compares it with what they hold, and (when
asked) rewrites the rows that differ, all in one transaction. ``siap kumulatif`` runs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Q

from .models import (
    BULAN_FISIK,
    BULAN_KUMULATIF,
    BULAN_TARGET_FISIK,
    FisikTerakhir,
    RealisasiFisik,
    RealisasiKeuangan,
    RealisasiKumulatif,
    TargetFisik,
)
from .sen import sen_dari_rupiah

UKURAN_AMBIL = 20_000
# Keys per repair statement: the fisik keys go into one OR per key, and SQLite refuses an
# expression deeper than 1.000.
BATCH_PERBAIKI = 200
NOL_12 = (0,) * 12




def realisasi_seharusnya() -> Iterator[tuple[int, tuple[int, ...]]]:
    """(rincian_id, realisasi s.d. each month in sen) for every line with realisasi."""
    rows = (RealisasiKeuangan.objects.order_by("rincian_id", "bulan")
            .values_list("rincian_id", "bulan", "jumlah").iterator(chunk_size=UKURAN_AMBIL))
    kini, bulanan = None, [0] * 13
    for rid, bulan, jumlah in rows:
        if rid != kini:
            if kini is not None:
                yield kini, _kumulatif(bulanan)
            kini, bulanan = rid, [0] * 13
        bulanan[bulan] += sen_dari_rupiah(jumlah)
    if kini is not None:
        yield kini, _kumulatif(bulanan)


def _kumulatif(bulanan: list[int]) -> tuple[int, ...]:
    hasil, jalan = [], 0
    for b in range(1, 13):
        jalan += bulanan[b]
        hasil.append(jalan)
    return tuple(hasil)


def _fisik_seharusnya(model) -> dict[tuple[int, int, int], tuple[int, ...]]:
    rows = (model.objects.order_by("tahun_id", "opd_id", "sub_kegiatan_id", "bulan")
            .values_list("tahun_id", "opd_id", "sub_kegiatan_id", "bulan", "persen")
            .iterator(chunk_size=UKURAN_AMBIL))
    per_kunci: dict[tuple[int, int, int], dict[int, int]] = {}
    for t, o, s, b, p in rows:
        per_kunci.setdefault((t, o, s), {})[b] = sen_dari_rupiah(p)
    hasil = {}
    for kunci, nilai in per_kunci.items():
        deret, terakhir = [], 0
        for b in range(1, 13):
            terakhir = nilai.get(b, terakhir)
            deret.append(terakhir)
        hasil[kunci] = tuple(deret)
    return hasil


def fisik_seharusnya() -> dict[tuple[int, int, int], tuple[int, ...]]:
    """{(tahun_id, opd_id, sub_kegiatan_id): f01..f12 + t01..t12} in hundredths of a
    percent, for every key with a realisasi or target fisik row."""
    fisik = _fisik_seharusnya(RealisasiFisik)
    target = _fisik_seharusnya(TargetFisik)
    return {k: fisik.get(k, NOL_12) + target.get(k, NOL_12) for k in fisik.keys() | target.keys()}


@dataclass
class Selisih:
    """One key whose derived row differs from what the source rows give."""

    tabel: str
    kunci: tuple
    tersimpan: tuple[int, ...] | None  # None: no row
    seharusnya: tuple[int, ...] | None  # None: there should be no row

    def uraian(self) -> str:
        if self.tersimpan is None:
            return f"{self.tabel} {self.kunci}: tidak ada baris, seharusnya ada"
        if self.seharusnya is None:
            return f"{self.tabel} {self.kunci}: ada baris, seharusnya tidak ada (tanpa data sumber)"
        kolom = BULAN_KUMULATIF if self.tabel == "realisasi" else BULAN_FISIK + BULAN_TARGET_FISIK
        beda = [f"{k} tersimpan {a}, seharusnya {b}"
                for k, a, b in zip(kolom, self.tersimpan, self.seharusnya, strict=True) if a != b]
        return f"{self.tabel} {self.kunci}: " + "; ".join(beda)


@dataclass
class HasilPeriksa:
    realisasi_diperiksa: int = 0
    fisik_diperiksa: int = 0
    selisih: list[Selisih] = field(default_factory=list)
    diperbaiki: bool = False

    @property
    def cocok(self) -> bool:
        return not self.selisih


def _bandingkan(tabel: str, tersimpan: Iterable[tuple], seharusnya: Iterable[tuple]
                ) -> tuple[int, list]:
    """Merge two streams of (key, values), both in key order: the derived rows as stored and
    as the source rows give them. Returns how many keys should have a row, and the
    differences. Memory stays flat whatever the size."""
    n, selisih = 0, []
    kosong = object()
    a, b = iter(tersimpan), iter(seharusnya)
    x, y = next(a, kosong), next(b, kosong)
    while x is not kosong or y is not kosong:
        if y is kosong or (x is not kosong and x[0] < y[0]):
            selisih.append(Selisih(tabel, x[0], x[1], None))
            x = next(a, kosong)
            continue
        n += 1
        if x is kosong or y[0] < x[0]:
            selisih.append(Selisih(tabel, y[0], None, y[1]))
        else:
            if x[1] != y[1]:
                selisih.append(Selisih(tabel, y[0], x[1], y[1]))
            x = next(a, kosong)
        y = next(b, kosong)
    return n, selisih


def periksa(perbaiki: bool = False) -> HasilPeriksa:
    """Compare the derived tables with the source rows; with ``perbaiki``, rewrite every
    row that differs (in one transaction, the source tables locked against writers on
    PostgreSQL so that nothing changes between the comparison and the repair)."""
    with transaction.atomic():
        if perbaiki and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tabel = ", ".join(m._meta.db_table for m in
                                  (RealisasiKeuangan, RealisasiFisik, TargetFisik))
                cursor.execute(f"LOCK TABLE {tabel} IN SHARE MODE")
        tersimpan_r = ((r[0], tuple(r[1:])) for r in RealisasiKumulatif.objects.order_by(
            "rincian_id").values_list("rincian_id", *BULAN_KUMULATIF).iterator(UKURAN_AMBIL))
        n_r, selisih = _bandingkan("realisasi", tersimpan_r, realisasi_seharusnya())
        kunci = ("tahun_id", "opd_id", "sub_kegiatan_id")
        tersimpan_f = ((r[:3], tuple(r[3:])) for r in FisikTerakhir.objects.order_by(*kunci)
                       .values_list(*kunci, *BULAN_FISIK, *BULAN_TARGET_FISIK)
                       .iterator(UKURAN_AMBIL))
        n_f, selisih_f = _bandingkan("fisik", tersimpan_f, sorted(fisik_seharusnya().items()))
        hasil = HasilPeriksa(n_r, n_f, selisih + selisih_f)
        if perbaiki and hasil.selisih:
            _tulis_ulang(hasil.selisih)
            hasil.diperbaiki = True
    return hasil


def _tulis_ulang(selisih: list[Selisih]) -> None:
    """Replace the rows of the differing keys with what the source rows give: per batch of
    keys, one DELETE and one INSERT."""
    kolom_f = BULAN_FISIK + BULAN_TARGET_FISIK
    for i in range(0, len(selisih), BATCH_PERBAIKI):
        potong = selisih[i:i + BATCH_PERBAIKI]
        r = [s for s in potong if s.tabel == "realisasi"]
        f = [s for s in potong if s.tabel == "fisik"]
        if r:
            RealisasiKumulatif.objects.filter(rincian_id__in=[s.kunci for s in r]).delete()
        if f:
            FisikTerakhir.objects.filter(reduce(or_, (
                Q(tahun_id=t, opd_id=o, sub_kegiatan_id=sk) for t, o, sk in (s.kunci for s in f)
            ))).delete()
        RealisasiKumulatif.objects.bulk_create([
            RealisasiKumulatif(rincian_id=s.kunci,
                               **dict(zip(BULAN_KUMULATIF, s.seharusnya, strict=True)))
            for s in r if s.seharusnya is not None
        ])
        FisikTerakhir.objects.bulk_create([
            FisikTerakhir(tahun_id=s.kunci[0], opd_id=s.kunci[1], sub_kegiatan_id=s.kunci[2],
                          **dict(zip(kolom_f, s.seharusnya, strict=True)))
            for s in f if s.seharusnya is not None
        ])
