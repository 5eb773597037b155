"""Reading SIPD's anggaran kas (JSON ``bulan_1…bulan_12``, the same as a flat table, or the
printed "Anggaran Kas" XLSX) and DPA lines, added up per (OPD, sub kegiatan, jenis belanja,
sumber dana or None) in sen, every bad cell recorded with file, row, column and reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lib.rupiah import rupiah

from ..baca import DaftarGalat, Galat, baca_mentah
from ..master import POLA_OPD
from . import berkas as bk
from .cocok import Pencocok, bagian_rekening, jenis_belanja
from .models import JenisBerkasSipd, TataLetakSipd
from .nilai_sipd import BarisSipd, dari_sen
from .tata_letak import BULAN, indeks_huruf, normal

BULAN_CETAK = ("E", "F", "G", "I", "J", "K", "M", "N", "O", "Q", "R", "S")
TRIWULAN_CETAK = ("H", "L", "P", "T")
_KODE_SUB = re.compile(r"\b([0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}\.\d{4})\b")
_KODE_OPD = re.compile(r"\b(\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4})\b")


@dataclass
class Isian:
    """One (OPD, sub kegiatan, jenis belanja, sumber dana) of a file: sums in sen, the first row
    for messages, and the names SIPD gives (to create masters with --buat-master)."""

    nomor: int
    bulan: list[int] = field(default_factory=lambda: [0] * 12)
    pagu: int = 0
    nama_opd: str = ""
    nama_sub: str = ""


@dataclass
class Bacaan:
    tata_letak: str = ""
    isian: dict[tuple, Isian] = field(default_factory=dict)  # (opd, sub, jb, sd|None)
    baris: int = 0


def _unit(r: BarisSipd, pencocok: Pencocok, buat_master: bool) -> str | None:
    skpd, unit = r.kode("kode_skpd", False), r.kode("kode_sub_unit", False)
    if not (skpd or unit):
        r.salah("kode_skpd" if "kode_skpd" in r.susunan.posisi else "kode_sub_unit",
                "kosong; kode SKPD atau sub unit wajib diisi")
        return None
    opd = pencocok.opd_dari(skpd, unit)
    if opd is None and buat_master and POLA_OPD.match(unit or skpd):
        return unit or skpd
    if opd is None:
        r.salah("kode_sub_unit" if unit else "kode_skpd",
                "sub unit/SKPD ini bukan perangkat daerah di SIAP dan belum dipetakan; petakan "
                "di Impor SIPD › Pemetaan sub unit (atau buat master baru)")
    return opd


def _kunci(r: BarisSipd, pencocok: Pencocok, buat_master: bool, sd_bawaan: str | None):
    opd = _unit(r, pencocok, buat_master)
    sub, rek = r.kode("kode_sub_kegiatan"), r.kode("kode_rekening")
    bagian = bagian_rekening(rek) if rek else None
    if rek and (bagian is None or len(bagian) < 3 or len(bagian) > 6 or bagian[0] != "5"):
        r.salah("kode_rekening", "bukan kode rekening belanja (tiga sampai enam tingkat, mis. "
                                 "5.1.02.01.01.0024)")
        bagian = None
    sd = None
    if "sumber_dana" in r.susunan.posisi and r.ada("sumber_dana"):
        sd = pencocok.sumber_dana(r.teks("sumber_dana"))
        if sd is None and buat_master:
            sd = r.teks("sumber_dana").upper()
        elif sd is None:
            r.salah("sumber_dana", "sumber dana tidak dikenal; tambahkan di data master atau "
                                   "buat master baru")
    if not r.ok or None in (opd, sub, bagian):
        return None
    return (opd, sub, jenis_belanja(bagian), sd or sd_bawaan)


def _simpan(bacaan: Bacaan, kunci, r: BarisSipd) -> Isian:
    x = bacaan.isian.get(kunci)
    if x is None:
        x = bacaan.isian[kunci] = Isian(r.nomor, nama_opd=r.teks("nama_sub_unit") or
                                        r.teks("nama_skpd"), nama_sub=r.teks("nama_sub_kegiatan"))
    return x


def baca_anggaran_kas(b: bk.Berkas, pencocok, galat: DaftarGalat, buat_master: bool,
                      sd_bawaan: str | None) -> Bacaan:
    hasil = Bacaan(b.susunan.tata_letak)
    s = b.susunan
    for r in b.baris:
        if r.kosong():
            continue
        kunci = _kunci(r, pencocok, buat_master, sd_bawaan)
        bulan = [r.uang(m, s.gaya) for m in BULAN]
        if kunci is None or None in bulan:
            continue
        total = sum(bulan)
        for m, judul in (("total_akb", "jumlah anggaran kas bulan 1–12"),
                         ("total_rincian", "jumlah rincian (pagu)")):
            if m in s.posisi and r.ada(m) and (v := r.uang(m, s.gaya)) is not None and v != total:
                r.salah(m, f"tidak sama dengan {judul} {rupiah(dari_sen(total))} (selisih "
                           f"{rupiah(dari_sen(v - total))})")
        if "selisih" in s.posisi and r.ada("selisih") and r.uang("selisih", s.gaya) not in (0, None):
            r.salah("selisih", "anggaran kas belum sama dengan rincian anggaran (selisih bukan 0)")
        if not r.ok:
            continue
        x = _simpan(hasil, kunci, r)
        x.bulan = [a + b for a, b in zip(x.bulan, bulan, strict=True)]
        hasil.baris += 1
    return hasil


def baca_dpa(b: bk.Berkas, pencocok, galat: DaftarGalat, buat_master: bool,
             sd_bawaan: str | None) -> Bacaan:
    hasil = Bacaan(b.susunan.tata_letak)
    for r in b.baris:
        if r.kosong():
            continue
        kunci = _kunci(r, pencocok, buat_master, sd_bawaan)
        pagu = r.uang("pagu", b.susunan.gaya)
        if kunci is not None and kunci[3] is None:
            r.salah("sumber_dana", "kosong; rincian DPA wajib punya sumber dana (atau pilih "
                                   "sumber dana bawaan)")
        if kunci is None or pagu is None or not r.ok:
            continue
        _simpan(hasil, kunci, r).pagu += pagu
        hasil.baris += 1
    return hasil


def baca_cetak(path: Path, pencocok: Pencocok, galat: DaftarGalat, buat_master: bool,
               sd_bawaan: str | None, gaya: str) -> Bacaan:
    """The printed layout: per sheet, the OPD and sub kegiatan codes in the title rows above the
    row whose column B is "BELANJA"; that row the total; the rows below it with a kode rekening
    in column A (jenis level if any, else the deepest level present) the data. Quarterly
    subtotal columns (H, L, P, T) and the annual column C are checked, not read."""
    hasil = Bacaan(TataLetakSipd.CETAK)
    lembar: dict[int, list] = {}
    for i, nomor, sel in baca_mentah(path, lembar=None):
        lembar.setdefault(i, []).append((nomor, sel))
    for i, baris in lembar.items():
        _lembar_cetak(i, baris, hasil, pencocok, galat, buat_master, sd_bawaan, gaya)
    return hasil


def _lembar_cetak(i, baris, hasil, pencocok, galat, buat_master, sd_bawaan, gaya) -> None:
    from .tata_letak import Susunan

    awalan, g0 = f"lembar {i + 1}, ", len(galat)
    huruf = {h: indeks_huruf(h) for h in ("A", "B", "C", *BULAN_CETAK, *TRIWULAN_CETAK)}
    posisi = {"kode_rekening": huruf["A"], "total": huruf["C"],
              **{m: huruf[h] for m, h in zip(BULAN, BULAN_CETAK, strict=True)},
              **{f"tw{n}": huruf[h] for n, h in enumerate(TRIWULAN_CETAK, start=1)}}
    label = {m: f"{h}" for m, h in zip(BULAN, BULAN_CETAK, strict=True)}
    label.update(kode_rekening="A", total="C", **{f"tw{n}": h for n, h in
                                                  enumerate(TRIWULAN_CETAK, start=1)})
    s = Susunan(JenisBerkasSipd.ANGGARAN_KAS, TataLetakSipd.CETAK, posisi, label, gaya=gaya)
    induk = next((k for k, (_, sel) in enumerate(baris)
                  if len(sel) > 1 and normal(sel[1]) == "belanja"), None)
    if induk is None:
        galat.append(Galat(None, "", "", f"{awalan.rstrip(', ')}: tidak ada baris dengan "
                                         f"\"BELANJA\" di kolom B (tata letak anggaran kas cetak)"))
        return
    judul = " ".join(str(v) for _, sel in baris[:induk] for v in sel if isinstance(v, str))
    sub, opd_sipd = _KODE_SUB.search(judul), _KODE_OPD.search(judul)
    if not sub or not opd_sipd:
        apa = "sub kegiatan" if not sub else "perangkat daerah (22 karakter)"
        galat.append(Galat(baris[induk][0], "", "", f"{awalan}kode {apa} tidak ditemukan di "
                                                    f"baris judul di atas baris BELANJA"))
        return
    kode_opd = pencocok.opd_dari(opd_sipd.group(1), None)
    if kode_opd is None and buat_master:
        kode_opd = opd_sipd.group(1)
    if kode_opd is None:
        galat.append(Galat(baris[induk][0], "", opd_sipd.group(1), (
            f"{awalan}perangkat daerah ini belum ada di SIAP dan belum dipetakan")))
        return
    data = []
    for nomor, sel in baris[induk:]:
        r = BarisSipd(nomor, sel, s, galat, awalan)
        bagian = bagian_rekening(r.teks("kode_rekening")) if nomor != baris[induk][0] else ()
        if bagian is None or (bagian and bagian[0] != "5"):
            continue
        bulan = [r.uang(m, gaya) for m in BULAN]
        if None in bulan:
            continue
        for n in range(1, 5):
            if r.ada(f"tw{n}") and r.uang(f"tw{n}", gaya) != sum(bulan[(n - 1) * 3:n * 3]):
                r.salah(f"tw{n}", f"subtotal triwulan {n} tidak sama dengan jumlah tiga bulannya")
        if r.ada("total") and r.uang("total", gaya) != sum(bulan):
            r.salah("total", f"jumlah setahun tidak sama dengan jumlah 12 bulan "
                             f"{rupiah(dari_sen(sum(bulan)))}")
        if r.ok:
            data.append((nomor, bagian, bulan))
    if not data or len(galat) > g0:
        return
    total, rincian = data[0], data[1:]
    tingkat = 3 if any(len(b) == 3 for _, b, _ in rincian) else max((len(b) for _, b, _ in rincian),
                                                                    default=0)
    pakai = [x for x in rincian if len(x[1]) == tingkat]
    jumlah = [sum(x[2][m] for x in pakai) for m in range(12)]
    if jumlah != total[2]:
        galat.append(Galat(total[0], f"{awalan}E–S", "", (
            f"baris BELANJA {rupiah(dari_sen(sum(total[2])))} tidak sama dengan jumlah baris "
            f"rekeningnya {rupiah(dari_sen(sum(jumlah)))} menurut bulan")))
        return
    for nomor, bagian, bulan in pakai:
        kunci = (kode_opd, sub.group(1), jenis_belanja(bagian), sd_bawaan)
        x = hasil.isian.setdefault(kunci, Isian(nomor))
        x.bulan = [a + b for a, b in zip(x.bulan, bulan, strict=True)]
        hasil.baris += 1
