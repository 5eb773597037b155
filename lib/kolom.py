"""The columns of the Rakor figures, written once: the key (an attribute of
``lib.figures.Angka`` and the JSON/CSV field name — a public contract), the label of wide
outputs (XLSX), the short label of narrow ones (pages, PDF, terminal) and the format (``rp``
money, ``persen`` a percentage, ``poin`` percentage points, ``teks``). Pages, the PDF, the
XLSX, the CSV/JSON and the terminal table take their headers, order and formats from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kolom:
    kunci: str
    label: str
    label_pendek: str
    format: str  # "rp" | "persen" | "poin" | "teks"
    di_tabel: bool = True  # one of the columns of the Rakor tables on pages and in the PDF

    def __str__(self) -> str:
        return self.label_pendek


KOLOM_ANGKA: tuple[Kolom, ...] = (
    Kolom("pagu", "Pagu (Rp)", "Pagu (Rp)", "rp"),
    Kolom("target_anggaran_kas", "Target anggaran kas (Rp)", "Target anggaran kas (Rp)", "rp"),
    Kolom("realisasi", "Realisasi (Rp)", "Realisasi (Rp)", "rp"),
    Kolom("persen_realisasi", "% Realisasi", "% Real.", "persen"),
    Kolom("persen_target", "% Target", "% Target", "persen"),
    Kolom("capaian_anggaran_kas", "Capaian anggaran kas", "Capaian AK", "persen"),
    Kolom("deviasi", "Deviasi (poin)", "Deviasi (poin)", "poin"),
    Kolom("deviasi_rp", "Deviasi (Rp)", "Deviasi (Rp)", "rp", di_tabel=False),
    Kolom("sisa_pagu", "Sisa pagu (Rp)", "Sisa pagu (Rp)", "rp", di_tabel=False),
    Kolom("fisik", "Fisik", "Fisik", "persen"),
    Kolom("target_fisik", "Target fisik", "Target fisik", "persen", di_tabel=False),
)
KATEGORI = Kolom("kategori", "Kategori", "Kategori", "teks")

# The figure columns of the tables on pages and in the PDF, in order (Kategori follows).
KOLOM_TABEL: tuple[Kolom, ...] = tuple(k for k in KOLOM_ANGKA if k.di_tabel)

_MENURUT_KUNCI = {k.kunci: k for k in (*KOLOM_ANGKA, KATEGORI)}


def kolom(kunci: str) -> Kolom:
    """The column of ``kunci``; a key not in the specification is an error, not a blank."""
    try:
        return _MENURUT_KUNCI[kunci]
    except KeyError:
        raise KeyError(f"kolom {kunci!r} tidak ada di lib.kolom") from None
