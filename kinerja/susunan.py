"""The rows of an OPD's Renja as the forms list them: each program, then its kegiatan, each
followed by its sub kegiatan, in code order — the budgeted sub kegiatan and whatever carries
an indicator (an indicator is never dropped because its sub kegiatan lost its budget)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from budget.models import SubKegiatan

from .models import IndikatorKinerja, Tingkat

URUT_TINGKAT = {Tingkat.PROGRAM: 0, Tingkat.KEGIATAN: 1, Tingkat.SUB_KEGIATAN: 2}


@dataclass
class BarisRenja:
    tingkat: str
    kunci: int  # id of the program, kegiatan or sub kegiatan
    kode: str
    nama: str
    indikator: list[IndikatorKinerja] = field(default_factory=list)
    sub: list[int] = field(default_factory=list)  # ids of the sub kegiatan under it

    @property
    def label_tingkat(self) -> str:
        return Tingkat(self.tingkat).label


def indikator_opd(tahun: int, opd_id: int | None = None, *, tingkat: Iterable[str] | None = None):
    """The indicators of a year (one OPD's, or all), with their nomenclature, in one query."""
    qs = IndikatorKinerja.objects.filter(tahun__tahun=tahun).select_related(
        "opd", "program", "kegiatan__program", "sub_kegiatan__kegiatan__program")
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    if tingkat is not None:
        qs = qs.filter(tingkat__in=list(tingkat))
    return qs.order_by("opd__kode", "nomor", "pk")


def susun(sub_kegiatan: Iterable[SubKegiatan], indikator: Iterable[IndikatorKinerja], *,
          dengan_sub: bool = True) -> list[BarisRenja]:
    """The rows for the given sub kegiatan (with ``kegiatan__program`` selected) and
    indicators, programs and kegiatan included; ``dengan_sub=False`` stops at kegiatan (the
    RKPD's level, E.79). Indicators keep their order (``nomor``)."""
    baris: dict[tuple[str, int], BarisRenja] = {}

    def tambah(tingkat: str, obj) -> BarisRenja:
        k = (tingkat, obj.pk)
        if k not in baris:
            baris[k] = BarisRenja(tingkat, obj.pk, obj.kode, obj.nama)
        return baris[k]

    def rantai(sub: SubKegiatan) -> None:
        keg = sub.kegiatan
        b_prog = tambah(Tingkat.PROGRAM, keg.program)
        b_keg = tambah(Tingkat.KEGIATAN, keg)
        if sub.pk not in b_keg.sub:
            b_prog.sub.append(sub.pk)
            b_keg.sub.append(sub.pk)
        if dengan_sub:
            b_sub = tambah(Tingkat.SUB_KEGIATAN, sub)
            if sub.pk not in b_sub.sub:
                b_sub.sub.append(sub.pk)

    for s in sub_kegiatan:
        rantai(s)
    for ind in indikator:
        if ind.tingkat == Tingkat.SUB_KEGIATAN:
            if not dengan_sub:
                continue
            rantai(ind.sub_kegiatan)
            b = baris[(Tingkat.SUB_KEGIATAN, ind.sub_kegiatan_id)]
        elif ind.tingkat == Tingkat.KEGIATAN:
            tambah(Tingkat.PROGRAM, ind.kegiatan.program)
            b = tambah(Tingkat.KEGIATAN, ind.kegiatan)
        else:
            b = tambah(Tingkat.PROGRAM, ind.program)
        b.indikator.append(ind)
    # "1.02.02" < "1.02.02.2.01" < "1.02.02.2.01.0001": the code order is the tree order.
    return sorted(baris.values(), key=lambda b: (b.kode, URUT_TINGKAT[b.tingkat]))
