"""Form A, Form B and RFK as tables of cells: the columns (header and kind) and, per row,
the values — taken from ``kinerja.bentuk`` as they are, never computed here — so that the
page and the spreadsheet show the same numbers. A row with several indicators is followed
by one row per further indicator, its money cells empty."""

from __future__ import annotations

from dataclasses import dataclass, field

from lib.figures_kinerja import Tertimbang
from lib.rupiah import KOSONG

from .bentuk import BarisBentuk, Bentuk

# (header, kind); kinds: teks, rp, persen, k (an indicator value), kategori, waktu
KOLOM_FORM = (
    ("Pagu (Rp)", "rp"), ("Bobot (%)", "persen"),
    ("Target fisik (%)", "persen"), ("Realisasi fisik (%)", "persen"),
    ("Fisik tertimbang (TTB)", "persen"),
    ("Target keuangan (Rp)", "rp"), ("Target keuangan (%)", "persen"),
    ("Realisasi keuangan (Rp)", "rp"), ("Realisasi keuangan (%)", "persen"),
    ("Keuangan tertimbang", "persen"),
    ("Sisa anggaran (Rp)", "rp"), ("Sisa anggaran (%)", "persen"),
)
KOLOM_RFK = (
    ("Anggaran (Rp)", "rp"), ("Realisasi keuangan (Rp)", "rp"), ("Capaian (%)", "persen"),
    ("RAK (%)", "persen"), ("Deviasi (%)", "persen"), ("Realisasi fisik (%)", "persen"),
    ("Nilai realisasi fisik (Rp)", "rp"), ("Bobot (%)", "persen"), ("TTB fisik", "persen"),
)
# Columns whose Σ over the rows is meaningful (the weights): header -> Tertimbang attribute.
JUMLAH = {"Bobot (%)": "bobot", "Fisik tertimbang (TTB)": "fisik_tertimbang",
          "TTB fisik": "fisik_tertimbang", "Keuangan tertimbang": "keuangan_tertimbang",
          "Nilai realisasi fisik (Rp)": "nilai_fisik"}
KOLOM_INDIKATOR = (("Indikator keluaran", "teks"), ("Satuan", "teks"), ("Target", "k"),
                   ("Realisasi", "k"), ("Capaian (%)", "persen"))


def sel_form(t: Tertimbang) -> list:
    a = t.angka
    return [a.pagu, t.bobot, a.target_fisik, a.fisik, t.fisik_tertimbang,
            a.target_anggaran_kas, a.persen_target, a.realisasi, a.persen_realisasi,
            t.keuangan_tertimbang, a.sisa_pagu, t.persen_sisa]


def sel_rfk(t: Tertimbang) -> list:
    a = t.angka
    return [a.pagu, a.realisasi, a.persen_realisasi, a.persen_target, a.deviasi, a.fisik,
            t.nilai_fisik, t.bobot, t.fisik_tertimbang]


@dataclass
class BarisTabel:
    tingkat: str
    kode: str
    nama: str
    sel: list[tuple]  # (value, kind)
    kunci: int | None = None
    lanjutan: bool = False  # a further indicator of the row above


@dataclass
class Tabel:
    judul: str
    kolom: list[tuple[str, str]]  # after "Kode" and the name
    kolom_nama: str
    baris: list[BarisTabel] = field(default_factory=list)
    total: list[tuple] = field(default_factory=list)
    label_total: str = "Jumlah"


def _pasang(nilai: list, kolom) -> list[tuple]:
    return [(v, k) for v, (_, k) in zip(nilai, kolom, strict=True)]


def _jumlah(b: Bentuk, kolom) -> list:
    """The total row: the whole's figures, with Σ in the weight columns."""
    sel_total = sel_form(b.total) if kolom is KOLOM_FORM else sel_rfk(b.total)
    return [b.jumlah.get(JUMLAH[label]) if label in JUMLAH else v
            for v, (label, _) in zip(sel_total, kolom, strict=True)]


def _indikator(b: BarisBentuk) -> list[list]:
    return [[k.indikator.uraian, k.indikator.satuan, k.indikator.target, k.tahun_ini,
             k.capaian] for k in b.indikator] or [[None] * len(KOLOM_INDIKATOR)]


def tabel_form_a(b: Bentuk) -> Tabel:
    kolom = [*KOLOM_FORM, *KOLOM_INDIKATOR]
    tabel = Tabel(f"Form A — {b.opd.nama}", kolom, "Program / kegiatan / sub kegiatan",
                  label_total=f"Jumlah {b.opd.nama}")
    kosong = [None] * len(KOLOM_FORM)
    for r in b.baris:
        for j, ind in enumerate(_indikator(r)):
            nilai = (sel_form(r.t) if j == 0 else kosong) + ind
            tabel.baris.append(BarisTabel(r.tingkat, r.kode if j == 0 else "",
                                          r.nama if j == 0 else "", _pasang(nilai, kolom),
                                          lanjutan=j > 0))
    tabel.total = _pasang(_jumlah(b, KOLOM_FORM) + [None] * len(KOLOM_INDIKATOR), kolom)
    return tabel


def tabel_form_b(b: Bentuk) -> Tabel:
    kolom = [*KOLOM_FORM, ("Rata-rata capaian kinerja (%)", "persen"), ("Predikat", "kategori")]
    tabel = Tabel("Form B — perangkat daerah", kolom, "Perangkat daerah",
                  label_total="Jumlah pemda")
    for r in b.baris:
        tabel.baris.append(BarisTabel(r.tingkat, r.kode, r.nama, _pasang(
            sel_form(r.t) + [r.rata_rata, r.predikat], kolom), kunci=r.kunci))
    tabel.total = _pasang(_jumlah(b, KOLOM_FORM) + [None, None], kolom)
    return tabel


def tabel_rfk(b: Bentuk) -> Tabel:
    """RFK of the pemda (per OPD, with the report's last submission and the verifier's
    note) or of one OPD (per sub kegiatan)."""
    if b.opd is not None:
        kolom = list(KOLOM_RFK)
        tabel = Tabel(f"RFK — {b.opd.nama}", kolom, "Program / kegiatan / sub kegiatan",
                      label_total=f"Jumlah {b.opd.nama}")
        for r in b.baris:
            tabel.baris.append(BarisTabel(r.tingkat, r.kode, r.nama,
                                          _pasang(sel_rfk(r.t), kolom)))
        tabel.total = _pasang(_jumlah(b, KOLOM_RFK), kolom)
        return tabel
    kolom = [*KOLOM_RFK, ("Update terakhir", "waktu"),
             ("Catatan Kabag Administrasi Pembangunan", "teks")]
    tabel = Tabel("RFK — realisasi fisik dan keuangan per SKPD", kolom, "Nama SKPD",
                  label_total="Jumlah pemda")
    for r in b.baris:
        tabel.baris.append(BarisTabel(r.tingkat, r.kode, r.nama, _pasang(
            sel_rfk(r.t) + [r.diperbarui, r.catatan or KOSONG], kolom), kunci=r.kunci))
    tabel.total = _pasang(_jumlah(b, KOLOM_RFK) + [None, ""], kolom)
    return tabel
