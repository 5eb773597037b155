"""Helpers for the exchange tests: files written in tmp_path, and a snapshot of the tables."""

import csv
import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from budget import testing as t
from budget.models import (
    JenisBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    VersiAnggaran,
)
from exchange.umum import KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI

OPD = "1.02.0.00.0.00.01.0000"
SUB = "1.02.02.2.01.0001"
MURNI = datetime.date(2025, 1, 1)


def tulis_csv(path, baris, judul=None):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if judul is not False:
            w.writerow(judul)
        w.writerows(baris)
    return path


def tulis_xlsx(path, baris, judul):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(judul))
    for b in baris:
        ws.append(list(b))
    wb.save(path)
    return path


def baris_anggaran(opd=OPD, sub=SUB, sd="DAU", jb="5.1.02", pagu="1200.00", ak=None,
                   nama_opd="Dinas Kesehatan", nama_sub="Penyediaan Fasilitas Kesehatan"):
    ak = ak or ["100.00"] * 12
    return [opd, nama_opd, sub, nama_sub, sd, jb, pagu, *ak]


def keadaan():
    """Counts and sums of every table an import writes: equal before and after a refusal."""
    return {
        "tahun": TahunAnggaran.objects.count(),
        "versi": VersiAnggaran.objects.count(),
        "opd": PerangkatDaerah.objects.count(),
        "sub": SubKegiatan.objects.count(),
        "sd": SumberDana.objects.count(),
        "jb": JenisBelanja.objects.count(),
        "rincian": RincianAnggaran.objects.count(),
        "pagu": PaguAnggaran.objects.aggregate(n=Count("pk"), s=Sum("pagu"), a=Sum("ak_01")),
        "realisasi": RealisasiKeuangan.objects.aggregate(n=Count("pk"), s=Sum("jumlah")),
        "fisik": RealisasiFisik.objects.aggregate(n=Count("pk"), s=Sum("persen")),
    }



__all__ = ["KOLOM_ANGGARAN", "KOLOM_FISIK", "KOLOM_REALISASI", "Decimal", "t"]
