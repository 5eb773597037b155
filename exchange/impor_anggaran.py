"""Importing anggaran (pagu and anggaran kas per line) from CSV/XLSX files into a budget version.

Every row is parsed and checked and the errors are collected (row, column, value, reason, in
Indonesian; the first 1,000 by row are listed, then "… dan N galat lainnya"); only a file without
a single error is kept, all or nothing. The check against the realisasi already recorded and
the write are ONE ``transaction.atomic()`` (the realisasi rows read are locked on PostgreSQL;
SQLite's transactions take the write lock at once), so a realisasi recorded meanwhile cannot
slip between the check and the new pagu. Writing is an upsert, so importing the same file again
changes nothing. ``dry_run`` writes nothing and returns the same ``Ringkasan``.

Realisasi and fisik are imported by ``impor_realisasi``; what the imports share is in ``umum``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from budget.models import (
    BULAN_AK,
    JenisVersi,
    PaguAnggaran,
    RealisasiKeuangan,
    RincianAnggaran,
    TahunAnggaran,
    VersiAnggaran,
)
from lib.rupiah import rupiah

from .baca import DaftarGalat, Galat
from .master import Master
from .umum import (
    KODE_RINCIAN,
    KOLOM_ANGGARAN,
    BarisImpor,
    ImporGagal,
    Ringkasan,
    akhir_bulan,
    baca_baris,
    label_kunci,
    rincian_tahun,
)

# ------------------------------------------------------------------------------- anggaran


def nama_versi_baku(jenis: str, tahun: int, berlaku: datetime.date) -> str:
    if jenis == JenisVersi.PERGESERAN:
        return f"Pergeseran {tahun} ({berlaku:%d-%m-%Y})"
    return f"{JenisVersi(jenis).label} {tahun}"


def impor_anggaran(path: Path, *, tahun: int, jenis_versi: str, berlaku: datetime.date,
                   nama: str | None = None, buat_master: bool = False, gaya: str = "polos",
                   dry_run: bool = False) -> Ringkasan:
    galat = DaftarGalat()  # at most 1,000 kept (see ImporGagal)
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    versi = ta and VersiAnggaran.objects.filter(tahun=ta, berlaku_mulai=berlaku).first()
    nama_versi = nama or (versi.nama if versi else nama_versi_baku(jenis_versi, tahun, berlaku))
    galat.extend(_periksa_versi(ta, tahun, berlaku, nama_versi))
    master = Master()
    data = _baca_anggaran(path, master, buat_master, gaya, galat)
    if galat:
        raise ImporGagal(galat)
    with transaction.atomic():
        if ta:
            galat.extend(_periksa_realisasi_tercatat(ta, berlaku, nama_versi, data))
            if galat:
                raise ImporGagal(galat)
        rincian = rincian_tahun(tahun)
        lama = {p.rincian_id: p for p in PaguAnggaran.objects.filter(versi=versi)} if versi else {}
        ringkasan = _ringkas(ta, versi, jenis_versi, nama_versi, master, data, rincian, lama)
        if dry_run or not ringkasan.ada_perubahan:
            return ringkasan
        versi = _simpan_versi(tahun, versi, jenis_versi, nama_versi, berlaku)
        master.buat()
        _simpan_pagu(versi, master, data, rincian, lama)
    return ringkasan


def _periksa_versi(ta: TahunAnggaran | None, tahun: int, berlaku: datetime.date,
                   nama_versi: str) -> list[Galat]:
    """The version itself: its date inside the year, its name not taken by another version."""
    galat = []
    if berlaku.year != tahun:
        galat.append(Galat(None, "", "", f"tanggal berlaku {berlaku:%d-%m-%Y} di luar tahun "
                                         f"anggaran {tahun}"))
    if ta and VersiAnggaran.objects.filter(tahun=ta, nama=nama_versi).exclude(
            berlaku_mulai=berlaku).exists():
        galat.append(Galat(None, "", "", f"nama versi {nama_versi!r} sudah dipakai versi lain "
                                         f"tahun {tahun}; pilih nama lain dengan --nama"))
    return galat


def _baca_anggaran(path: Path, master: Master, buat_master: bool, gaya: str,
                   galat: DaftarGalat) -> dict[tuple, tuple[int, list[Decimal]]]:
    """{line key: (row number, [pagu, ak_01 … ak_12])}, one row at a time; every problem is
    added to ``galat`` (a row in error keeps its key, with no amounts)."""
    data: dict[tuple, tuple[int, list[Decimal]]] = {}
    for b in baca_baris(path, KOLOM_ANGGARAN):
        r = BarisImpor(b, galat)
        kunci = tuple(r.kode(k, master, buat_master) for k in KODE_RINCIAN)
        jumlah = [r.uang(k, gaya) for k in ("pagu", *BULAN_AK)]
        if all(j is not None for j in jumlah):
            pagu, total = jumlah[0], sum(jumlah[1:])
            if total != pagu:
                r.salah("ak_01–ak_12", f"jumlah anggaran kas {rupiah(total)} tidak sama dengan "
                                      f"pagu {rupiah(pagu)} (selisih {rupiah(total - pagu)})",
                        v=f"{total:f}")
        if None in kunci:
            continue
        if kunci in data:
            r.salah(", ".join(KODE_RINCIAN), f"rincian yang sama sudah ada di baris "
                                             f"{data[kunci][0]}", v=label_kunci(kunci))
        elif r.ok:
            data[kunci] = (b.nomor, jumlah)
        else:
            data[kunci] = (b.nomor, [])
    return data


def _ringkas(ta, versi, jenis_versi: str, nama_versi: str, master: Master, data: dict,
             rincian: dict, lama: dict) -> Ringkasan:
    """What the import makes, changes and leaves as it is (also for ``dry_run``)."""
    ringkasan = Ringkasan()
    ringkasan.catat("tahun anggaran", "tetap" if ta else "dibuat")
    if versi is None:
        ringkasan.catat("versi anggaran", "dibuat")
    else:
        berubah = versi.jenis != jenis_versi or versi.nama != nama_versi
        ringkasan.catat("versi anggaran", "diubah" if berubah else "tetap")
    for tabel, n in master.hitung_baru().items():
        ringkasan.catat(tabel, "dibuat", n)
    for kunci, (_, jumlah) in data.items():
        rid = rincian.get(kunci)
        ringkasan.catat("rincian anggaran", "tetap" if rid else "dibuat")
        p = lama.get(rid)
        if p is None:
            ringkasan.catat("pagu dan anggaran kas", "dibuat")
        elif [p.pagu, *p.anggaran_kas] == jumlah:
            ringkasan.catat("pagu dan anggaran kas", "tetap")
        else:
            ringkasan.catat("pagu dan anggaran kas", "diubah")
    return ringkasan


def _simpan_versi(tahun: int, versi, jenis_versi: str, nama_versi: str,
                  berlaku: datetime.date) -> VersiAnggaran:
    ta = TahunAnggaran.objects.get_or_create(tahun=tahun)[0]
    if versi is None:
        return VersiAnggaran.objects.create(
            tahun=ta, jenis=jenis_versi, nama=nama_versi, berlaku_mulai=berlaku
        )
    if versi.jenis != jenis_versi or versi.nama != nama_versi:
        versi.jenis, versi.nama = jenis_versi, nama_versi
        versi.save(update_fields=["jenis", "nama"])
    return versi


def _simpan_pagu(versi: VersiAnggaran, master: Master, data: dict, rincian: dict,
                 lama: dict) -> None:
    """The new lines, then every pagu and anggaran kas created or changed, in bulk."""
    ta = versi.tahun
    baru = [
        RincianAnggaran(tahun=ta, opd=master.opd[k[0]], sub_kegiatan=master.sub[k[1]],
                        sumber_dana=master.sd[k[2]], jenis_belanja=master.jb[k[3]])
        for k in data if k not in rincian
    ]
    RincianAnggaran.objects.bulk_create(baru, batch_size=500)
    rincian = rincian_tahun(ta.tahun)
    dibuat, diubah = [], []
    for kunci, (_, jumlah) in data.items():
        isi = dict(zip(("pagu", *BULAN_AK), jumlah, strict=True))
        p = lama.get(rincian[kunci])
        if p is None:
            dibuat.append(PaguAnggaran(versi=versi, rincian_id=rincian[kunci], **isi))
        elif [p.pagu, *p.anggaran_kas] != jumlah:
            for f, v in isi.items():
                setattr(p, f, v)
            diubah.append(p)
    PaguAnggaran.objects.bulk_create(dibuat, batch_size=500)
    PaguAnggaran.objects.bulk_update(diubah, ["pagu", *BULAN_AK], batch_size=500)


def _periksa_realisasi_tercatat(ta: TahunAnggaran, berlaku: datetime.date, nama_versi: str,
                                data: dict) -> list[Galat]:
    """The new pagu of a line must still hold the realisasi already recorded on it, in every
    month in which this version will be the one in force."""
    rincian = rincian_tahun(ta.tahun)
    garis = {rincian[k]: k for k in data if k in rincian}
    lain = [v.berlaku_mulai for v in VersiAnggaran.objects.filter(tahun=ta).exclude(
        berlaku_mulai=berlaku)]
    bulan_berlaku = []
    for m in range(1, 13):
        akhir = akhir_bulan(ta.tahun, m)
        if berlaku <= akhir and not any(berlaku < b <= akhir for b in lain):
            bulan_berlaku.append(m)
    bulanan: dict[int, dict[int, Decimal]] = defaultdict(dict)
    # Locked until the new pagu is written (the caller's transaction): no realisasi recorded
    # on these lines can change in between.
    for x in RealisasiKeuangan.objects.select_for_update().filter(rincian_id__in=garis).values(
            "rincian_id", "bulan", "jumlah"):
        bulanan[x["rincian_id"]][x["bulan"]] = x["jumlah"]
    galat = []
    for rid, realisasi in bulanan.items():
        nomor, jumlah = data[garis[rid]]
        kumulatif = Decimal(0)
        for m in range(1, 13):
            kumulatif += realisasi.get(m, 0)
            if m in bulan_berlaku and kumulatif > jumlah[0]:
                galat.append(Galat(nomor, "pagu", f"{jumlah[0]:f}", (
                    f"realisasi kumulatif s.d. bulan {m} yang sudah tercatat, "
                    f"{rupiah(kumulatif)}, melebihi pagu ini ({nama_versi}) pada rincian "
                    f"{label_kunci(garis[rid])}")))
                break
    return galat
