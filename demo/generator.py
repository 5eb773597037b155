"""The demo's numbers, computed without the database.

``buat_demo(hari_ini, skala)`` returns plain data — OPD, nomenclature, and per year the budget
lines with their pagu and anggaran kas per version, their monthly realisasi, and the fisik of
each (OPD, sub kegiatan) — as whole sen and hundredths of a percent. ``load.py`` stores it.

Each year is drawn whole from ``random.Random`` seeded by year and scale, so a year's budget
and realisasi are the same whatever the day; ``potong`` then keeps what has happened by
``hari_ini``: the versions already in force, and each OPD's realisasi of the months it has
reported (``jadwal``). Totals that must match the Rakor seeds are imposed with ``bagi``
(largest remainder): pagu, the anggaran kas up to the cut-off month, and the realisasi up to it.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from budget.models import JenisVersi

from .bagi import bagi, bulatkan
from .jadwal import bulan_dilaporkan, sekarang_demo
from .master import KINERJA, OPDDemo, opd_berskala
from .nomenklatur import Nomenklatur, buat_nomenklatur, sub_opd
from .profil import FAKTOR_KURVA, FAKTOR_SUMBER, GAJI_TPG, KURVA, LAG, PROFIL, kurva_untuk
from .rencana import RencanaTahun, rencana_tahun, tahun_demo

RIBU = 100_000  # Rp 1.000 in sen: pagu are set in thousands of rupiah, like a DPA
RUPIAH = 100


@dataclass
class BarisDemo:
    """One budget line of one year, amounts in sen."""

    opd: str
    sub: str
    sumber_dana: str
    jenis_belanja: str
    bobot: int  # relative size
    faktor: int  # share of its anggaran kas it tends to realise, per mille
    bulan_mulai: int = 1  # a line added by the perubahan exists from that month
    pagu: dict[str, int] = field(default_factory=dict)  # versi -> pagu
    ak: dict[str, list[int]] = field(default_factory=dict)  # versi -> 12 months
    realisasi: list[int] = field(default_factory=lambda: [0] * 12)

    @property
    def kurva(self) -> str:
        return kurva_untuk(self.jenis_belanja)

    @property
    def batas(self) -> int:
        """What may be realised: the smallest pagu it had in any version."""
        return min(self.pagu.values())


@dataclass
class Fisik:
    """Cumulative target and realisasi fisik of an (OPD, sub kegiatan), hundredths of %."""

    opd: str
    sub: str
    target: list[int]  # 12 months
    realisasi: list[int]  # months 1..n, those the OPD has reported


@dataclass
class TahunDemo:
    rencana: RencanaTahun
    baris: list[BarisDemo]
    fisik: list[Fisik]


@dataclass
class DataDemo:
    opd: list[OPDDemo]
    nomenklatur: Nomenklatur
    tahun: list[TahunDemo]


def buat_demo(hari_ini: datetime.date, skala: int = 1,
              tahun: Collection[int] | None = None) -> DataDemo:
    """The demo as it stands on ``hari_ini``; ``tahun`` keeps only some of its years."""
    opd = opd_berskala(skala)
    nom = buat_nomenklatur({o.kode[:4] for o in opd})
    sekarang = sekarang_demo(hari_ini)
    return DataDemo(opd, nom, [
        potong(buat_tahun(rencana_tahun(t).berskala(skala), opd, nom, skala), sekarang)
        for t in tahun_demo(hari_ini) if tahun is None or t in tahun
    ])


def buat_tahun(rencana: RencanaTahun, opd: list[OPDDemo], nom: Nomenklatur,
               skala: int = 1) -> TahunDemo:
    rng = random.Random(rencana.tahun * 1000 + skala)
    baris = _rancang_baris(rng, opd, nom)
    _pagu(rng, rencana, baris)
    _anggaran_kas(rencana, baris)
    _realisasi(rencana, baris)
    return TahunDemo(rencana, baris, _fisik(rng, rencana, baris))


def potong(tahun: TahunDemo, sekarang: datetime.datetime) -> TahunDemo:
    """What of a whole year has happened by ``sekarang``: the versions in force (with their
    lines), and each OPD's realisasi and realisasi fisik of the months it has reported."""
    versi = tuple(v for v in tahun.rencana.versi
                  if v.berlaku <= sekarang.date())
    kunci = {v.kunci for v in versi}
    baris = []
    for b in tahun.baris:
        if not kunci & set(b.pagu):
            continue  # a line of a version not yet in force
        baris.append(replace(b, pagu={k: p for k, p in b.pagu.items() if k in kunci},
                             ak={k: a for k, a in b.ak.items() if k in kunci}))
    n = bulan_dilaporkan(tahun.rencana.tahun, {b.opd for b in baris}, sekarang,
                         susulan=not tahun.rencana.seed)
    for b in baris:
        b.realisasi = b.realisasi[:n[b.opd]] + [0] * (12 - n[b.opd])
    fisik = [replace(f, realisasi=f.realisasi[:n[f.opd]]) for f in tahun.fisik if f.opd in n]
    return TahunDemo(replace(tahun.rencana, versi=versi), baris, fisik)


# --- lines ----------------------------------------------------------------------------------

def _rancang_baris(rng: random.Random, daftar_opd: list[OPDDemo],
                   nom: Nomenklatur) -> list[BarisDemo]:
    baris = []
    for o in daftar_opd:
        kandidat = sub_opd(nom, o.kode[:4], o.program_kode)
        pilihan = [s for s in kandidat if _dipilih(rng, s, o)]
        if not any(not s.penunjang for s in pilihan):
            pilihan += [max((s for s in kandidat if not s.penunjang), key=lambda s: s.bobot)]
        operasional = o.program * 18 // 100 + 1_000
        for kelompok, ukuran in (("gaji", o.gaji), ("kantor", operasional),
                                 ("program", o.program)):
            subs = [s for s in pilihan if _kelompok(s) == kelompok]
            bobot_sub = [s.bobot * rng.randint(60, 140) for s in subs]
            for s, bs in zip(subs, bobot_sub, strict=True):
                bagian = _sumber(rng, s.profil, o)
                total_porsi = sum(p for *_, p, _w in bagian)
                for sd, jb, porsi, _ in bagian:
                    baris.append(BarisDemo(
                        o.kode, s.kode, sd, jb,
                        bobot=ukuran * 10**6 * bs * porsi // (sum(bobot_sub) * total_porsi),
                        faktor=_faktor(rng, o, sd, jb),
                    ))
    return [b for b in baris if b.bobot > 0]


def _kelompok(s) -> str:
    if s.profil == "gaji":
        return "gaji"
    return "kantor" if s.penunjang else "program"


def _dipilih(rng: random.Random, s, o: OPDDemo) -> bool:
    if s.profil == "gaji":
        return o.gaji > 0
    return s.wajib or rng.random() < (0.75 if s.penunjang else 0.88)


def _sumber(rng: random.Random, profil: str, o: OPDDemo):
    bagian = list(PROFIL[profil])
    if profil == "gaji" and o.tpg:
        bagian.append(GAJI_TPG)
    dipilih = [b for b in bagian if b[3] or rng.random() < 0.55]
    return dipilih or bagian[:1]


def _faktor(rng: random.Random, o: OPDDemo, sd: str, jb: str) -> int:
    kurva = kurva_untuk(jb)
    if kurva == "pegawai":
        return rng.randint(975, 1000)
    f = KINERJA[o.kinerja] * FAKTOR_KURVA[kurva] * FAKTOR_SUMBER.get(sd, 1000) // 10**6
    return f * rng.randint(85, 115) // 100


# --- pagu per version -----------------------------------------------------------------------

def _pagu(rng: random.Random, rencana: RencanaTahun, baris: list[BarisDemo]) -> None:
    """Pagu of the last version to the exact total, then each earlier version derived
    backwards from the one that replaced it."""
    versi = rencana.versi
    for nanti in versi[1:]:
        if nanti.jenis == JenisVersi.PERUBAHAN:
            baris += _baris_silpa(rng, baris, nanti.berlaku.month)
    akhir = versi[-1].kunci
    for b, p in zip(baris, bagi(rencana.pagu, [b.bobot for b in baris], satuan=RIBU),
                    strict=True):
        b.pagu[akhir] = p
    for kini, nanti in reversed(list(zip(versi, versi[1:], strict=False))):
        if nanti.jenis == JenisVersi.PERUBAHAN:
            _sebelum_perubahan(rng, baris, kini.kunci, nanti)
        else:
            _sebelum_pergeseran(rng, baris, kini.kunci, nanti.kunci)


def _baris_silpa(rng: random.Random, baris: list[BarisDemo], bulan: int) -> list[BarisDemo]:
    """Lines the perubahan adds, funded by last year's SiLPA: more for works under way."""
    ada = {(b.opd, b.sub, b.sumber_dana, b.jenis_belanja) for b in baris}
    baru = []
    for b in baris:
        kunci = (b.opd, b.sub, "SILPA", b.jenis_belanja)
        if b.kurva in ("modal", "barang") and kunci not in ada and rng.random() < 0.04:
            ada.add(kunci)
            baru.append(BarisDemo(b.opd, b.sub, "SILPA", b.jenis_belanja,
                              bobot=b.bobot * rng.randint(15, 45) // 100,
                              faktor=b.faktor * 9 // 10, bulan_mulai=bulan))
    return baru


def _sebelum_perubahan(rng: random.Random, baris: list[BarisDemo], kini: str, nanti) -> None:
    """Before the perubahan: its new lines did not exist, a fifth of the others differed."""
    for b in baris:
        if b.bulan_mulai >= nanti.berlaku.month:
            continue
        p = b.pagu[nanti.kunci]
        if b.kurva != "pegawai" and rng.random() < 0.22:
            p = max(RIBU, bulatkan(p * rng.randint(80, 120) // 100, RIBU))
        b.pagu[kini] = p


def _sebelum_pergeseran(rng: random.Random, baris: list[BarisDemo], kini: str, nanti: str) -> None:
    """A pergeseran cut office spending and moved it to belanja tidak terduga and roads, the
    total unchanged: so before it, the cut lines were larger and the receivers smaller."""
    ada = [b for b in baris if nanti in b.pagu]
    for b in ada:
        b.pagu[kini] = b.pagu[nanti]
    dipotong = [b for b in ada if b.jenis_belanja == "5.1.02" and rng.random() < 0.12]
    geser = 0
    for b in dipotong:
        semula = bulatkan(b.pagu[nanti] * rng.randint(110, 135) // 100, RIBU)
        geser += semula - b.pagu[nanti]
        b.pagu[kini] = semula
    penerima = [b for b in ada if b.jenis_belanja in ("5.3.01", "5.2.04")]
    kurang = bagi(geser, [b.pagu[nanti] for b in penerima],
                  batas=[b.pagu[nanti] // 2 for b in penerima], satuan=RIBU)
    for b, k in zip(penerima, kurang, strict=True):
        b.pagu[kini] -= k


# --- anggaran kas ---------------------------------------------------------------------------

def _bobot_bulan(b: BarisDemo) -> list[int]:
    return [w if i + 1 >= b.bulan_mulai else 0 for i, w in enumerate(KURVA[b.kurva])]


def _anggaran_kas(rencana: RencanaTahun, baris: list[BarisDemo]) -> None:
    acuan = rencana.versi_acuan.kunci
    for v in rencana.versi:
        for b in baris:
            if v.kunci in b.pagu and (v.kunci != acuan or rencana.ak_acuan is None):
                b.ak[v.kunci] = bagi(b.pagu[v.kunci], _bobot_bulan(b), satuan=RUPIAH)
    if rencana.ak_acuan is not None:
        _anggaran_kas_tepat(rencana, baris)


def _anggaran_kas_tepat(rencana: RencanaTahun, baris: list[BarisDemo]) -> None:
    """Anggaran kas of the version in force at the cut-off whose months 1..m add up to the
    seed's target: the rest of the year (months m+1..12) is apportioned exactly across lines
    in proportion to what their curves plan after m, then each part follows its curve.
    Salaries keep their flat plan; a line that starts after m has all of it after m."""
    acuan, m = rencana.versi_acuan.kunci, rencana.bulan_acuan
    tetap: list[int | None] = []
    for b in baris:
        w = _bobot_bulan(b)
        pagu = b.pagu[acuan]
        if sum(w[:m]) == 0:
            tetap.append(pagu)
        elif b.kurva == "pegawai":
            tetap.append(pagu * sum(w[m:]) // sum(w) // RUPIAH * RUPIAH)
        else:
            tetap.append(None)
    bebas = bagi(
        rencana.pagu - rencana.ak_acuan - sum(t for t in tetap if t is not None),
        [b.pagu[acuan] * sum(_bobot_bulan(b)[m:]) if t is None else 0
         for b, t in zip(baris, tetap, strict=True)],
        batas=[b.pagu[acuan] if t is None else 0 for b, t in zip(baris, tetap, strict=True)],
        satuan=RUPIAH,
    )
    for b, t, s in zip(baris, tetap, bebas, strict=True):
        w = _bobot_bulan(b)
        pagu = b.pagu[acuan]
        s = s if t is None else t
        b.ak[acuan] = (bagi(pagu - s, w[:m], satuan=RUPIAH)
                       + (bagi(s, w[m:], satuan=RUPIAH) if s else [0] * (12 - m)))


# --- realisasi ------------------------------------------------------------------------------

def _bobot_realisasi(b: BarisDemo, ak: list[int], dari: int, sampai: int) -> list[int]:
    """Weights of months dari..sampai (1-based) for spreading realisasi: the anggaran kas
    shifted by the line's lag, or failing that the plan itself, or failing that even."""
    lag = LAG[b.kurva]
    bulan = range(max(dari, b.bulan_mulai), sampai + 1)
    for geser in (lag, 0):
        w = [ak[k - 1 - geser] if k - 1 - geser >= 0 else 0 for k in bulan]
        if sum(w):
            break
    else:
        w = [1] * len(bulan)
    return [0] * (len(range(dari, sampai + 1)) - len(w)) + w


def _realisasi_alami(b: BarisDemo, acuan: str, m: int) -> int:
    """What a line would have realised by month ``m``: salaries follow the payroll calendar
    whatever the plan said; everything else a share of its anggaran kas."""
    if b.kurva == "pegawai":
        w = _bobot_bulan(b)
        x = b.pagu[acuan] * sum(w[:m]) // sum(w) * b.faktor // 1000
    else:
        x = sum(b.ak[acuan][:m]) * b.faktor // 1000
    return min(b.batas, x // RUPIAH * RUPIAH)


def _realisasi(rencana: RencanaTahun, baris: list[BarisDemo]) -> None:
    acuan, m = rencana.versi_acuan.kunci, rencana.bulan_acuan
    alami = [_realisasi_alami(b, acuan, m) for b in baris]
    total = rencana.realisasi_acuan if rencana.realisasi_acuan is not None else sum(alami)
    # Salaries stay as paid; the other lines absorb the difference to the seed's total.
    gaji = [b.kurva == "pegawai" for b in baris]
    bebas = bagi(total - sum(a for a, g in zip(alami, gaji, strict=True) if g),
                 [0 if g else a for a, g in zip(alami, gaji, strict=True)],
                 batas=[0 if g else b.batas for b, g in zip(baris, gaji, strict=True)],
                 satuan=RUPIAH)
    kumulatif = [a if g else x for a, g, x in zip(alami, gaji, bebas, strict=True)]
    for b, r in zip(baris, kumulatif, strict=True):
        if r:
            b.realisasi[:m] = bagi(r, _bobot_realisasi(b, b.ak[acuan], 1, m), satuan=RUPIAH)

    if m == 12 or rencana.serapan_akhir is None:
        return
    # After the cut-off: the rest of the year, to a plausible year-end absorption.
    tambah = rencana.pagu * rencana.serapan_akhir // 10_000 - total
    ruang = [b.batas - sum(b.realisasi) for b in baris]
    bobot = [r * min(b.faktor, 1000) // 1000 for b, r in zip(baris, ruang, strict=True)]
    for b, t in zip(baris, bagi(tambah, bobot, batas=ruang, satuan=RUPIAH), strict=True):
        if t:
            w = _bobot_realisasi(b, b.ak[acuan], m + 1, 12)
            w[-1] *= 2  # the December rush before the books close
            b.realisasi[m:] = bagi(t, w, satuan=RUPIAH)


# --- fisik ----------------------------------------------------------------------------------

def _fisik(rng: random.Random, rencana: RencanaTahun, baris: list[BarisDemo]) -> list[Fisik]:
    """Target fisik follows the anggaran kas; realisasi fisik runs somewhat ahead of the
    money (work is paid after it is done), never above 100%."""
    acuan = rencana.versi_acuan.kunci
    per_sub: dict[tuple[str, str], list[BarisDemo]] = {}
    for b in baris:
        per_sub.setdefault((b.opd, b.sub), []).append(b)
    hasil = []
    for (opd, sub), bs in per_sub.items():
        pagu = sum(b.pagu[acuan] for b in bs)
        ak = [sum(b.ak[acuan][k] for b in bs) for k in range(12)]
        real = [sum(b.realisasi[k] for b in bs) for k in range(12)]
        pegawai = all(b.kurva == "pegawai" for b in bs)
        maju = 1000 if pegawai else rng.randint(1000, 1250)
        target, realisasi, t, r = [], [], 0, 0
        for k in range(12):
            t += ak[k]
            r += real[k]
            target.append(t * 10_000 // pagu if pagu else 0)
            realisasi.append(min(10_000, r * maju * 10 // pagu) if pagu else 0)
        hasil.append(Fisik(opd, sub, target, realisasi))
    return hasil


def sidik(tahun: TahunDemo) -> str:
    """A fingerprint of a year's lines and fisik, to check determinism and faithful loading."""
    h = hashlib.sha256()
    for b in sorted(tahun.baris, key=lambda b: (b.opd, b.sub, b.sumber_dana, b.jenis_belanja)):
        h.update(repr((b.opd, b.sub, b.sumber_dana, b.jenis_belanja, sorted(b.pagu.items()),
                       sorted(b.ak.items()), b.realisasi)).encode())
    for f in sorted(tahun.fisik, key=lambda f: (f.opd, f.sub)):
        h.update(repr((f.opd, f.sub, f.target, f.realisasi)).encode())
    return h.hexdigest()
