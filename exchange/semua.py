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

import contextlib
import csv
import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from budget.models import (
    BULAN_AK,
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
    LaporanBulanan,
    PenjelasanPeringatan,
    PeriodePelaporan,
    Permasalahan,
    RiwayatLaporan,
    SnapshotLaporan,
)

from . import nilai
from .ekspor import ekspor_anggaran, ekspor_fisik, ekspor_realisasi, tulis
from .umum import KODE_RINCIAN, KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI

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
    *(t.model for t in TABEL_LAPORAN),
)
DIKECUALIKAN = {
    "budget.HistoricalRealisasiKeuangan": "jejak audit sumber tidak dibuat ulang",
    "budget.HistoricalRealisasiFisik": "jejak audit sumber tidak dibuat ulang",
    "reporting.HistoricalPermasalahan": "jejak audit sumber tidak dibuat ulang",
}
# Deleted by --ganti, in this order (children first); the audit history of the replaced data
# goes too, since its ids would otherwise point at restored rows.
URUTAN_HAPUS = (
    "reporting.PenjelasanPeringatan", "reporting.SnapshotLaporan", "reporting.RiwayatLaporan",
    "reporting.LaporanBulanan", "reporting.Permasalahan", "reporting.PeriodePelaporan",
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
        for t in TABEL_LAPORAN:
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


# ---------------------------------------------------------------------------------- import


@dataclass
class HasilImpor:
    jumlah: dict[str, int] = field(default_factory=dict)  # table -> rows written
    peringatan: list[str] = field(default_factory=list)


def baca_manifest(direktori) -> dict:
    """The manifest, checked against the files: format, version, presence, size, sha256."""
    direktori = Path(direktori)
    path = direktori / MANIFEST
    if not path.is_file():
        raise SemuaGagal(f"Berkas {MANIFEST} tidak ada di {direktori}; ini bukan hasil "
                         "`siap ekspor-semua`.")
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SemuaGagal(f"Berkas {MANIFEST} bukan JSON yang sah: {exc}") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise SemuaGagal(f"Berkas {MANIFEST}: format {m.get('format') if isinstance(m, dict) else m!r} "
                         f"bukan {FORMAT!r}.")
    if m.get("versi_format") != VERSI_FORMAT:
        raise SemuaGagal(f"Berkas {MANIFEST}: versi format {m.get('versi_format')!r} tidak "
                         f"didukung; SIAP ini membaca versi format {VERSI_FORMAT}.")
    berkas = m.get("berkas")
    if not isinstance(berkas, dict):
        raise SemuaGagal(f"Berkas {MANIFEST}: daftar berkas tidak ada.")
    galat = []
    perlu = {f"{t.nama}.csv" for t in (*TABEL_MASTER, *TABEL_LAPORAN)}
    for nama in sorted(perlu - set(berkas)):
        galat.append(f"Berkas {nama} tidak tercantum di {MANIFEST}.")
    for nama, info in berkas.items():
        p = direktori / nama
        if "/" in nama or "\\" in nama or nama.startswith("."):
            galat.append(f"Nama berkas {nama!r} di {MANIFEST} tidak sah.")
        elif not p.is_file():
            galat.append(f"Berkas {nama} tercantum di {MANIFEST} tetapi tidak ada.")
        elif _sha256(p) != info.get("sha256"):
            galat.append(f"Berkas {nama}: checksum sha256 tidak cocok dengan {MANIFEST}; berkas "
                         "berubah atau rusak sejak diekspor.")
    if galat:
        raise SemuaGagal(galat)
    return m


class _Pembaca:
    """Rows of one CSV file as dicts, each conversion error naming file, row, column, value."""

    def __init__(self, direktori: Path, nama: str, kolom: tuple[str, ...], baris_manifest: int):
        self.path, self.nama, self.kolom = direktori / nama, nama, kolom
        self.baris_manifest = baris_manifest
        self.galat: list[str] = []
        self.nomor = 0

    def salah(self, kolom: str, v: str, alasan: str) -> None:
        self.galat.append(f"Berkas {self.nama}, baris {self.nomor}, kolom {kolom}, nilai {v!r}: "
                          f"{alasan}")
        if len(self.galat) >= 200:
            raise SemuaGagal(self.galat + ["… (pemeriksaan dihentikan setelah 200 galat)"])

    def __iter__(self) -> Iterator[dict[str, str]]:
        n = 0
        with open(self.path, encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            try:
                judul = next(r, None)
                if tuple(judul or ()) != self.kolom:
                    raise SemuaGagal(f"Berkas {self.nama}, baris 1: judul kolom {judul} tidak "
                                     f"sesuai; diharapkan {', '.join(self.kolom)}.")
                for self.nomor, sel in enumerate(r, start=2):
                    if len(sel) != len(self.kolom):
                        self.galat.append(f"Berkas {self.nama}, baris {self.nomor}: {len(sel)} "
                                          f"kolom, diharapkan {len(self.kolom)}.")
                        continue
                    n += 1
                    yield dict(zip(self.kolom, sel, strict=True))
            except (csv.Error, UnicodeDecodeError) as exc:
                raise SemuaGagal(f"Berkas {self.nama}, baris {self.nomor}: tidak dapat dibaca "
                                 f"sebagai CSV UTF-8 ({exc}).") from None
        if n != self.baris_manifest and not self.galat:
            self.galat.append(f"Berkas {self.nama}: {n} baris data, sedangkan {MANIFEST} "
                              f"mencatat {self.baris_manifest}.")

    def selesai(self) -> None:
        if self.galat:
            raise SemuaGagal(self.galat)

    # -- conversions (None after an error)

    def nilai(self, kolom: str, v: str, jenis: str, null: bool = False, pilihan=None):
        if v == "" and null:
            return None
        try:
            if jenis == "teks":
                if pilihan and v not in pilihan:
                    raise nilai.NilaiTidakValid(f"bukan salah satu dari {', '.join(pilihan)}")
                return v
            if v == "":
                raise nilai.NilaiTidakValid("kosong; wajib diisi")
            if jenis == "int":
                if not v.isdigit():
                    raise nilai.NilaiTidakValid("bukan bilangan bulat")
                return int(v)
            if jenis == "bulan":
                return nilai.bulan(v)
            if jenis in ("dec", "persen"):
                d = nilai.angka(v, "polos")
                if d < 0:
                    raise nilai.NilaiTidakValid("negatif; tidak boleh kurang dari nol")
                if jenis == "persen" and d > 100:
                    raise nilai.NilaiTidakValid("di luar rentang 0–100")
                return d
            if jenis == "bool":
                if v not in ("0", "1"):
                    raise nilai.NilaiTidakValid("bukan 0 atau 1")
                return v == "1"
            if jenis == "tanggal":
                return datetime.date.fromisoformat(v)
            if jenis == "waktu":
                w = datetime.datetime.fromisoformat(v)
                if w.tzinfo is None:
                    raise nilai.NilaiTidakValid("waktu tanpa zona waktu")
                return w
            if jenis == "json":
                return json.loads(v)
        except (nilai.NilaiTidakValid, ValueError) as exc:
            self.salah(kolom, v, str(exc) or "tidak sah")
            return None
        raise AssertionError(jenis)


class _Peta:
    """Natural key (tuple of CSV texts) -> id, one query per table after it is written."""

    SUMBER = {
        "tahun": (TahunAnggaran, ("tahun",)),
        "versi": (VersiAnggaran, ("tahun__tahun", "berlaku_mulai")),
        "urusan": (Urusan, ("kode",)),
        "bidang": (BidangUrusan, ("kode",)),
        "program": (Program, ("kode",)),
        "kegiatan": (Kegiatan, ("kode",)),
        "sub": (SubKegiatan, ("kode",)),
        "opd": (PerangkatDaerah, ("kode",)),
        "sd": (SumberDana, ("kode",)),
        "jb": (JenisBelanja, ("kode",)),
        "rincian": (RincianAnggaran, ("tahun__tahun", "opd__kode", "sub_kegiatan__kode",
                                      "sumber_dana__kode", "jenis_belanja__kode")),
        "laporan": (LaporanBulanan, ("tahun__tahun", "opd__kode", "bulan")),
    }

    def __init__(self):
        self.peta: dict[str, dict[tuple, int]] = {}

    def muat(self, nama: str) -> None:
        model, jalur = self.SUMBER[nama]
        self.peta[nama] = {tuple(_teks(x) for x in k): pk for pk, *k in
                           model._default_manager.values_list("pk", *jalur)}

    def muat_pengguna(self) -> None:
        self.peta["pengguna"] = {(u,): pk for pk, u in
                                 get_user_model().objects.values_list("pk", "username")}

    def cari(self, pembaca: _Pembaca, ref: Ref, baris: dict[str, str]) -> int | None:
        kunci = tuple(baris[k] for k in ref.kolom)
        if ref.null and all(k == "" for k in kunci):
            return None
        pk = self.peta[ref.peta].get(kunci)
        if pk is None:
            pembaca.salah(", ".join(ref.kolom), " · ".join(kunci),
                          "tidak ada di data yang dipulihkan (rujukan tidak dikenal)")
        return pk


@contextlib.contextmanager
def _tanpa_auto_now(*models):
    """Keep the exported timestamps: auto_now fields would otherwise be set to now."""
    medan = [f for m in models for f in m._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in medan:
        f.auto_now = False
    try:
        yield
    finally:
        for f in medan:
            f.auto_now = True


def _pilihan(model, medan: str):
    f = model._meta.get_field(medan)
    return [str(k) for k, _ in f.choices] if f.choices else None


def _impor_tabel(direktori: Path, info: dict, t: Tabel, peta: _Peta) -> int:
    p = _Pembaca(direktori, f"{t.nama}.csv", t.kolom, info["baris"])
    objek, tunda = [], []
    diri = [x for x in t.isi if isinstance(x, Ref) and x.peta == t.peta]  # self reference
    pilihan = {x.medan: _pilihan(t.model, x.medan) for x in t.isi
               if isinstance(x, Kolom) and x.jenis == "teks"}
    for b in p:
        isi = {}
        for x in t.isi:
            if isinstance(x, Kolom):
                isi[x.medan] = p.nilai(x.nama, b[x.nama], x.jenis, x.null, pilihan.get(x.medan))
            elif x in diri:
                tunda.append((p.nomor, b, x))
            else:
                isi[x.medan] = peta.cari(p, x, b)
        objek.append(t.model(**isi))
    p.selesai()
    t.model._default_manager.bulk_create(objek, batch_size=BATCH)
    if t.peta:
        peta.muat(t.peta)
    if tunda:  # a row may refer to one further down the file: set those after inserting
        ubah = {}
        for nomor, b, x in tunda:
            p.nomor = nomor
            induk = peta.cari(p, x, b)
            if induk is not None:
                ubah[peta.peta[t.peta][(b["kode"],)]] = induk
        p.selesai()
        diubah = list(t.model._default_manager.filter(pk__in=ubah))
        for o in diubah:
            setattr(o, diri[0].medan, ubah[o.pk])
        t.model._default_manager.bulk_update(diubah, [diri[0].medan], batch_size=BATCH)
    return len(objek)


def _impor_anggaran(direktori: Path, nama: str, info: dict, peta: _Peta) -> int:
    p = _Pembaca(direktori, nama, KOLOM_ANGGARAN, info["baris"])
    tahun = str(info.get("tahun"))
    versi = peta.peta["versi"].get((tahun, str(info.get("berlaku_mulai"))))
    if versi is None:
        raise SemuaGagal(f"Berkas {nama}: versi anggaran tahun {tahun} berlaku "
                         f"{info.get('berlaku_mulai')} tidak ada di versi_anggaran.csv.")
    rincian = peta.peta["rincian"]
    objek = []
    for b in p:
        kunci = (tahun, *(b[k] for k in KODE_RINCIAN))
        rid = rincian.get(kunci)
        if rid is None:
            p.salah(", ".join(KODE_RINCIAN), " · ".join(kunci[1:]),
                    f"rincian anggaran ini tidak ada di rincian_anggaran.csv tahun {tahun}")
        jumlah = [p.nilai(k, b[k], "dec") for k in ("pagu", *BULAN_AK)]
        if None in jumlah:
            continue
        if sum(jumlah[1:]) != jumlah[0]:
            p.salah("ak_01–ak_12", f"{sum(jumlah[1:]):f}",
                    f"jumlah anggaran kas tidak sama dengan pagu {jumlah[0]:f}")
        objek.append(PaguAnggaran(versi_id=versi, rincian_id=rid,
                                  **dict(zip(("pagu", *BULAN_AK), jumlah, strict=True))))
    p.selesai()
    PaguAnggaran.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _impor_realisasi(direktori: Path, nama: str, info: dict, peta: _Peta) -> int:
    p = _Pembaca(direktori, nama, KOLOM_REALISASI, info["baris"])
    tahun = str(info.get("tahun"))
    rincian = peta.peta["rincian"]
    objek = []
    for b in p:
        kunci = (tahun, *(b[k] for k in KODE_RINCIAN))
        rid = rincian.get(kunci)
        if rid is None:
            p.salah(", ".join(KODE_RINCIAN), " · ".join(kunci[1:]),
                    f"rincian anggaran ini tidak ada di rincian_anggaran.csv tahun {tahun}")
        objek.append(RealisasiKeuangan(rincian_id=rid, bulan=p.nilai("bulan", b["bulan"], "bulan"),
                                       jumlah=p.nilai("realisasi", b["realisasi"], "dec")))
    p.selesai()
    RealisasiKeuangan.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _impor_fisik(direktori: Path, nama: str, info: dict, peta: _Peta, model) -> int:
    p = _Pembaca(direktori, nama, KOLOM_FISIK, info["baris"])
    tahun = peta.peta["tahun"].get((str(info.get("tahun")),))
    if tahun is None:
        raise SemuaGagal(f"Berkas {nama}: tahun {info.get('tahun')} tidak ada di "
                         "tahun_anggaran.csv.")
    objek = []
    for b in p:
        opd = peta.cari(p, _OPD, b)
        sub = peta.cari(p, _SUB, b)
        objek.append(model(tahun_id=tahun, opd_id=opd, sub_kegiatan_id=sub,
                           bulan=p.nilai("bulan", b["bulan"], "bulan"),
                           persen=p.nilai("fisik", b["fisik"], "persen")))
    p.selesai()
    model.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def isi_ada() -> dict[str, int]:
    """Tables of the instance that hold rows (what a restore would replace)."""
    hasil = {}
    for label in URUTAN_HAPUS:
        m = _model(label)
        if not m._meta.model_name.startswith("historical") and m._default_manager.exists():
            hasil[str(m._meta.verbose_name_plural)] = m._default_manager.count()
    return hasil


def kosongkan() -> None:
    """Delete every exported table and the audit history of the replaced data, children first
    (one DELETE per table, no per-row signals). Call inside a transaction."""
    PerangkatDaerah.objects.filter(induk__isnull=False).update(induk=None)
    User = get_user_model()  # noqa: N806
    User.opd.through.objects.all()._raw_delete(connection.alias)
    for label in URUTAN_HAPUS:
        m = _model(label)
        m._default_manager.all()._raw_delete(connection.alias)


def _pengguna_dirujuk(direktori: Path, manifest: dict) -> set[str]:
    nama = set()
    for t in TABEL_LAPORAN:
        if any(isinstance(x, Ref) and x.peta == "pengguna" for x in t.isi):
            info = manifest["berkas"][f"{t.nama}.csv"]
            p = _Pembaca(direktori, f"{t.nama}.csv", t.kolom, info["baris"])
            nama.update(b["oleh"] for b in p)
            p.selesai()
    return nama


def _impor_pengguna(direktori: Path, info: dict, peta: _Peta, hasil: HasilImpor) -> None:
    from accounts.models import Peran

    User = get_user_model()  # noqa: N806
    p = _Pembaca(direktori, "pengguna.csv", KOLOM_PENGGUNA, info["baris"])
    ada = set(User.objects.values_list("username", flat=True))
    baru, opd = [], []
    for b in p:
        if b["peran"] not in Peran.values:
            p.salah("peran", b["peran"], f"bukan salah satu dari {', '.join(Peran.values)}")
        for kode in filter(None, b["kode_opd"].split(";")):
            pk = peta.peta["opd"].get((kode,))
            if pk is None:
                p.salah("kode_opd", kode, "perangkat daerah tidak dikenal")
            opd.append((b["username"], pk))
        if b["username"] in ada:
            continue
        u = User(username=b["username"], first_name=b["nama_depan"], last_name=b["nama_belakang"],
                 email=b["email"], peran=b["peran"], jabatan=b["jabatan"],
                 is_active=p.nilai("aktif", b["aktif"], "bool"),
                 is_staff=p.nilai("staf", b["staf"], "bool"),
                 is_superuser=p.nilai("superuser", b["superuser"], "bool"))
        u.set_unusable_password()
        baru.append(u)
    p.selesai()
    User.objects.bulk_create(baru, batch_size=BATCH)
    if baru:
        hasil.peringatan.append(f"{len(baru)} pengguna dibuat tanpa kata sandi (atur kata sandinya "
                                "di /admin/): " + ", ".join(sorted(u.username for u in baru)))
    hasil.jumlah["pengguna"] = len(baru)
    peta.muat_pengguna()
    _tautkan_opd(opd, peta)


def _tautkan_opd(pasangan: list[tuple[str, int]], peta: _Peta) -> None:
    through = get_user_model().opd.through
    ada = set(through.objects.values_list("user_id", "perangkatdaerah_id"))
    baru = {(peta.peta["pengguna"][(u,)], o) for u, o in pasangan
            if (u,) in peta.peta["pengguna"] and o is not None}
    through.objects.bulk_create([through(user_id=u, perangkatdaerah_id=o) for u, o in baru - ada],
                                batch_size=BATCH)


def impor_semua(direktori, *, ganti: bool = False) -> HasilImpor:
    direktori = Path(direktori)
    manifest = baca_manifest(direktori)
    berkas = manifest["berkas"]
    hasil = HasilImpor()
    with transaction.atomic():
        isi = isi_ada()
        tautan_lama: list[tuple[str, str]] = []
        if isi:
            if not ganti:
                rincian = ", ".join(f"{k}: {v}" for k, v in isi.items())
                raise SemuaGagal(f"Basis data tidak kosong ({rincian}). Pemulihan hanya ke basis "
                                 "data kosong; pakai --ganti untuk menghapus SELURUH data "
                                 "anggaran dan laporan yang ada lalu menggantinya.")
            User = get_user_model()  # noqa: N806
            tautan_lama = list(User.opd.through.objects.values_list(
                "user__username", "perangkatdaerah__kode"))
            kosongkan()
        peta = _Peta()
        for t in TABEL_MASTER:
            hasil.jumlah[t.nama] = _impor_tabel(direktori, berkas[f"{t.nama}.csv"], t, peta)
        per_jenis = defaultdict(list)
        for nama, info in berkas.items():
            per_jenis[info.get("tabel")].append((nama, info))
        for jenis, fungsi in (
            ("anggaran", _impor_anggaran), ("realisasi", _impor_realisasi),
            ("fisik", lambda d, n, i, pt: _impor_fisik(d, n, i, pt, RealisasiFisik)),
            ("target_fisik", lambda d, n, i, pt: _impor_fisik(d, n, i, pt, TargetFisik)),
        ):
            hasil.jumlah[jenis] = sum(fungsi(direktori, nama, info, peta)
                                      for nama, info in sorted(per_jenis[jenis]))
        # Users: from pengguna.csv if exported with them; the others referenced by reports are
        # matched by username, or created inactive without a password.
        peta.muat_pengguna()
        if "pengguna.csv" in berkas:
            _impor_pengguna(direktori, berkas["pengguna.csv"], peta, hasil)
        hilang = sorted(u for u in _pengguna_dirujuk(direktori, manifest)
                        if (u,) not in peta.peta["pengguna"])
        if hilang:
            User = get_user_model()  # noqa: N806
            baru = [User(username=u, is_active=False) for u in hilang]
            for u in baru:
                u.set_unusable_password()
            User.objects.bulk_create(baru)
            peta.muat_pengguna()
            hasil.peringatan.append(
                f"{len(hilang)} pengguna yang tercatat di laporan tidak ada di SIAP ini; dibuat "
                f"sebagai akun nonaktif tanpa kata sandi: {', '.join(hilang)}")
        with _tanpa_auto_now(*(t.model for t in TABEL_LAPORAN)):
            for t in TABEL_LAPORAN:
                hasil.jumlah[t.nama] = _impor_tabel(direktori, berkas[f"{t.nama}.csv"], t, peta)
        if tautan_lama:
            _tautkan_opd([(u, peta.peta["opd"].get((k,))) for u, k in tautan_lama], peta)
    return hasil
