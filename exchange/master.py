"""Looking up (and with ``--buat-master`` creating) the masters that import rows refer to."""

from __future__ import annotations

import re

from budget.models import (
    BidangUrusan,
    JenisBelanja,
    JenisOPD,
    Kegiatan,
    KelompokBelanja,
    PerangkatDaerah,
    Program,
    SubKegiatan,
    SumberDana,
    Urusan,
)

POLA_OPD = re.compile(r"^[0-9]+(\.[0-9]+)*$")
POLA_SUB = re.compile(r"^[0-9X]\.[0-9X]{2}\.[0-9]{2}\.[0-9]\.[0-9]{2}\.[0-9]{4}$")
POLA_JENIS_BELANJA = re.compile(r"^5\.[1-4]\.[0-9]{2}$")

KELOMPOK = {
    "5.1": KelompokBelanja.OPERASI,
    "5.2": KelompokBelanja.MODAL,
    "5.3": KelompokBelanja.TIDAK_TERDUGA,
    "5.4": KelompokBelanja.TRANSFER,
}
NAMA_JENIS_BELANJA = {
    "5.1.01": "Belanja Pegawai",
    "5.1.02": "Belanja Barang dan Jasa",
    "5.1.05": "Belanja Hibah",
    "5.1.06": "Belanja Bantuan Sosial",
    "5.2.01": "Belanja Modal Tanah",
    "5.2.02": "Belanja Modal Peralatan dan Mesin",
    "5.2.03": "Belanja Modal Gedung dan Bangunan",
    "5.2.04": "Belanja Modal Jalan, Jaringan dan Irigasi",
    "5.2.05": "Belanja Modal Aset Tetap Lainnya",
    "5.2.06": "Belanja Modal Aset Lainnya",
    "5.3.01": "Belanja Tidak Terduga",
    "5.4.01": "Belanja Bagi Hasil",
    "5.4.02": "Belanja Bantuan Keuangan",
}
NAMA_SUMBER_DANA = {
    "PAD": "Pendapatan Asli Daerah",
    "DAU": "Dana Alokasi Umum",
    "DBH": "Dana Bagi Hasil",
    "DAK FISIK": "DAK Fisik",
    "DAK NON FISIK": "DAK Non Fisik",
    "DID": "Dana Insentif Daerah",
    "SILPA": "SiLPA",
}
# The first word(s) of an OPD's name give its kind; anything else is a dinas.
_JENIS_OPD = [
    ("sekretariat", JenisOPD.SEKRETARIAT),
    ("dinas", JenisOPD.DINAS),
    ("badan", JenisOPD.BADAN),
    ("inspektorat", JenisOPD.INSPEKTORAT),
    ("rsud", JenisOPD.RSUD),
    ("rumah sakit", JenisOPD.RSUD),
    ("kecamatan", JenisOPD.KECAMATAN),
    ("uptd", JenisOPD.UPTD),
    ("puskesmas", JenisOPD.UPTD),
]


def jenis_opd(nama: str) -> str:
    n = nama.strip().lower()
    for awalan, jenis in _JENIS_OPD:
        if n.startswith(awalan):
            return jenis
    return JenisOPD.DINAS


class Master:
    """All masters by code, loaded with one query per table; ``baru_*`` collects the ones
    ``--buat-master`` will create, so a dry run can count them without writing."""

    def __init__(self):
        self.opd = {o.kode: o for o in PerangkatDaerah.objects.all()}
        self.sub = {s.kode: s for s in SubKegiatan.objects.all()}
        self.sd = {s.kode: s for s in SumberDana.objects.all()}
        self.jb = {j.kode: j for j in JenisBelanja.objects.all()}
        self.baru_opd: dict[str, str] = {}
        self.baru_sub: dict[str, str] = {}
        self.baru_sd: set[str] = set()
        self.baru_jb: set[str] = set()

    def ada(self, jenis: str, kode: str) -> bool:
        return kode in getattr(self, jenis) or kode in getattr(self, "baru_" + jenis)

    def hitung_baru(self) -> dict[str, int]:
        return {
            "perangkat daerah": len(self.baru_opd),
            "sub kegiatan": len(self.baru_sub),
            "sumber dana": len(self.baru_sd),
            "jenis belanja": len(self.baru_jb),
        }

    def buat(self) -> None:
        """Create what was collected (inside the caller's transaction)."""
        for kode, nama in self.baru_opd.items():
            self.opd[kode] = PerangkatDaerah.objects.create(kode=kode, nama=nama, jenis=jenis_opd(nama))
        for kode, nama in self.baru_sub.items():
            self.sub[kode] = _buat_sub(kode, nama)
        urutan = max((s.urutan for s in self.sd.values()), default=0)
        for i, kode in enumerate(sorted(self.baru_sd), start=1):
            self.sd[kode] = SumberDana.objects.create(
                kode=kode, nama=NAMA_SUMBER_DANA.get(kode.upper(), kode), urutan=urutan + i
            )
        for kode in sorted(self.baru_jb):
            self.jb[kode] = JenisBelanja.objects.create(
                kode=kode, nama=NAMA_JENIS_BELANJA.get(kode, f"Belanja {kode}"),
                kelompok=KELOMPOK[kode[:3]],
            )
        self.baru_opd, self.baru_sub, self.baru_sd, self.baru_jb = {}, {}, set(), set()


def _buat_sub(kode: str, nama: str) -> SubKegiatan:
    """The sub kegiatan with its chain of parents; a missing parent gets a generic name."""
    p = kode.split(".")
    urusan = Urusan.objects.get_or_create(kode=p[0], defaults={"nama": f"Urusan {p[0]}"})[0]
    k = ".".join(p[:2])
    bidang = BidangUrusan.objects.get_or_create(
        kode=k, defaults={"nama": f"Bidang Urusan {k}", "urusan": urusan}
    )[0]
    k = ".".join(p[:3])
    program = Program.objects.get_or_create(kode=k, defaults={"nama": f"Program {k}", "bidang": bidang})[0]
    k = ".".join(p[:5])
    kegiatan = Kegiatan.objects.get_or_create(
        kode=k, defaults={"nama": f"Kegiatan {k}", "program": program}
    )[0]
    return SubKegiatan.objects.create(kode=kode, nama=nama, kegiatan=kegiatan)
