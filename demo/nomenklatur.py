"""The demo's nomenclature tree (Permendagri 90/2019, Kepmendagri 050-5889/2021).

Written as an outline so each code is typed once and every child code is its parent's code
plus a suffix — the rule ``_Nomenklatur.clean()`` checks::

    1.03.10 PROGRAM PENYELENGGARAAN JALAN            <- program, full code
      2.01 Penyelenggaraan Jalan Kabupaten/Kota      <- kegiatan 1.03.10.2.01
        0002 Pembangunan Jalan | jalan 22            <- sub kegiatan 1.03.10.2.01.0002

After ``|``: the profil (``profil.py``), the relative size in its OPD, and ``wajib`` when every
OPD has it every year. The penunjang program ``X.XX.01`` is the same in every OPD, so it is
written once (``PENUNJANG``) and instantiated under each OPD's main bidang urusan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import program_lain, program_layanan
from .master import BIDANG_URUSAN, URUSAN
from .profil import PROFIL

NAMA_PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"

PENUNJANG = """
  2.01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah
    0001 Penyusunan Dokumen Perencanaan Perangkat Daerah | kantor 1.5 wajib
    0006 Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD | kantor 0.6
    0007 Evaluasi Kinerja Perangkat Daerah | kantor 0.6
  2.02 Administrasi Keuangan Perangkat Daerah
    0001 Penyediaan Gaji dan Tunjangan ASN | gaji 1 wajib
    0002 Penyediaan Administrasi Pelaksanaan Tugas ASN | kantor 2.5 wajib
    0005 Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD | kantor 0.5
  2.05 Administrasi Kepegawaian Perangkat Daerah
    0009 Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi | kantor 0.8
  2.06 Administrasi Umum Perangkat Daerah
    0001 Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor | kantor 0.4
    0002 Penyediaan Peralatan dan Perlengkapan Kantor | kantor 1.2
    0004 Penyediaan Bahan Logistik Kantor | kantor 1.5
    0005 Penyediaan Barang Cetakan dan Penggandaan | kantor 0.8
    0006 Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan | kantor 0.2
    0008 Fasilitasi Kunjungan Tamu | kantor 0.6
    0009 Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD | kantor 3.5 wajib
  2.07 Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah
    0002 Pengadaan Kendaraan Dinas Operasional atau Lapangan | alat 3
    0005 Pengadaan Mebel | alat 0.8
    0006 Pengadaan Peralatan dan Mesin Lainnya | alat 1.2
    0010 Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya | gedung_kantor 2.5
  2.08 Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah
    0001 Penyediaan Jasa Surat Menyurat | kantor 0.2 wajib
    0002 Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik | kantor 1.8 wajib
    0004 Penyediaan Jasa Pelayanan Umum Kantor | kantor 3.5
  2.09 Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah
    0002 Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan | pelihara 1
    0006 Pemeliharaan Peralatan dan Mesin Lainnya | pelihara 0.6
    0009 Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya | pelihara 2
"""  # noqa: E501


@dataclass(frozen=True)
class SubDemo:
    kode: str
    nama: str
    profil: str
    bobot: int  # relative size within its OPD, per mille
    wajib: bool = False
    penunjang: bool = False  # from the common penunjang template

    @property
    def kegiatan(self) -> str:
        return self.kode.rsplit(".", 1)[0]


@dataclass
class Nomenklatur:
    urusan: dict[str, str] = field(default_factory=dict)
    bidang: dict[str, str] = field(default_factory=dict)
    program: dict[str, str] = field(default_factory=dict)
    kegiatan: dict[str, str] = field(default_factory=dict)
    sub: dict[str, SubDemo] = field(default_factory=dict)

    def tambah(self, tingkat: dict, kode: str, nama: str) -> None:
        if tingkat.get(kode, nama) != nama:
            raise ValueError(f"Kode {kode} bernama ganda: {tingkat[kode]!r} dan {nama!r}")
        tingkat[kode] = nama


def _urai(teks: str, nom: Nomenklatur, program: str | None = None,
          penunjang: bool = False) -> None:
    """Read an outline into ``nom``; ``program`` is the code for indented-only text."""
    kegiatan = None
    for nomor, baris in enumerate(teks.splitlines(), start=1):
        if not baris.strip():
            continue
        indent = len(baris) - len(baris.lstrip(" "))
        isi, _, ekor = baris.strip().partition(" | ")
        kode, _, nama = isi.partition(" ")
        if indent == 0:
            program, kegiatan = kode, None
            nom.tambah(nom.program, program, nama)
        elif indent == 2 and program:
            kegiatan = f"{program}.{kode}"
            nom.tambah(nom.kegiatan, kegiatan, nama)
        elif indent == 4 and kegiatan:
            profil, bobot, *tanda = ekor.split()
            if profil not in PROFIL:
                raise ValueError(f"baris {nomor}: profil tidak dikenal {profil!r}")
            sub = SubDemo(f"{kegiatan}.{kode}", nama, profil, int(Decimal(bobot) * 1000),
                          wajib="wajib" in tanda, penunjang=penunjang)
            if sub.kode in nom.sub:
                raise ValueError(f"baris {nomor}: sub kegiatan {sub.kode} ganda")
            nom.sub[sub.kode] = sub
        else:
            raise ValueError(f"baris {nomor}: indentasi tidak dikenal: {baris!r}")


def buat_nomenklatur(bidang_opd: set[str]) -> Nomenklatur:
    """The tree: the programs of the outlines plus the penunjang program of each main
    bidang urusan in ``bidang_opd`` (e.g. {"1.02", "7.01"})."""
    nom = Nomenklatur()
    for bidang in sorted(bidang_opd):
        program = f"{bidang}.01"
        nom.tambah(nom.program, program, NAMA_PENUNJANG)
        _urai(PENUNJANG, nom, program=program, penunjang=True)
    _urai(program_layanan.TEKS, nom)
    _urai(program_lain.TEKS, nom)
    for kode in nom.program:
        bidang = kode[:4]
        nom.bidang[bidang] = BIDANG_URUSAN[bidang]
        nom.urusan[kode[0]] = URUSAN[kode[0]]
    return nom


def sub_opd(nom: Nomenklatur, bidang: str, program_kode: tuple[str, ...]) -> list[SubDemo]:
    """The sub kegiatan an OPD may budget: its penunjang ones and those of its programs."""
    hasil = [s for s in nom.sub.values() if s.penunjang and s.kode.startswith(bidang + ".01.")]
    for s in nom.sub.values():
        if not s.penunjang and any(s.kode == p or s.kode.startswith(p + ".")
                                   for p in program_kode):
            hasil.append(s)
    return hasil
