"""Sample SIPD files made from SIAP's own data (the demo's, for ``siap demo-sipd DIR``), so a
new user can try every layout the importers read — and the tests can round-trip them.

Each (OPD, sub kegiatan, jenis belanja) becomes one to three kode rekening rows (six levels,
``<jenis>.01.01.0001`` …), amounts split by ``bagi`` in whole sen, so the files look like SIPD's
and still add up to SIAP's figures exactly.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from budget.models import BULAN_AK, BULAN_KUMULATIF, PaguAnggaran, VersiAnggaran

from .bagi import bagi_bulan, bagi_sebanding
from .nilai_sipd import ke_sen

AKHIRAN = (".01.01.0001", ".01.02.0001", ".02.01.0001")
BOBOT = (5, 3, 2)


@dataclass
class Grup:
    """One (OPD, sub kegiatan, jenis belanja) of the version in force, with its lines."""

    opd: tuple[str, str]
    urusan: tuple[str, str]
    bidang: tuple[str, str]
    program: tuple[str, str]
    kegiatan: tuple[str, str]
    sub: tuple[str, str]
    jenis: tuple[str, str, str]  # kode, nama, kelompok
    garis: list[dict] = field(default_factory=list)  # sd, pagu, ak (sen), kumulatif (sen x12)

    @property
    def pagu(self) -> int:
        return sum(g["pagu"] for g in self.garis)

    def kumulatif(self, bulan: int) -> int:
        return sum(g["kum"][bulan - 1] for g in self.garis)

    def ak(self) -> list[int]:
        return [sum(g["ak"][m] for g in self.garis) for m in range(12)]


def data_grup(tahun: int, tanggal: datetime.date) -> list[Grup]:
    versi = VersiAnggaran.berlaku_pada(tahun, tanggal)
    if versi is None:
        return []
    grup: dict[tuple, Grup] = {}
    isi = PaguAnggaran.objects.filter(versi=versi).select_related(
        "rincian__opd", "rincian__sumber_dana", "rincian__jenis_belanja",
        "rincian__sub_kegiatan__kegiatan__program__bidang__urusan", "rincian__kumulatif",
    ).order_by("rincian__opd__kode", "rincian__sub_kegiatan__kode",
               "rincian__jenis_belanja__kode", "rincian__sumber_dana__urutan",
               "rincian__sumber_dana__kode")
    for p in isi:
        r = p.rincian
        sk = r.sub_kegiatan
        keg = sk.kegiatan
        jb = r.jenis_belanja
        k = (r.opd.kode, sk.kode, jb.kode)
        if k not in grup:
            prog = keg.program
            grup[k] = Grup((r.opd.kode, r.opd.nama), (prog.bidang.urusan.kode,
                           prog.bidang.urusan.nama), (prog.bidang.kode, prog.bidang.nama),
                           (prog.kode, prog.nama), (keg.kode, keg.nama), (sk.kode, sk.nama),
                           (jb.kode, jb.nama, jb.get_kelompok_display()))
        kum = getattr(r, "kumulatif", None)
        grup[k].garis.append({
            "sd": r.sumber_dana.kode, "sd_nama": r.sumber_dana.nama, "pagu": ke_sen(p.pagu),
            "ak": [ke_sen(getattr(p, f)) for f in BULAN_AK],
            "kum": [getattr(kum, f) for f in BULAN_KUMULATIF] if kum else [0] * 12,
        })
    return list(grup.values())


def pecah(g: Grup) -> list[tuple[str, list[int]]]:
    """The kode rekening rows of a group: (kode rekening, weights by line) — one to three rows,
    their number taken from the sub kegiatan code so it is the same every time."""
    n = 1 + int(g.sub[0][-4:]) % 3 if g.sub[0][-4:].isdigit() else 1
    return [(g.jenis[0] + AKHIRAN[i], BOBOT[i]) for i in range(n)]


def baris_realisasi(g: Grup, bulan: int) -> list[tuple[str, int, int]]:
    """(kode rekening, pagu, cumulative realisasi s.d. ``bulan``) rows, sen."""
    rek = pecah(g)
    pagu = bagi_sebanding(g.pagu, [b for _, b in rek])
    real = bagi_sebanding(g.kumulatif(bulan), pagu)
    return [(k, p, r) for (k, _), p, r in zip(rek, pagu, real, strict=True)]


def baris_anggaran_kas(g: Grup, per_sumber_dana: bool) -> list[tuple[str, str | None, list[int]]]:
    """(kode rekening, sumber dana or None, twelve months) rows, sen: per line when
    ``per_sumber_dana``, else per group (as SIPD's anggaran kas, which has no sumber dana)."""
    rek = pecah(g)
    hasil = []
    satuan = [(g.garis[i]["sd"], g.garis[i]["pagu"], g.garis[i]["ak"]) for i in
              range(len(g.garis))] if per_sumber_dana else [(None, g.pagu, g.ak())]
    for sd, pagu, ak in satuan:
        bagian = bagi_sebanding(pagu, [b for _, b in rek])
        for (kode, _), bulan in zip(rek, bagi_bulan(bagian, ak), strict=True):
            hasil.append((kode, sd, bulan))
    return hasil


def baris_dpa(g: Grup) -> list[tuple[str, str, str, int]]:
    """(kode rekening, kode sumber dana, nama sumber dana, pagu) rows, sen."""
    rek = pecah(g)
    hasil = []
    for garis in g.garis:
        for (kode, _), p in zip(rek, bagi_sebanding(garis["pagu"], [b for _, b in rek]),
                                strict=True):
            hasil.append((kode, garis["sd"], garis["sd_nama"], p))
    return hasil


def per_opd(grup: list[Grup]) -> dict[str, list[Grup]]:
    hasil = defaultdict(list)
    for g in grup:
        hasil[g.opd[0]].append(g)
    return hasil
