"""The monthly report grid as the template shows it: each line and sub kegiatan with what
was typed (or is stored), its figures and percentages, and the messages that concern it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.functional import cached_property

from lib.figures import persen
from lib.periode import nama_bulan
from lib.rupiah import desimal, format_angka

from ..forms import IsianLaporan, PermasalahanUbahForm
from ..gabung import FISIK, REALISASI
from ..isi import BarisIsi, IsiLaporan, SubIsi
from ..models import LaporanBulanan
from ..services import IsianBentrok
from ..validasi import Pesan, Tingkat

NOL = Decimal(0)


@dataclass
class JumlahGrid:
    """Sums of a group of lines as the grid shows them (this month's input beside the months
    before); the percentages are the Rakor's own (``lib.figures.persen``)."""

    pagu: Decimal = NOL
    ak_bulan_ini: Decimal = NOL
    ak_kumulatif: Decimal = NOL
    sebelumnya: Decimal = NOL
    bulan_ini: Decimal = NOL

    @property
    def kumulatif(self) -> Decimal:
        return self.sebelumnya + self.bulan_ini

    @property
    def persen_pagu(self) -> Decimal | None:
        return persen(self.kumulatif, self.pagu)

    @property
    def capaian(self) -> Decimal | None:
        return persen(self.kumulatif, self.ak_kumulatif)

    def tambah(self, b: BarisIsi, bulan_ini: Decimal) -> None:
        self.pagu += b.pagu
        self.ak_bulan_ini += b.ak_bulan_ini
        self.ak_kumulatif += b.ak_kumulatif
        self.sebelumnya += b.realisasi_sebelumnya
        self.bulan_ini += bulan_ini


@dataclass(frozen=True)
class Bentrok:
    """An input both the user and someone else changed, as the page offers the choice."""

    nama: str  # the radio group: "pilih-r-12"
    anda: str  # the user's value, as typed back into the input
    tersimpan: str
    oleh: str  # "Siti (operator.pupr) pada 06-12-2026 10.15"


def _bentrok(b: IsianBentrok | None, saya) -> Bentrok | None:
    if b is None:
        return None
    return Bentrok(f"pilih-{b.kunci[0]}-{b.kunci[1]}", _teks(b.anda), _teks(b.tersimpan),
                   b.pengubah.teks(saya) if b.pengubah else "impor data")


@dataclass
class BarisTampil:
    b: BarisIsi
    teks: str  # the input's value: what was typed, else what is stored
    jumlah: JumlahGrid
    salah: bool = False  # typed value unreadable or refused
    pesan: list[Pesan] = field(default_factory=list)
    bentrok: Bentrok | None = None  # changed here and elsewhere: the user chooses
    kosong: bool = False  # blank while anggaran kas is due: submission will refuse it

    @property
    def teks_tersimpan(self) -> str:
        """The stored value as the input shows it: what formulir.js counts unsaved inputs
        against when the page shows typed values after a refused save."""
        return _teks(self.b.realisasi)

    @property
    def sumber_dana(self) -> str:
        return self.b.sumber_dana.replace("_", " ")  # "DAK_FISIK" -> "DAK FISIK"

    @property
    def jenis_belanja(self) -> str:
        # the column header already says "Jenis belanja"
        return self.b.jenis_belanja_nama.removeprefix("Belanja ")

    @cached_property
    def mesin(self) -> dict[str, str]:
        """Machine-format figures for formulir.js, which recomputes the totals as one types."""
        return {"pagu": desimal(self.b.pagu), "akb": desimal(self.b.ak_bulan_ini),
                "ak": desimal(self.b.ak_kumulatif), "lalu": desimal(self.b.realisasi_sebelumnya)}


@dataclass
class SubTampil:
    s: SubIsi
    program_baru: bool
    kegiatan_baru: bool
    baris: list[BarisTampil]
    jumlah: JumlahGrid
    teks_fisik: str
    salah: bool = False
    pesan: list[Pesan] = field(default_factory=list)
    bentrok: Bentrok | None = None
    kosong: bool = False

    @property
    def teks_fisik_tersimpan(self) -> str:
        return _teks(self.s.fisik)

    @property
    def program(self) -> list[str]:
        return self.s.program.split(" ", 1)  # [kode, nama]

    @property
    def kegiatan(self) -> list[str]:
        return self.s.kegiatan.split(" ", 1)

    @property
    def permasalahan_terbuka(self) -> int:
        return sum(1 for p in self.s.permasalahan if p.status == "terbuka")


def _teks(nilai: Decimal | None) -> str:
    return "" if nilai is None else format_angka(nilai, 2)


def _di_tempat(pesan: list[Pesan], label: str) -> list[Pesan]:
    """Messages shown beside their own line need not repeat the line's name."""
    return [replace(p, pesan=p.pesan.removeprefix(label + ": ")) for p in pesan]


def grid(isi: IsiLaporan, isian: IsianLaporan | None, pesan: list[Pesan],
         bentrok: list[IsianBentrok] = (), kosong: list[Pesan] = (), saya=None
         ) -> tuple[list[SubTampil], JumlahGrid]:
    per_baris: dict[int, list[Pesan]] = {}
    per_sub: dict[int, list[Pesan]] = {}
    for p in pesan:
        if p.rincian_id is not None:
            per_baris.setdefault(p.rincian_id, []).append(p)
        elif p.sub_kegiatan_id is not None:
            per_sub.setdefault(p.sub_kegiatan_id, []).append(p)
    per_kunci = {b.kunci: b for b in bentrok}
    kosong_r = {p.rincian_id for p in kosong if p.rincian_id is not None}
    kosong_f = {p.sub_kegiatan_id for p in kosong if p.sub_kegiatan_id is not None}
    salah_r = {s.id for s in isian.salah if s.kolom == "r"} if isian else set()
    salah_f = {s.id for s in isian.salah if s.kolom == "f"} if isian else set()
    total, hasil = JumlahGrid(), []
    program = kegiatan = None
    for s in isi.sub:
        jumlah, baris = JumlahGrid(), []
        for b in s.baris:
            if isian and b.rincian_id in isian.teks_realisasi:
                teks = isian.teks_realisasi[b.rincian_id]
                nilai = isian.realisasi.get(b.rincian_id) or NOL
            else:
                teks, nilai = _teks(b.realisasi), b.realisasi or NOL
            j = JumlahGrid()
            j.tambah(b, nilai)
            jumlah.tambah(b, nilai)
            total.tambah(b, nilai)
            pb = per_baris.get(b.rincian_id, [])
            baris.append(BarisTampil(
                b=b, teks=teks, jumlah=j,
                pesan=_di_tempat(pb, f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}"),
                salah=b.rincian_id in salah_r or any(p.tingkat == Tingkat.GALAT for p in pb),
                bentrok=_bentrok(per_kunci.get((REALISASI, b.rincian_id)), saya),
                kosong=b.rincian_id in kosong_r,
            ))
        if isian and s.sub_kegiatan_id in isian.teks_fisik:
            teks_fisik = isian.teks_fisik[s.sub_kegiatan_id]
        else:
            teks_fisik = _teks(s.fisik)
        ps = per_sub.get(s.sub_kegiatan_id, [])
        hasil.append(SubTampil(
            s=s, program_baru=s.program != program,
            kegiatan_baru=s.program != program or s.kegiatan != kegiatan,
            baris=baris, jumlah=jumlah, teks_fisik=teks_fisik, pesan=_di_tempat(ps, s.label),
            salah=s.sub_kegiatan_id in salah_f or any(p.tingkat == Tingkat.GALAT for p in ps),
            bentrok=_bentrok(per_kunci.get((FISIK, s.sub_kegiatan_id)), saya),
            kosong=s.sub_kegiatan_id in kosong_f,
        ))
        program, kegiatan = s.program, s.kegiatan
    return hasil, total


def daftar_permasalahan(isi: IsiLaporan, lap: LaporanBulanan, form_ubah, ubah_pk,
                  dapat_mengisi: bool) -> list[dict]:
    """Each sub kegiatan's permasalahan — open ones and those closed this month or later —
    with the form to update each while the report is editable."""
    hasil = []
    for s in isi.sub:
        if not s.permasalahan:
            continue
        daftar = []
        for p in s.permasalahan:
            form = None
            if ubah_pk == p.pk:
                form = form_ubah
            elif dapat_mengisi and (p.status == "terbuka" or p.bulan_selesai == lap.bulan):
                form = PermasalahanUbahForm(prefix=f"pm{p.pk}", initial={
                    "bulan": lap.bulan, "tindak_lanjut": p.tindak_lanjut,
                    "penanggung_jawab": p.penanggung_jawab, "target_selesai": p.target_selesai,
                    "selesai": p.status == "selesai",
                })
            daftar.append({
                "p": p, "form": form, "galat": ubah_pk == p.pk,
                "sejak": f"{nama_bulan(p.bulan)} {lap.tahun.tahun}",
                "selesai": nama_bulan(p.bulan_selesai) if p.bulan_selesai else "",
            })
        hasil.append({"sub": s, "daftar": daftar})
    return hasil
