"""Writing a checked SIPD realisasi import: the month's amounts through the realisasi import's
own batches (history rows included), and the log with SIPD's figure per line — one
transaction."""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.db import transaction

from lib.periode import tanggal_panjang

from ..impor_realisasi import BATCH, bandingkan_realisasi
from .berkas import sha256
from .models import ImporSipd, JenisBerkasSipd, RealisasiSipd
from .nilai_sipd import dari_sen


def ringkasan_json(ringkasan) -> dict:
    return {t: {k: c[k] for k in ("dibuat", "diubah", "tetap")}
            for t, c in ringkasan.hitungan.items()}


def simpan(hasil, tulis: list[tuple[int, int, int]], data, *, path: Path, nama_berkas: str,
           oleh, dry_run: bool):
    alasan = f"impor realisasi SIPD s.d. {tanggal_panjang(hasil.tanggal)} ({nama_berkas})"
    if oleh is not None:
        alasan += f" oleh {oleh.get_username()}"
    bulan = hasil.bulan
    with contextlib.nullcontext() if dry_run else transaction.atomic():
        for awal in range(0, len(tulis), BATCH):
            batch = [(rid, bulan, dari_sen(b)) for rid, b, _ in tulis[awal:awal + BATCH]]
            bandingkan_realisasi(batch, hasil.ringkasan, not dry_run, alasan)
        if dry_run:
            return hasil
        hasil.impor = ImporSipd.objects.create(
            jenis=JenisBerkasSipd.REALISASI, nama_berkas=nama_berkas[:255], sha256=sha256(path),
            ukuran=path.stat().st_size, tata_letak=hasil.tata_letak, tahun=hasil.tanggal.year,
            tanggal=hasil.tanggal, bulan=bulan, versi=data.versi, oleh=oleh,
            baris=dict(hasil.baris), ringkasan=ringkasan_json(hasil.ringkasan),
            total=hasil.total)
        for awal in range(0, len(tulis), BATCH):
            RealisasiSipd.objects.bulk_create([
                RealisasiSipd(impor=hasil.impor, rincian_id=rid, kumulatif=dari_sen(kum),
                              bulan_ini=dari_sen(b))
                for rid, b, kum in tulis[awal:awal + BATCH]])
    return hasil
