"""Reading a full export back (``siap impor-semua``): the manifest checked against the files,
each CSV as rows with every conversion error named by file, row, column and value, and the
natural keys of the restored rows mapped to their new ids."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator
from pathlib import Path

from django.contrib.auth import get_user_model

from budget.models import (
    BidangUrusan,
    JenisBelanja,
    Kegiatan,
    PerangkatDaerah,
    Program,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    Urusan,
    VersiAnggaran,
)
from reporting.models import LaporanBulanan

from . import nilai
from .semua_tabel import (
    FORMAT,
    MANIFEST,
    TABEL_LAPORAN,
    TABEL_MASTER,
    VERSI_FORMAT,
    Ref,
    SemuaGagal,
    sha256_berkas,
    teks_sel,
)


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
        elif sha256_berkas(p) != info.get("sha256"):
            galat.append(f"Berkas {nama}: checksum sha256 tidak cocok dengan {MANIFEST}; berkas "
                         "berubah atau rusak sejak diekspor.")
    if galat:
        raise SemuaGagal(galat)
    return m


class Pembaca:
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
                d = nilai.baca_angka_sel(v, "polos")
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


class PetaKunci:
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
        self.peta[nama] = {tuple(teks_sel(x) for x in k): pk for pk, *k in
                           model._default_manager.values_list("pk", *jalur)}

    def muat_pengguna(self) -> None:
        self.peta["pengguna"] = {(u,): pk for pk, u in
                                 get_user_model().objects.values_list("pk", "username")}

    def cari(self, pembaca: Pembaca, ref: Ref, baris: dict[str, str]) -> int | None:
        kunci = tuple(baris[k] for k in ref.kolom)
        if ref.null and all(k == "" for k in kunci):
            return None
        pk = self.peta[ref.peta].get(kunci)
        if pk is None:
            pembaca.salah(", ".join(ref.kolom), " · ".join(kunci),
                          "tidak ada di data yang dipulihkan (rujukan tidak dikenal)")
        return pk
