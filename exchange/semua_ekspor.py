"""Writing the full export (``siap ekspor-semua DIR``): one CSV per table in the format of
``semua_tabel``, anggaran, realisasi and fisik in the ``siap impor`` formats, and the
manifest with every file's row count and sha256."""

from __future__ import annotations

import csv
import datetime
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budget.models import Pemda, TahunAnggaran, TargetFisik, VersiAnggaran

from .ekspor import ekspor_anggaran, ekspor_fisik, ekspor_realisasi, tulis
from .semua_draf import TABEL_DRAF
from .semua_tabel import (
    FORMAT,
    KOLOM_PENGGUNA,
    MANIFEST,
    TABEL_LAPORAN,
    TABEL_MASTER,
    VERSI_FORMAT,
    Kolom,
    SemuaGagal,
    Tabel,
    sha256_berkas,
    teks_sel,
)
from .umum import KOLOM_FISIK


def _jalur(t: Tabel) -> list[str]:
    return [p for x in t.isi for p in ((x.medan,) if isinstance(x, Kolom) else x.jalur)]


def _tulis_csv(path: Path, kolom: Iterable[str], baris: Iterable) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(kolom)
        for b in baris:
            w.writerow([teks_sel(v) for v in b])
            n += 1
    return n


def _versi_siap() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("siap")
    except PackageNotFoundError:
        return "tidak diketahui"


def _ekspor_tabel(direktori: Path, t: Tabel) -> int:
    urut = list(t.kunci) if t.kunci else ["pk"]
    rows = t.model._default_manager.order_by(*urut).values_list(*_jalur(t))
    posisi = [i for i, c in enumerate(_jalur(t))
              if any(isinstance(x, Kolom) and x.jenis == "json" and x.medan == c for x in t.isi)]

    def baris():
        for r in rows.iterator(chunk_size=2000):
            if posisi:  # a JSON value is always written as JSON text, even a bare string
                r = list(r)
                for i in posisi:
                    r[i] = json.dumps(r[i], ensure_ascii=False)
            yield r

    return _tulis_csv(direktori / f"{t.nama}.csv", t.kolom, baris())


def _ekspor_pengguna(path: Path) -> int:
    User = get_user_model()  # noqa: N806
    opd = defaultdict(list)
    for uid, kode in User.opd.through.objects.order_by("perangkatdaerah__kode").values_list(
            "user_id", "perangkatdaerah__kode"):
        opd[uid].append(kode)
    rows = (
        [u.username, u.first_name, u.last_name, u.email, u.peran, u.jabatan, u.is_active,
         u.is_staff, u.is_superuser, ";".join(opd[u.pk])]
        for u in User.objects.order_by("username")
    )
    return _tulis_csv(path, KOLOM_PENGGUNA, rows)


def ekspor_semua(direktori, *, dengan_pengguna: bool = False) -> dict:
    """Write the whole instance into ``direktori`` (created; must be empty). Returns the
    manifest."""
    direktori = Path(direktori)
    if direktori.exists() and any(direktori.iterdir()):
        raise SemuaGagal(f"Direktori {direktori} tidak kosong; pilih direktori baru atau kosong.")
    direktori.mkdir(parents=True, exist_ok=True)
    berkas: dict[str, dict] = {}

    def catat(nama: str, n: int, tabel: str, **lain) -> None:
        berkas[nama] = {"tabel": tabel, "baris": n, "sha256": sha256_berkas(direktori / nama), **lain}

    # One consistent view of the data, even while users keep working (PostgreSQL: repeatable
    # read inside the transaction is not guaranteed, but no write can interleave a single
    # export on SQLite).
    with transaction.atomic():
        for t in TABEL_MASTER:
            catat(f"{t.nama}.csv", _ekspor_tabel(direktori, t), t.nama)
        for v in VersiAnggaran.objects.select_related("tahun").order_by("tahun__tahun",
                                                                        "berlaku_mulai"):
            nama = f"anggaran_{v.tahun.tahun}_{v.berlaku_mulai.isoformat()}.csv"
            n = ekspor_anggaran(direktori / nama, tahun=v.tahun.tahun, berlaku=v.berlaku_mulai)
            catat(nama, n, "anggaran", tahun=v.tahun.tahun, berlaku_mulai=v.berlaku_mulai.isoformat())
        for tahun in TahunAnggaran.objects.order_by("tahun").values_list("tahun", flat=True):
            nama = f"realisasi_{tahun}.csv"
            catat(nama, ekspor_realisasi(direktori / nama, tahun=tahun), "realisasi", tahun=tahun)
            nama = f"fisik_{tahun}.csv"
            catat(nama, ekspor_fisik(direktori / nama, tahun=tahun), "fisik", tahun=tahun)
            nama = f"target_fisik_{tahun}.csv"
            rows = (TargetFisik.objects.filter(tahun__tahun=tahun)
                    .order_by("opd__kode", "sub_kegiatan__kode", "bulan")
                    .values_list("opd__kode", "sub_kegiatan__kode", "bulan", "persen"))
            catat(nama, tulis(direktori / nama, KOLOM_FISIK, (list(r) for r in rows.iterator())),
                  "target_fisik", tahun=tahun)
        for t in (*TABEL_LAPORAN, *TABEL_DRAF):
            catat(f"{t.nama}.csv", _ekspor_tabel(direktori, t), t.nama)
        if dengan_pengguna:
            catat("pengguna.csv", _ekspor_pengguna(direktori / "pengguna.csv"), "pengguna")
    pemda = Pemda.aktif()
    manifest = {
        "format": FORMAT,
        "versi_format": VERSI_FORMAT,
        "pemda": pemda.nama if pemda else "",
        "dibuat_pada": timezone.now().astimezone(datetime.UTC).isoformat(),
        "versi_siap": _versi_siap(),
        "dengan_pengguna": dengan_pengguna,
        "berkas": berkas,
    }
    (direktori / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    return manifest
