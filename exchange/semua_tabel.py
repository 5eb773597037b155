"""The full export's format (``siap ekspor-semua`` / ``siap impor-semua``): the manifest's
constants, every table with its columns and natural-key references, which models are exported
or left out and why, the deletion order of ``--ganti``, and the two helpers both directions
share (a value as CSV text, a file's sha256). ``semua_ekspor`` writes it, ``semua_impor`` reads
it back; ``semua`` is the entry point."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

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

from .sipd.semua import SIPD_DIKECUALIKAN

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


def ref_laporan(medan: str = "laporan_id") -> Ref:
    return Ref(("tahun", "kode_opd", "bulan"), medan, "laporan",
               ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan"))


def ref_oleh() -> Ref:
    return Ref(("oleh",), "oleh_id", "pengguna", ("oleh__username",))


REF_TAHUN = Ref(("tahun",), "tahun_id", "tahun", ("tahun__tahun",))
REF_OPD = Ref(("kode_opd",), "opd_id", "opd", ("opd__kode",))
REF_SUB = Ref(("kode_sub_kegiatan",), "sub_kegiatan_id", "sub", ("sub_kegiatan__kode",))

# Import order: a table comes after every table it refers to.
TABEL_MASTER = (
    Tabel("pemda", Pemda, (Kolom("nama", "nama"), Kolom("provinsi", "provinsi"),
                           Kolom("ibu_kota", "ibu_kota"),
                           Kolom("data_sintetis", "data_sintetis", "bool"))),
    Tabel("tahun_anggaran", TahunAnggaran, (Kolom("tahun", "tahun", "int"),), "tahun", ("tahun",)),
    Tabel("versi_anggaran", VersiAnggaran, (
        REF_TAHUN, Kolom("jenis", "jenis"), Kolom("nama", "nama"),
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
        REF_TAHUN, REF_OPD, REF_SUB,
        Ref(("kode_sumber_dana",), "sumber_dana_id", "sd", ("sumber_dana__kode",)),
        Ref(("kode_jenis_belanja",), "jenis_belanja_id", "jb", ("jenis_belanja__kode",)),
    ), "rincian", ("tahun__tahun", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode",
                   "jenis_belanja__kode")),
)
TABEL_LAPORAN = (
    Tabel("periode_pelaporan", PeriodePelaporan, (
        REF_TAHUN, Kolom("bulan", "bulan", "bulan"),
        Kolom("batas_lapor", "batas_lapor", "waktu", null=True),
        Kolom("dikunci", "dikunci", "bool"),
    ), None, ("tahun__tahun", "bulan")),
    Tabel("laporan_bulanan", LaporanBulanan, (
        REF_TAHUN, REF_OPD, Kolom("bulan", "bulan", "bulan"), Kolom("status", "status"),
        Kolom("revisi", "revisi", "int"),
        Kolom("pertama_diajukan_pada", "pertama_diajukan_pada", "waktu", null=True),
        Kolom("diajukan_pada", "diajukan_pada", "waktu", null=True),
        Kolom("diverifikasi_pada", "diverifikasi_pada", "waktu", null=True),
        Kolom("catatan_verifikator", "catatan_verifikator"),
        Kolom("diubah_pada", "diubah_pada", "waktu"),
    ), "laporan", ("tahun__tahun", "opd__kode", "bulan")),
    Tabel("riwayat_laporan", RiwayatLaporan, (
        ref_laporan(), Kolom("dari", "dari"), Kolom("ke", "ke"), ref_oleh(),
        Kolom("pada", "pada", "waktu"), Kolom("catatan", "catatan"),
    ), None, ("pk",)),
    Tabel("snapshot_laporan", SnapshotLaporan, (
        ref_laporan(), Kolom("nomor", "nomor", "int"), Kolom("dibuat_pada", "dibuat_pada", "waktu"),
        ref_oleh(), Kolom("data", "data", "json"),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan", "nomor")),
    Tabel("penjelasan_peringatan", PenjelasanPeringatan, (
        ref_laporan(), Kolom("kode", "kode"), Kolom("teks", "teks"), ref_oleh(),
        Kolom("pada", "pada", "waktu"),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan", "kode")),
    Tabel("permasalahan", Permasalahan, (
        REF_TAHUN, REF_OPD, REF_SUB, Kolom("bulan", "bulan", "bulan"), Kolom("kategori", "kategori"),
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


def teks_sel(v) -> str:
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


def sha256_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            h.update(potong)
    return h.hexdigest()
