"""The report form after a conflict: the user's choice for each input both sides changed, and
what the page shows again (``reporting.gabung`` does the merging itself)."""

from __future__ import annotations

from ..forms import PILIH_TERSIMPAN, IsianLaporan
from ..gabung import Kunci
from ..jejak import Pengubah


def pilihan_diterapkan(isian: IsianLaporan) -> list[Kunci]:
    """Apply the choices made on a conflict page: an input left at the stored value is not
    written. Returns the inputs still awaiting a choice."""
    belum = []
    for k in isian.bentrok:
        pilihan = isian.pilihan.get(k)
        if pilihan is None:
            belum.append(k)
        elif pilihan == PILIH_TERSIMPAN:
            isian.tanpa(k)
    return belum


def setelah_konflik(isian: IsianLaporan) -> None:
    """Before showing the page again after a conflict: an input the user did not change shows
    what is stored now (someone else's change included), not the page's old value."""
    if isian.semula is None:
        return
    for k, asal in isian.semula.items():
        teks = isian.teks_realisasi if k[0] == "r" else isian.teks_fisik
        if k[1] in teks and isian.nilai(k) == asal:
            isian.tanpa(k)


def teks_diubah_lain(daftar: list[tuple[str, Pengubah | None]], saya) -> str:
    """The notice after a save merged with someone else's changes."""
    siapa = sorted({p.teks(saya) for _, p in daftar if p})
    contoh = ", ".join(label for label, _ in daftar[:3])
    lagi = f" dan {len(daftar) - 3} lainnya" if len(daftar) > 3 else ""
    return (f"Sejak halaman Anda dibuka, {len(daftar)} isian lain diubah oleh "
            f"{'; '.join(siapa) or 'impor data'} ({contoh}{lagi}); nilai itu dipertahankan, "
            f"isian Anda yang lain disimpan.")
