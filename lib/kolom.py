"""The columns of the Rakor figures, written once: the key (an attribute of
``lib.figures.Angka`` and the JSON/CSV field name — a public contract), the label of wide
outputs (XLSX), the short label of narrow ones (pages, PDF, terminal) and the format (``rp``
money, ``persen`` a percentage, ``poin`` percentage points, ``teks``). Pages, the PDF, the
XLSX, the CSV/JSON and the terminal table take their headers, order and formats from here.

A table cell is written from the same specification (``Kolom.tulis``): money without "Rp" (the
header carries the unit), a percentage with its sign, points as a number; ``utama`` marks the
figure a table stresses (capaian, in bold) and ``catatan`` the figure shown small under a cell
on screen (the target beside the realisasi fisik).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lib import rupiah as _rp


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: str
    label_pendek: str
    format: str  # "rp" | "persen" | "poin" | "teks"
    di_tabel: bool = True  # one of the columns of the Rakor tables on pages and in the PDF
    utama: bool = False  # the figure a table stresses (bold in group rows)
    catatan: str = ""  # key of a figure shown small under the cell on screen
    label_catatan: str = ""
    definisi: str = ""  # how it is computed, in words (the API's field description)

    def __str__(self) -> str:
        return self.label_pendek

    def nilai(self, angka) -> Decimal | None:
        return getattr(angka, self.kunci)

    def tulis(self, angka) -> str:
        """The cell of this column for ``angka`` (a ``lib.figures.Angka``), "–" when the
        figure cannot be computed."""
        return tulis_nilai(self.format, self.nilai(angka))


KOLOM_ANGKA: tuple[Kolom, ...] = (
    Kolom("pagu", "Pagu (Rp)", "Pagu (Rp)", "rp",
          definisi="pagu pada versi anggaran yang berlaku"),
    Kolom("target_anggaran_kas", "Target anggaran kas (Rp)", "Target anggaran kas (Rp)", "rp",
          definisi="anggaran kas kumulatif bulan 1 s.d. bulan batas"),
    Kolom("realisasi", "Realisasi (Rp)", "Realisasi (Rp)", "rp",
          definisi="realisasi keuangan kumulatif s.d. bulan batas"),
    Kolom("persen_realisasi", "% Realisasi", "% Real.", "persen",
          definisi="realisasi ÷ pagu × 100"),
    Kolom("persen_target", "% Target", "% Target", "persen",
          definisi="target anggaran kas ÷ pagu × 100"),
    Kolom("capaian_anggaran_kas", "Capaian anggaran kas", "Capaian AK", "persen", utama=True,
          definisi="realisasi ÷ target anggaran kas × 100"),
    Kolom("deviasi", "Deviasi (poin)", "Deviasi (poin)", "poin",
          definisi="persen target − persen realisasi; positif berarti tertinggal dari target"),
    Kolom("deviasi_rp", "Deviasi (Rp)", "Deviasi (Rp)", "rp", di_tabel=False,
          definisi="target anggaran kas − realisasi"),
    Kolom("sisa_pagu", "Sisa pagu (Rp)", "Sisa pagu (Rp)", "rp", di_tabel=False,
          definisi="pagu − realisasi"),
    Kolom("fisik", "Fisik", "Fisik", "persen", catatan="target_fisik", label_catatan="target",
          definisi="realisasi fisik kumulatif, rata-rata tertimbang pagu"),
    Kolom("target_fisik", "Target fisik", "Target fisik", "persen", di_tabel=False,
          definisi="target fisik, rata-rata tertimbang pagu"),
)
KATEGORI = Kolom("kategori", "Kategori", "Kategori", "teks")

# The figure columns of the tables on pages and in the PDF, in order (Kategori follows).
KOLOM_TABEL: tuple[Kolom, ...] = tuple(k for k in KOLOM_ANGKA if k.di_tabel)

_MENURUT_KUNCI = {k.kunci: k for k in (*KOLOM_ANGKA, KATEGORI)}


def tulis_nilai(format: str, nilai: Decimal | None) -> str:
    """One figure as a table cell in the given format (see ``Kolom.format``)."""
    if nilai is None:
        return _rp.KOSONG
    if format == "persen":
        return _rp.persen(nilai)
    if format in ("rp", "poin"):
        return _rp.format_angka(nilai, 2)
    raise ValueError(f"format kolom {format!r} tidak dikenal")


def kolom_tabel(kunci: str | None = None) -> tuple[Kolom, ...]:
    """The figure columns of a Rakor table in the specification's order; ``kunci`` (keys
    separated by spaces) keeps only those, for a table that shows some of them."""
    if not kunci:
        return KOLOM_TABEL
    dipilih = set(kunci.split())
    for k in dipilih:
        if not kolom(k).di_tabel:  # an unknown key is an error, not a missing column
            raise KeyError(f"kolom {k!r} bukan kolom tabel Rakor (lib.kolom: di_tabel=False)")
    return tuple(k for k in KOLOM_TABEL if k.kunci in dipilih)


def kolom(kunci: str) -> Kolom:
    """The column of ``kunci``; a key not in the specification is an error, not a blank."""
    try:
        return _MENURUT_KUNCI[kunci]
    except KeyError:
        raise KeyError(f"kolom {kunci!r} tidak ada di lib.kolom") from None
