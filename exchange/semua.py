"""Full export and restore of a SIAP instance: ``siap ekspor-semua DIR`` / ``siap impor-semua DIR``.

The directory holds ``manifest.json`` (format, format version, pemda, creation time, SIAP
version, and for every file its table, row count and sha256) and one UTF-8 CSV per table, plain
numbers with a dot. Anggaran (one file per version), realisasi keuangan, realisasi fisik (one
file per year) are written in the ``siap impor`` formats, so each can also be imported alone;
target fisik uses the realisasi fisik format. Every other table has its own file whose columns
are the model's fields, references written as natural keys (codes, year, username), never as
database ids. Text is written verbatim (this is a backup, not a spreadsheet for Excel).

Not exported: the simple-history tables (the audit trail of the source is not recreated; a
restored realisasi has no history), and users and passwords — unless ``dengan_pengguna``, which
writes usernames, names, roles and OPD, never password hashes. On restore, a user referenced by
a report (``oleh``) is matched by username; one that does not exist is created inactive with an
unusable password, and a warning names it.

Restore checks the manifest (format version, every file present with its checksum and row
count) before writing anything, refuses a database that holds data unless ``ganti``, and writes
everything in ONE transaction with bulk inserts (a constant number of queries per table).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budget.models import (
    BidangUrusan,
    JenisBelanja,
    Kegiatan,
    PaguAnggaran,
    Pemda,
    PerangkatDaerah,
    Program,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    TargetFisik,
    Urusan,
    VersiAnggaran,
)
from lib.rupiah import desimal
from reporting.models import (
    IsianFisik,
    IsianRealisasi,
    LaporanBulanan,
    PenjelasanPeringatan,
    PeriodePelaporan,
    Permasalahan,
    RiwayatLaporan,
    SnapshotLaporan,
)

from .ekspor import ekspor_anggaran, ekspor_fisik, ekspor_realisasi, tulis
from .sipd.semua import SIPD_DIKECUALIKAN
from .umum import KOLOM_FISIK

FORMAT = "siap-ekspor-semua"
VERSI_FORMAT = 1
MANIFEST = "manifest.json"
BATCH = 1000


class SemuaGagal(Exception):
    """Export or restore refused; ``str()`` says why in Indonesian. Nothing was written."""

    def __init__(self, pesan: str | list[str]):
        self.pesan = [pesan] if isinstance(pesan, str) else list(pesan)
        super().__init__("\n".join(self.pesan))


# ------------------------------------------------------------------------------ the tables


@dataclass(frozen=True)
class Kolom:
    """A plain column: CSV name, model field, kind (teks, int, dec, persen, tanggal, waktu,
    bool, json)."""

    nama: str
    medan: str
    jenis: str = "teks"
    null: bool = False


@dataclass(frozen=True)
class Ref:
    """A reference written as the natural key of the row it points to (one or more columns)."""

    kolom: tuple[str, ...]
    medan: str  # attname, e.g. "urusan_id"
    peta: str  # which key -> id map resolves it
    jalur: tuple[str, ...]  # export paths, e.g. ("urusan__kode",)
    null: bool = False


@dataclass(frozen=True)
class Tabel:
    nama: str  # file name without .csv
    model: type
    isi: tuple  # Kolom and Ref in column order
    peta: str | None = None  # the key map this table provides
    kunci: tuple[str, ...] = ()  # export paths of the natural key, for the map and ordering

    @property
    def kolom(self) -> tuple[str, ...]:
        return tuple(k for x in self.isi for k in ((x.nama,) if isinstance(x, Kolom) else x.kolom))


def _laporan(medan: str = "laporan_id") -> Ref:
    return Ref(("tahun", "kode_opd", "bulan"), medan, "laporan",
               ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan"))


def _oleh() -> Ref:
    return Ref(("oleh",), "oleh_id", "pengguna", ("oleh__username",))


_TAHUN = Ref(("tahun",), "tahun_id", "tahun", ("tahun__tahun",))
_OPD = Ref(("kode_opd",), "opd_id", "opd", ("opd__kode",))
_SUB = Ref(("kode_sub_kegiatan",), "sub_kegiatan_id", "sub", ("sub_kegiatan__kode",))

# Import order: a table comes after every table it refers to.
TABEL_MASTER = (
    Tabel("pemda", Pemda, (Kolom("nama", "nama"), Kolom("provinsi", "provinsi"),
                           Kolom("ibu_kota", "ibu_kota"),
                           Kolom("data_sintetis", "data_sintetis", "bool"))),
    Tabel("tahun_anggaran", TahunAnggaran, (Kolom("tahun", "tahun", "int"),), "tahun", ("tahun",)),
    Tabel("versi_anggaran", VersiAnggaran, (
        _TAHUN, Kolom("jenis", "jenis"), Kolom("nama", "nama"),
        Kolom("berlaku_mulai", "berlaku_mulai", "tanggal"), Kolom("dasar_hukum", "dasar_hukum"),
    ), "versi", ("tahun__tahun", "berlaku_mulai")),
    Tabel("urusan", Urusan, (Kolom("kode", "kode"), Kolom("nama", "nama")), "urusan", ("kode",)),
    Tabel("bidang_urusan", BidangUrusan, (
        Kolom("kode", "kode"), Kolom("nama", "nama"),
        Ref(("kode_urusan",), "urusan_id", "urusan", ("urusan__kode",)),
    ), "bidang", ("kode",)),
    Tabel("program", Program, (
        Kolom("kode", "kode"), Kolom("nama", "nama"),
        Ref(("kode_bidang_urusan",), "bidang_id", "bidang", ("bidang__kode",)),
    ), "program", ("kode",)),
    Tabel("kegiatan", Kegiatan, (
        Kolom("kode", "kode"), Kolom("nama", "nama"),
        Ref(("kode_program",), "program_id", "program", ("program__kode",)),
    ), "kegiatan", ("kode",)),
    Tabel("sub_kegiatan", SubKegiatan, (
        Kolom("kode", "kode"), Kolom("nama", "nama"),
        Ref(("kode_kegiatan",), "kegiatan_id", "kegiatan", ("kegiatan__kode",)),
    ), "sub", ("kode",)),
    Tabel("perangkat_daerah", PerangkatDaerah, (
        Kolom("kode", "kode"), Kolom("nama", "nama"), Kolom("singkatan", "singkatan"),
        Kolom("jenis", "jenis"),
        Ref(("kode_induk",), "induk_id", "opd", ("induk__kode",), null=True),
        Kolom("aktif", "aktif", "bool"),
    ), "opd", ("kode",)),
    Tabel("sumber_dana", SumberDana, (
        Kolom("kode", "kode"), Kolom("nama", "nama"), Kolom("urutan", "urutan", "int"),
    ), "sd", ("kode",)),
    Tabel("jenis_belanja", JenisBelanja, (
        Kolom("kode", "kode"), Kolom("nama", "nama"), Kolom("kelompok", "kelompok"),
    ), "jb", ("kode",)),
    Tabel("rincian_anggaran", RincianAnggaran, (
        _TAHUN, _OPD, _SUB,
        Ref(("kode_sumber_dana",), "sumber_dana_id", "sd", ("sumber_dana__kode",)),
        Ref(("kode_jenis_belanja",), "jenis_belanja_id", "jb", ("jenis_belanja__kode",)),
    ), "rincian", ("tahun__tahun", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode",
                   "jenis_belanja__kode")),
)
TABEL_LAPORAN = (
    Tabel("periode_pelaporan", PeriodePelaporan, (
        _TAHUN, Kolom("bulan", "bulan", "bulan"),
        Kolom("batas_lapor", "batas_lapor", "waktu", null=True),
        Kolom("dikunci", "dikunci", "bool"),
    ), None, ("tahun__tahun", "bulan")),
    Tabel("laporan_bulanan", LaporanBulanan, (
        _TAHUN, _OPD, Kolom("bulan", "bulan", "bulan"), Kolom("status", "status"),
        Kolom("revisi", "revisi", "int"),
        Kolom("pertama_diajukan_pada", "pertama_diajukan_pada", "waktu", null=True),
        Kolom("diajukan_pada", "diajukan_pada", "waktu", null=True),
        Kolom("diverifikasi_pada", "diverifikasi_pada", "waktu", null=True),
        Kolom("catatan_verifikator", "catatan_verifikator"),
        Kolom("diubah_pada", "diubah_pada", "waktu"),
    ), "laporan", ("tahun__tahun", "opd__kode", "bulan")),
    Tabel("riwayat_laporan", RiwayatLaporan, (
        _laporan(), Kolom("dari", "dari"), Kolom("ke", "ke"), _oleh(),
        Kolom("pada", "pada", "waktu"), Kolom("catatan", "catatan"),
    ), None, ("pk",)),
    Tabel("snapshot_laporan", SnapshotLaporan, (
        _laporan(), Kolom("nomor", "nomor", "int"), Kolom("dibuat_pada", "dibuat_pada", "waktu"),
        _oleh(), Kolom("data", "data", "json"),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan", "nomor")),
    Tabel("penjelasan_peringatan", PenjelasanPeringatan, (
        _laporan(), Kolom("kode", "kode"), Kolom("teks", "teks"), _oleh(),
        Kolom("pada", "pada", "waktu"),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan", "kode")),
    Tabel("permasalahan", Permasalahan, (
        _TAHUN, _OPD, _SUB, Kolom("bulan", "bulan", "bulan"), Kolom("kategori", "kategori"),
        Kolom("uraian", "uraian"), Kolom("tindak_lanjut", "tindak_lanjut"),
        Kolom("penanggung_jawab", "penanggung_jawab"),
        Kolom("target_selesai", "target_selesai", "tanggal", null=True),
        Kolom("status", "status"), Kolom("bulan_selesai", "bulan_selesai", "bulan", null=True),
    ), None, ("pk",)),
)
KOLOM_PENGGUNA = ("username", "nama_depan", "nama_belakang", "email", "peran", "jabatan", "aktif",
                  "staf", "superuser", "kode_opd")

# Every model of budget, reporting and exchange is either exported (here) or excluded (below,
# with the reason); exchange/tests/test_semua.py fails on a model in neither list.
DIEKSPOR = (
    *(t.model for t in TABEL_MASTER), PaguAnggaran, RealisasiKeuangan, RealisasiFisik, TargetFisik,
    *(t.model for t in TABEL_LAPORAN), IsianRealisasi, IsianFisik,  # semua_draf.TABEL_DRAF
)
DIKECUALIKAN = {
    "budget.HistoricalRealisasiKeuangan": "jejak audit sumber tidak dibuat ulang",
    "budget.HistoricalRealisasiFisik": "jejak audit sumber tidak dibuat ulang",
    **{f"reporting.Historical{m}": "jejak audit sumber tidak dibuat ulang"
       for m in ("Permasalahan", "IsianRealisasi", "IsianFisik")},
    "reporting.CatatanPeriode": "jejak audit perubahan periode tidak dibuat ulang",
    "budget.RealisasiKumulatif": "tabel turunan: diisi ulang oleh pemicu basis data saat "
                                 "realisasi dipulihkan",
    "budget.FisikTerakhir": "tabel turunan: diisi ulang oleh pemicu basis data saat "
                            "realisasi/target fisik dipulihkan",
    **SIPD_DIKECUALIKAN,
}
# Deleted by --ganti, in this order (children first); the audit history of the replaced data
# goes too, since its ids would otherwise point at restored rows.
URUTAN_HAPUS = (
    *SIPD_DIKECUALIKAN, "budget.RealisasiKumulatif", "budget.FisikTerakhir",
    "reporting.IsianRealisasi", "reporting.IsianFisik", "reporting.HistoricalIsianRealisasi",
    "reporting.HistoricalIsianFisik", "reporting.PenjelasanPeringatan",
    "reporting.SnapshotLaporan", "reporting.RiwayatLaporan",
    "reporting.LaporanBulanan", "reporting.Permasalahan", "reporting.CatatanPeriode",
    "reporting.PeriodePelaporan",
    "reporting.HistoricalPermasalahan", "budget.HistoricalRealisasiKeuangan",
    "budget.HistoricalRealisasiFisik", "budget.RealisasiFisik", "budget.TargetFisik",
    "budget.RealisasiKeuangan", "budget.PaguAnggaran", "budget.RincianAnggaran",
    "budget.VersiAnggaran", "budget.TahunAnggaran", "budget.SubKegiatan", "budget.Kegiatan",
    "budget.Program", "budget.BidangUrusan", "budget.Urusan", "budget.PerangkatDaerah",
    "budget.SumberDana", "budget.JenisBelanja", "budget.Pemda",
)


# ---------------------------------------------------------------------------------- export


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, Decimal):
        return desimal(v)
    if isinstance(v, datetime.datetime):
        return v.astimezone(datetime.UTC).isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _jalur(t: Tabel) -> list[str]:
    return [p for x in t.isi for p in ((x.medan,) if isinstance(x, Kolom) else x.jalur)]


def _tulis_csv(path: Path, kolom: Iterable[str], baris: Iterable) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(kolom)
        for b in baris:
            w.writerow([_teks(v) for v in b])
            n += 1
    return n


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            h.update(potong)
    return h.hexdigest()


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
        berkas[nama] = {"tabel": tabel, "baris": n, "sha256": _sha256(direktori / nama), **lain}

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
        from .semua_draf import TABEL_DRAF
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


# The restore lives in exchange.semua_impor; its entry points are reachable from here too
# (lazily: semua_impor imports the table definitions above).
_DARI_IMPOR = {"HasilImpor", "baca_manifest", "impor_semua", "isi_ada", "kosongkan"}


def __getattr__(nama: str):
    if nama in _DARI_IMPOR:
        from . import semua_impor

        return getattr(semua_impor, nama)
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")
