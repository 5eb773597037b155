"""The sentences of the Rakor POP, in the words the leaders use (see ``seeds/``).

Plain functions over plain figures: no database, no request. Every number goes through
``lib.rupiah`` so the sentence says exactly what the tables say.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from lib.periode import tanggal_panjang
from lib.rupiah import persen, rupiah


def kalimat_utama(
    batas: datetime.date,
    *,
    pagu: Decimal,
    target_anggaran_kas: Decimal,
    realisasi: Decimal,
    persen_realisasi: Decimal | None,
    persen_target: Decimal | None,
    capaian_anggaran_kas: Decimal | None,
) -> str:
    """The headline of the Rakor: realisasi against the pagu, then against the anggaran kas,
    e.g. "Realisasi s.d. 30 November 2025 mencapai Rp 839.535.848.290,34 (76,73%) dari target
    96,95% dengan pagu APBD Rp 1.094.182.195.169,02. Berdasarkan anggaran kas, capaian
    penyerapan anggaran mencapai Rp 839.535.848.290,34 (79,14%) dari target
    Rp 1.060.834.720.613,25 (100%)."

    Where a percentage cannot be computed (no pagu, or no anggaran kas yet) the sentence says
    so instead of printing "–"."""
    tanggal = tanggal_panjang(batas)
    if persen_realisasi is None or persen_target is None:
        return f"Belum ada pagu APBD yang berlaku s.d. {tanggal}."
    pertama = (
        f"Realisasi s.d. {tanggal} mencapai {rupiah(realisasi)} ({persen(persen_realisasi)}) "
        f"dari target {persen(persen_target)} dengan pagu APBD {rupiah(pagu)}."
    )
    if capaian_anggaran_kas is None:
        kedua = f"Anggaran kas s.d. {tanggal} belum menargetkan penyerapan."
    else:
        # "(100%)" is the seeds' wording for "the whole of the target", not a computed figure.
        kedua = (
            f"Berdasarkan anggaran kas, capaian penyerapan anggaran mencapai {rupiah(realisasi)} "
            f"({persen(capaian_anggaran_kas)}) dari target {rupiah(target_anggaran_kas)} (100%)."
        )
    return f"{pertama} {kedua}"
