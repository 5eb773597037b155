"""Budget data and SIPD files for the SIPD tests."""

import csv
import datetime
from decimal import Decimal

from budget import testing as t
from exchange.sipd.contoh_tulis import JUDUL_REALISASI
from exchange.sipd.models import ImporSipd, RealisasiSipd

from .bantu import OPD, SUB, keadaan

HARI_INI = datetime.date(2025, 12, 15)
OKT = datetime.date(2025, 10, 31)
SUB2 = "1.02.02.2.01.0002"
D = Decimal


def buat_apbd() -> dict:
    """Dinas Kesehatan, APBD Murni 2025: sub kegiatan SUB with 5.1.02 in DAU (pagu 1.000) and
    PAD (pagu 3.000) and 5.2.02 in DAU (pagu 5.000), realisasi to September."""
    o = t.opd(OPD, "Dinas Kesehatan")
    v = t.versi(2025, nama="APBD Murni 2025")
    t.sumber_dana("DAU", "Dana Alokasi Umum").__class__.objects.filter(kode="DAU").update(urutan=1)
    t.sumber_dana("PAD", "Pendapatan Asli Daerah").__class__.objects.filter(kode="PAD").update(
        urutan=2)
    t.jenis_belanja("5.2.02", "Belanja Modal Peralatan dan Mesin", "modal")
    dau = t.rincian(o=o, sub=SUB, sd="DAU", jb="5.1.02", pagu=1000, realisasi={9: 100}, v=v)
    pad = t.rincian(o=o, sub=SUB, sd="PAD", jb="5.1.02", pagu=3000, realisasi={9: 500}, v=v)
    modal = t.rincian(o=o, sub=SUB, sd="DAU", jb="5.2.02", pagu=5000, v=v)
    t.sub_kegiatan(SUB2)
    return {"opd": o, "versi": v, "dau": dau, "pad": pad, "modal": modal}


def baris(rek="5.1.02.01.01.0001", pagu="1000.00", real="300.00", opd=OPD, unit=None,
          sub=SUB, tahun=2025, **lain) -> dict:
    """One row of the header-set variant, as a dict by header."""
    r = dict.fromkeys(JUDUL_REALISASI, "")
    r.update({"NO": 1, "TAHUN": tahun, "KODE SKPD": opd, "NAMA SKPD": "Dinas Kesehatan",
              "KODE SUB UNIT": unit or opd, "NAMA SUB UNIT": "Dinas Kesehatan",
              "KODE SUB KEGIATAN": sub, "NAMA SUB KEGIATAN": "Sub", "KODE REKENING": rek,
              "NAMA REKENING": "Belanja", "PAGU": pagu, "REALISASI": real})
    r.update(lain)
    return r


def standar() -> list[dict]:
    """SIPD s.d. 31 Oktober: 5.1.02 cumulative 1.200 over two rows (pagu 4.000), 5.2.02 250."""
    return [baris("5.1.02.01.01.0001", "2500.00", "900.00"),
            baris("5.1.02.01.01.0002", "1500.00", "300.00"),
            baris("5.2.02.01.01.0001", "5000.00", "250.00")]


def tulis(path, rows: list[dict], judul=JUDUL_REALISASI):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(judul)
        for r in rows:
            w.writerow([r.get(k, "") for k in judul])
    return path


def keadaan_sipd():
    return {**keadaan(), "impor": ImporSipd.objects.count(),
            "snapshot": RealisasiSipd.objects.count()}
