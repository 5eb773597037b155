"""The sumber dana split: SIPD's rows carry no sumber dana, SIAP's lines do.

Where an (OPD, sub kegiatan, jenis belanja) has lines in several sumber dana, an amount of the
group is split over its lines **in proportion to a weight per line, in whole sen, by largest
remainder**: each line first gets the whole sen of its exact share, the sen left over go one
each to the lines with the largest fractions, ties to the line that comes first (sumber dana in
SIAP's order: ``SumberDana.urutan``, then code). The parts add up to the amount exactly and no
part exceeds its weight when the amount does not exceed the sum of the weights.

- Realisasi: the month's amount of the group (SIPD cumulative − SIAP cumulative up to the month
  before) is split by each line's **sisa pagu** (pagu of the version in force at the cut-off −
  its realisasi up to the month before), so no line is driven over its pagu.
- Anggaran kas: each line's pagu (from the DPA) is spread over the months in proportion to the
  group's monthly anggaran kas still unassigned, line after line; the last line takes what
  remains — so every line's months add up to its pagu and every month to the group's.
"""

from __future__ import annotations


def bagi_sebanding(jumlah: int, bobot: list[int]) -> list[int]:
    """``jumlah`` sen split by ``bobot`` (non-negative sen); all to the first line when every
    weight is zero (documented: nothing to weigh by)."""
    if jumlah < 0 or any(b < 0 for b in bobot):
        raise ValueError("jumlah dan bobot tidak boleh negatif")
    if not bobot:
        return []
    total = sum(bobot)
    if total == 0:
        return [jumlah] + [0] * (len(bobot) - 1)
    bagian, sisa = [], []
    for i, b in enumerate(bobot):
        q, r = divmod(jumlah * b, total)
        bagian.append(q)
        sisa.append((-r, i))
    for _, i in sorted(sisa)[: jumlah - sum(bagian)]:
        bagian[i] += 1
    return bagian


def bagi_bulan(pagu: list[int], bulan: list[int]) -> list[list[int]]:
    """Twelve monthly amounts per line: line i's months add up to ``pagu[i]`` and each month's
    amounts add up to ``bulan[m]``; requires sum(pagu) == sum(bulan)."""
    if sum(pagu) != sum(bulan):
        raise ValueError("jumlah pagu tidak sama dengan jumlah anggaran kas")
    tersisa = list(bulan)
    hasil = []
    for i, p in enumerate(pagu):
        if i == len(pagu) - 1:
            hasil.append(tersisa)
            break
        bagian = bagi_sebanding(p, tersisa)
        tersisa = [t - b for t, b in zip(tersisa, bagian, strict=True)]
        hasil.append(bagian)
    return hasil
