"""The browser's imports as background jobs (``tugas``): the preview (a dry run) and the
confirmed import run in the worker, not in a web worker, within SIAP_TUGAS_MENIT, and report
the rows read as they go. The upload pages (``exchange.views``) show the job's progress in
place and then its result, kept in ``Tugas.hasil``; the preview's error list is the job's
file (the CSV download)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from lib.sel import sel_aman
from tugas.layanan import penangan, simpan_berkas
from tugas.models import JenisTugas

from .baca import PELAPOR
from .impor_anggaran import impor_anggaran
from .impor_realisasi import impor_fisik, impor_realisasi
from .umum import ImporGagal, Ringkasan


def path_unggahan(u: dict, token: str) -> Path:
    return Path(settings.DATA_DIR) / "unggah" / f"{token}{u['akhiran']}"


def jalankan_impor(u: dict, path: Path, *, dry_run: bool, oleh=None) -> Ringkasan:
    if u["jenis"] == "anggaran":
        return impor_anggaran(
            path, tahun=u["tahun"], jenis_versi=u["versi"],
            berlaku=datetime.date.fromisoformat(u["berlaku"]), buat_master=u["buat_master"],
            gaya=u["angka"], dry_run=dry_run)
    fungsi = impor_realisasi if u["jenis"] == "realisasi" else impor_fisik
    apa = "realisasi keuangan" if u["jenis"] == "realisasi" else "realisasi fisik"
    return fungsi(path, tahun=u["tahun"], gaya=u["angka"], dry_run=dry_run,
                  alasan=f"impor {apa} lewat aplikasi oleh {oleh}" if oleh else f"impor {apa}")


def baris_ringkasan(ringkasan: Ringkasan) -> list[dict]:
    return [{"tabel": tabel, "dibuat": c["dibuat"], "diubah": c["diubah"], "tetap": c["tetap"]}
            for tabel, c in ringkasan.hitungan.items()]


def _galat(exc: ImporGagal) -> dict:
    return {"galat": [[g.baris, g.kolom, g.nilai, g.alasan] for g in exc.galat],
            "jumlah_galat": exc.jumlah}


def _lapor_baris(lapor):
    def tiap(nomor: int) -> None:
        lapor(f"{nomor:,} baris dibaca dan diperiksa".replace(",", "."))
    return tiap


def _dengan_pelapor(lapor, fungsi):
    tanda = PELAPOR.set(_lapor_baris(lapor))
    try:
        return fungsi()
    finally:
        PELAPOR.reset(tanda)


@penangan(JenisTugas.IMPOR_PRATINJAU)
def pratinjau(tugas, lapor) -> dict:
    u, token = tugas.parameter["unggahan"], tugas.parameter["token"]
    try:
        ringkasan = _dengan_pelapor(lapor, lambda: jalankan_impor(
            u, path_unggahan(u, token), dry_run=True))
    except ImporGagal as exc:
        keluar = io.StringIO()
        w = csv.writer(keluar, lineterminator="\n")
        w.writerow(["baris", "kolom", "nilai", "alasan"])
        for g in exc.galat:
            w.writerow([g.baris or "", sel_aman(g.kolom), sel_aman(g.nilai), sel_aman(g.alasan)])
        nama = f"galat-{Path(u['nama_berkas']).stem}.csv"
        # the BOM makes Excel read the file as UTF-8
        simpan_berkas(tugas, ("\ufeff" + keluar.getvalue()).encode("utf-8"), nama,
                      "text/csv; charset=utf-8")
        return _galat(exc)
    return {"ringkasan": baris_ringkasan(ringkasan), "ada_perubahan": ringkasan.ada_perubahan,
            "teks": str(ringkasan)}


@penangan(JenisTugas.IMPOR_SIMPAN)
def simpan(tugas, lapor) -> dict:
    u, token = tugas.parameter["unggahan"], tugas.parameter["token"]
    path = path_unggahan(u, token)
    try:
        with transaction.atomic():
            ringkasan = _dengan_pelapor(lapor, lambda: jalankan_impor(
                u, path, dry_run=False, oleh=tugas.pemilik.get_username()))
    except ImporGagal as exc:
        # The database changed since the preview and the file no longer passes: nothing written.
        return {**_galat(exc), "berubah_sejak_pratinjau": True}
    except IntegrityError:
        return {"galat": [[None, "", "", "Basis data menolak perubahan karena data berubah "
                                         "bersamaan; tidak ada yang disimpan. Unggah lagi."]],
                "jumlah_galat": 1}
    # the uploaded file goes when the user sees this result (exchange.views.hasil), or after
    # two hours (exchange.views.KEDALUWARSA)
    return {"ringkasan": baris_ringkasan(ringkasan), "ada_perubahan": ringkasan.ada_perubahan,
            "berbeda": tugas.parameter.get("pratinjau") not in (None, str(ringkasan))}
