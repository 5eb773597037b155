"""Importing monthly realisasi keuangan and cumulative realisasi fisik (see exchange.impor)."""

from __future__ import annotations

from collections import defaultdict
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
from .baca import Galat
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


def impor_realisasi(path: Path, *, tahun: int, gaya: str = "polos", dry_run: bool = False,
                    alasan: str = "impor realisasi keuangan") -> Ringkasan:
    galat: list[Galat] = []
    baris = baca_baris(path, KOLOM_REALISASI)
    master = Master()
    rincian = rincian_tahun(tahun)
    data: dict[tuple[int, int], tuple[int, Decimal]] = {}  # (rincian, bulan) -> (row, jumlah)
    label: dict[int, str] = {}
    for b in baris:
        r = BarisImpor(b, galat)
        kunci = tuple(r.kode(k, master) for k in KODE_RINCIAN)
        bulan = r.ambil("bulan", nilai.bulan)
        jumlah = r.uang("realisasi", gaya)
        if None in kunci:
            continue
        rid = rincian.get(kunci)
        if rid is None:
            r.salah(", ".join(KODE_RINCIAN), f"rincian anggaran ini tidak ada di APBD {tahun}",
                    v=label_kunci(kunci))
            continue
        label[rid] = f"{label_kunci(kunci)} ({master.opd[kunci[0]].nama})"
        if bulan is None:
            continue
        if (rid, bulan) in data:
            r.salah(", ".join((*KODE_RINCIAN, "bulan")),
                    f"realisasi rincian ini untuk bulan {bulan} sudah ada di baris "
                    f"{data[rid, bulan][0]}", v=f"{label_kunci(kunci)} · {bulan}")
        elif jumlah is not None:
            data[rid, bulan] = (b.nomor, jumlah)
    if not galat:
        galat += _periksa_pagu(tahun, data, label)
    if galat:
        raise ImporGagal(galat)

    lama = {(x.rincian_id, x.bulan): x for x in RealisasiKeuangan.objects.filter(
        rincian_id__in={rid for rid, _ in data})}
    ringkasan = Ringkasan()
    dibuat, diubah = [], []
    for (rid, bulan), (_, jumlah) in data.items():
        x = lama.get((rid, bulan))
        if x is None:
            dibuat.append(RealisasiKeuangan(rincian_id=rid, bulan=bulan, jumlah=jumlah))
        elif x.jumlah != jumlah:
            x.jumlah = jumlah
            diubah.append(x)
    ringkasan.catat("realisasi keuangan", "dibuat", len(dibuat))
    ringkasan.catat("realisasi keuangan", "diubah", len(diubah))
    ringkasan.catat("realisasi keuangan", "tetap", len(data) - len(dibuat) - len(diubah))
    if not dry_run and ringkasan.ada_perubahan:
        with transaction.atomic():
            bulk_create_with_history(dibuat, RealisasiKeuangan, batch_size=500,
                                     default_change_reason=alasan)
            bulk_update_with_history(diubah, RealisasiKeuangan, ["jumlah"], batch_size=500,
                                     default_change_reason=alasan)
    return ringkasan


def _periksa_pagu(tahun: int, data: dict, label: dict[int, str]) -> list[Galat]:
    """Cumulative realisasi of each line touched by the file (the file's months over what is
    stored) must not exceed, at the end of any month, its pagu in the version then in force."""
    garis = {rid for rid, _ in data}
    bulanan: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for x in RealisasiKeuangan.objects.filter(rincian_id__in=garis).values(
            "rincian_id", "bulan", "jumlah"):
        bulanan[x["rincian_id"]][x["bulan"]] = x["jumlah"]
    baris_file: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for (rid, bulan), (nomor, jumlah) in data.items():
        bulanan[rid][bulan] = jumlah
        baris_file[rid][bulan] = (nomor, jumlah)
    versi = list(VersiAnggaran.objects.filter(tahun__tahun=tahun).order_by("berlaku_mulai"))
    pagu = {(p["versi_id"], p["rincian_id"]): p["pagu"] for p in PaguAnggaran.objects.filter(
        versi__in=versi, rincian_id__in=garis).values("versi_id", "rincian_id", "pagu")}
    berlaku = {}
    for m in range(1, 13):
        akhir = akhir_bulan(tahun, m)
        berlaku[m] = next((v for v in reversed(versi) if v.berlaku_mulai <= akhir), None)
    galat = []
    for rid in sorted(garis, key=lambda r: min(n for n, _ in baris_file[r].values())):
        kumulatif = Decimal(0)
        for m in range(1, 13):
            kumulatif += bulanan[rid].get(m, 0)
            v = berlaku[m]
            batas = pagu.get((v.pk, rid), Decimal(0)) if v else Decimal(0)
            if kumulatif > batas:
                # Blame the file's row for this line that brought the sum over: the latest
                # month up to m, else (stored months already over) its first row.
                bulan_file = sorted(baris_file[rid])
                sampai_m = [b for b in bulan_file if b <= m]
                nomor, jumlah = baris_file[rid][sampai_m[-1] if sampai_m else bulan_file[0]]
                dasar = f"pagu {rupiah(batas)} ({v.nama})" if v else (
                    "pagu Rp 0,00 (belum ada versi anggaran yang berlaku)")
                galat.append(Galat(nomor, "realisasi", f"{jumlah:f}",
                                   f"realisasi kumulatif s.d. bulan {m} {rupiah(kumulatif)} "
                                   f"melebihi {dasar} pada rincian {label[rid]}"))
                break
    return galat


# ---------------------------------------------------------------------------------- fisik


def impor_fisik(path: Path, *, tahun: int, gaya: str = "polos", dry_run: bool = False,
                alasan: str = "impor realisasi fisik") -> Ringkasan:
    galat: list[Galat] = []
    baris = baca_baris(path, KOLOM_FISIK)
    master = Master()
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    dianggarkan = {(k[0], k[1]) for k in rincian_tahun(tahun)}
    data: dict[tuple[str, str, int], tuple[int, Decimal]] = {}
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
        if (opd, sub) not in dianggarkan:
            r.salah("kode_opd, kode_sub_kegiatan", f"sub kegiatan ini tidak ada di anggaran "
                                                   f"perangkat daerah ini tahun {tahun}",
                    v=f"{opd} · {sub}")
            continue
        if bulan is None or persen is None:
            continue
        if (opd, sub, bulan) in data:
            r.salah("kode_opd, kode_sub_kegiatan, bulan", f"realisasi fisik ini sudah ada di baris "
                                                          f"{data[opd, sub, bulan][0]}",
                    v=f"{opd} · {sub} · {bulan}")
        else:
            data[opd, sub, bulan] = (b.nomor, persen)
    if galat:
        raise ImporGagal(galat)

    lama = {(x.opd.kode, x.sub_kegiatan.kode, x.bulan): x for x in
            RealisasiFisik.objects.filter(tahun=ta).select_related("opd", "sub_kegiatan")}
    dibuat, diubah = [], []
    for (opd, sub, bulan), (_, persen) in data.items():
        x = lama.get((opd, sub, bulan))
        if x is None:
            dibuat.append(RealisasiFisik(tahun=ta, opd=master.opd[opd], sub_kegiatan=master.sub[sub],
                                         bulan=bulan, persen=persen))
        elif x.persen != persen:
            x.persen = persen
            diubah.append(x)
    ringkasan = Ringkasan()
    ringkasan.catat("realisasi fisik", "dibuat", len(dibuat))
    ringkasan.catat("realisasi fisik", "diubah", len(diubah))
    ringkasan.catat("realisasi fisik", "tetap", len(data) - len(dibuat) - len(diubah))
    if not dry_run and ringkasan.ada_perubahan:
        with transaction.atomic():
            bulk_create_with_history(dibuat, RealisasiFisik, batch_size=500,
                                     default_change_reason=alasan)
            bulk_update_with_history(diubah, RealisasiFisik, ["persen"], batch_size=500,
                                     default_change_reason=alasan)
    return ringkasan
