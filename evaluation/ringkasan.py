"""Breakdowns of the Rakor figures the leaders ask for — DAK Fisik on its own, belanja operasi
against modal, the kecamatan ranked among themselves, the best and worst OPD — computed from a
``HasilRekap`` already fetched (no further queries) with ``figures``' own sums and formulas.
"""

from __future__ import annotations

from collections.abc import Hashable

from budget.models import JenisOPD, KelompokBelanja
from lib.figures import Angka, Jumlah, Kelompok, hitung_angka, kelompokkan, peringkat
from lib.figures_kinerja import KelasFisik, sebaran_fisik, sebaran_fisik_bulat

from .queries import HasilRekap

KODE_DAK_FISIK = "DAK_FISIK"


def angka_menurut(baris, peta: dict[Hashable, Hashable]) -> dict[Hashable, Angka]:
    """Sum the lines by ``peta[jenis_belanja]`` — e.g. jenis belanja -> kelompok — and give
    each group its figures. Lines whose key is not in ``peta`` are left out."""
    per = kelompokkan((b for b in baris if b.jenis_belanja in peta),
                      lambda b: peta[b.jenis_belanja])
    return {k: hitung_angka(j) for k, j in per.items()}


def dak_fisik(hasil: HasilRekap) -> Angka | None:
    """The figures of sumber dana DAK Fisik; None when the pemda has no such sumber dana or
    no line funded by it. Added up from the rekap's sumber dana sums (no lines built)."""
    ids = {pk for pk, s in hasil.data.sumber_dana.items() if s.kode == KODE_DAK_FISIK}
    per_sd = _jumlah_grup(hasil, "jumlah_sumber_dana", lambda b: b.sumber_dana)
    jumlah = [j for k, j in per_sd.items() if k in ids]
    if not jumlah:
        return None
    return hitung_angka(sum(jumlah[1:], jumlah[0]))


def per_kelompok_belanja(hasil: HasilRekap) -> list[tuple[str, Angka]]:
    """Belanja operasi, modal, tidak terduga, transfer (those present), in that order."""
    peta = {pk: j.kelompok for pk, j in hasil.data.jenis_belanja.items()}
    per_jb = _jumlah_grup(hasil, "jumlah_jenis_belanja", lambda b: b.jenis_belanja)
    per: dict[Hashable, Jumlah] = {}
    for jb, j in per_jb.items():
        if jb in peta:
            k = peta[jb]
            per[k] = per[k] + j if k in per else j
    return [(label, hitung_angka(per[k])) for k, label in KelompokBelanja.choices if k in per]


def _jumlah_grup(hasil: HasilRekap, nama: str, kunci) -> dict[Hashable, Jumlah]:
    """The rekap's own sums per group (``Rekap.jumlah_sumber_dana`` / ``jumlah_jenis_belanja``);
    added up from the lines only for a rekap built without them."""
    per = getattr(hasil.rekap, nama)
    if per or not hasil.rekap.sumber_dana:
        return per
    return kelompokkan(hasil.data.baris, kunci)


def kecamatan(hasil: HasilRekap) -> list[Kelompok]:
    """The OPD of jenis kecamatan, ranked among themselves by capaian (best first)."""
    ids = {pk for pk, o in hasil.data.opd.items() if o.jenis == JenisOPD.KECAMATAN}
    daftar = [k for k in hasil.rekap.opd if k.kunci in ids]
    rank = peringkat({k.kunci: k.angka.capaian_anggaran_kas for k in daftar})
    tanpa = 10**9
    hasil_ = [Kelompok(k.kunci, k.angka, rank[k.kunci]) for k in daftar]
    return sorted(hasil_, key=lambda k: k.peringkat if k.peringkat is not None else tanpa)


def sebaran_fisik_rekap(hasil: HasilRekap) -> dict[KelasFisik, int]:
    """The sub kegiatan with pagu by realisasi fisik in the four published bands, from the
    lines' integer sums (the figures of each sub kegiatan on the reference path)."""
    pasangan = hasil.data.fisik_per_sub()
    if pasangan is None:
        return sebaran_fisik(k.angka.fisik for k in hasil.rekap.sub_kegiatan)
    return sebaran_fisik_bulat(pasangan)


def terbaik_terburuk(hasil: HasilRekap, n: int = 3) -> tuple[list[Kelompok], list[Kelompok]]:
    """The ``n`` best and ``n`` worst ranked OPD by capaian (OPD with no capaian are left
    out); the worst list starts with the lowest. They do not overlap."""
    berperingkat = [k for k in hasil.rekap.opd if k.peringkat is not None]
    terbaik = berperingkat[:n]
    sisa = berperingkat[len(terbaik):]
    terburuk = list(reversed(sisa[-n:])) if sisa else []
    return terbaik, terburuk
