"""A save from a page that may be out of date, merged field by field — plain functions.

Each input of a report (a line's realisasi, a sub kegiatan's fisik) is seen three ways: the
value the page showed when it was loaded (``semula``), the value the user sends (``baru``) and
the value stored now (``kini``, the draft over the official value). Then:

- ``baru == semula``: the page did not change it — never written, whatever is stored now (a
  stale page can no longer write its old value over someone else's);
- ``baru != semula`` and ``kini == semula``: only this page changed it — written;
- ``baru != semula`` and ``kini != semula``: both changed it — a conflict, shown side by side
  for the user to choose (unless both typed the same value: nothing to do).

Where the page's original value is not known (an API client that did not send it), it is taken
to be the stored value only when the report's revision has not moved since the page was read;
otherwise a differing value is a conflict rather than a guess.

``None`` is a field left blank, distinct from a typed zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

Kunci = tuple[str, int]  # ("r", rincian id) | ("f", sub kegiatan id)
Nilai = Decimal | None
REALISASI = "r"
FISIK = "f"


@dataclass(frozen=True)
class Konflik:
    kunci: Kunci
    anda: Nilai  # what this page sends
    tersimpan: Nilai  # what someone else stored since the page was loaded


@dataclass
class Gabungan:
    tulis: dict[Kunci, Nilai] = field(default_factory=dict)  # changed by this page only
    konflik: list[Konflik] = field(default_factory=list)
    # Changed by someone else since the page was loaded and kept as they left it.
    diubah_lain: list[Kunci] = field(default_factory=list)

    def tulis_kolom(self, kolom: str) -> dict[int, Nilai]:
        """What to write of one column, keyed by id: {rincian id: amount} for ``"r"``."""
        return {k[1]: v for k, v in self.tulis.items() if k[0] == kolom}


def gabung(baru: Mapping[Kunci, Nilai], kini: Mapping[Kunci, Nilai],
           semula: Mapping[Kunci, Nilai] | None, *, revisi_sama: bool) -> Gabungan:
    """Merge ``baru`` into ``kini`` against ``semula`` (see the module's docstring). Keys
    missing from ``kini`` are blank; keys missing from ``semula`` have no known original."""
    semula = semula or {}
    hasil = Gabungan()
    for k in sorted(set(baru) | set(semula)):
        sekarang = kini.get(k)
        if k in semula:
            asal = semula[k]
        elif revisi_sama:
            asal = sekarang
        else:  # original unknown and the report has moved on: never guess
            if k in baru and baru[k] != sekarang:
                hasil.konflik.append(Konflik(k, baru[k], sekarang))
            continue
        berubah_lain = sekarang != asal
        if k not in baru or baru[k] == asal:
            if berubah_lain:
                hasil.diubah_lain.append(k)
        elif not berubah_lain:
            hasil.tulis[k] = baru[k]
        elif baru[k] != sekarang:
            hasil.konflik.append(Konflik(k, baru[k], sekarang))
    return hasil
