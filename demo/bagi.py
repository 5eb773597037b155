"""Exact apportionment of whole sen: the one tool that makes the demo's totals hold.

Every amount of the demo is an ``int`` of sen until it is stored. A total is split in
proportion to integer weights with the largest-remainder method, so the parts always add up
to the total exactly, whatever the rounding; ties go to the earlier part, so the result is
deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence


def bagi(total: int, bobot: Sequence[int], batas: Sequence[int] | None = None,
         satuan: int = 1) -> list[int]:
    """Split ``total`` in proportion to ``bobot``, no part above its ``batas``.

    Parts are multiples of ``satuan`` (e.g. 100 sen: whole rupiah) except that the odd
    remainder ``total % satuan`` goes to the largest part. A part whose proportional share
    exceeds its cap gets the cap and the rest is shared among the others (water-filling).
    Raises ``ValueError`` when the total cannot be placed (no weight, or caps too low).
    """
    n = len(bobot)
    if total < 0 or any(b < 0 for b in bobot):
        raise ValueError("total dan bobot tidak boleh negatif")
    batas = list(batas) if batas is not None else [None] * n
    hasil = [0] * n
    aktif = [i for i in range(n) if bobot[i] > 0 and (batas[i] is None or batas[i] > 0)]
    sisa = total
    while True:
        w = sum(bobot[i] for i in aktif)
        if w == 0:
            break
        penuh = {i for i in aktif if batas[i] is not None and sisa * bobot[i] > batas[i] * w}
        if not penuh:
            break
        for i in penuh:
            hasil[i] = batas[i]
            sisa -= batas[i]
        aktif = [i for i in aktif if i not in penuh]
    if sisa and not aktif:
        raise ValueError(f"tidak dapat membagi {total}: tidak ada bobot atau batas terlalu kecil")
    if not aktif:
        return hasil

    w = sum(bobot[i] for i in aktif)
    unit, ganjil = divmod(sisa, satuan)
    bagian = {i: unit * bobot[i] // w for i in aktif}
    kurang = unit - sum(bagian.values())
    urutan = sorted(aktif, key=lambda i: (-(unit * bobot[i] % w), i))
    for i in urutan:
        if kurang == 0:
            break
        if batas[i] is None or (bagian[i] + 1) * satuan <= batas[i]:
            bagian[i] += 1
            kurang -= 1
    for i in aktif:
        hasil[i] = bagian[i] * satuan

    # What is left (the odd sen, or units that hit a cap) goes to the largest parts first.
    lebih = kurang * satuan + ganjil
    for i in sorted(aktif, key=lambda i: (-hasil[i], i)):
        if lebih == 0:
            break
        ruang = lebih if batas[i] is None else min(lebih, batas[i] - hasil[i])
        hasil[i] += ruang
        lebih -= ruang
    if lebih:
        raise ValueError(f"tidak dapat membagi {total}: batas terlalu kecil")
    return hasil


def bulatkan(nilai: int, satuan: int) -> int:
    """``nilai`` rounded half up to a multiple of ``satuan`` (non-negative ints)."""
    return (nilai + satuan // 2) // satuan * satuan
