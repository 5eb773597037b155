"""Writing the sample SIPD files (``contoh``) in each layout the importers read."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

from .contoh import Grup, baris_anggaran_kas, baris_dpa, baris_realisasi, per_opd
from .nilai_sipd import dari_sen
from .tata_letak import indeks_huruf

JUDUL_REALISASI = (
    "NO", "TAHUN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT",
    "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM", "KODE KEGIATAN",
    "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "KODE REKENING", "NAMA REKENING",
    "PAGU", "REALISASI", "AKUN", "KELOMPOK", "JENIS", "OBJEK", "RINCIAN OBJEK",
    "SUB RINCIAN OBJEK")
# The column-letter variant: its row 1 is the e-monev's own short labels, not SIPD's headers.
KOLOM_VARIAN = {"A": "no", "B": "kd_unit", "C": "nm_skpd", "E": "nm_unit", "J": "kd_urs",
                "K": "nm_urs", "L": "kd_bid", "M": "nm_bid", "N": "kd_prog", "O": "nm_prog",
                "P": "kd_keg", "Q": "nm_keg", "R": "kd_subkeg", "S": "nm_subkeg", "T": "kd_rek",
                "U": "nm_rek", "AB": "real_sd"}
JUDUL_DPA = ("KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE SUB KEGIATAN",
             "NAMA SUB KEGIATAN", "KODE REKENING", "NAMA REKENING", "SUMBER DANA", "PAGU")


def _uang(sen: int) -> str:
    return f"{dari_sen(sen):f}"


def _tulis(path: Path, judul, baris) -> Path:
    if path.suffix == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(judul)
            w.writerows(baris)
        return path
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(list(judul))
    for b in baris:
        ws.append([float(v) if isinstance(v, str) and _angka(v) else v for v in b])
    wb.save(path)
    return path


def _angka(v: str) -> bool:
    return v.replace(".", "", 1).isdigit() and "." in v and len(v.split(".")[1]) == 2


def realisasi_judul(path: Path, grup: list[Grup], tanggal: datetime.date) -> Path:
    def baris():
        no = 0
        for g in grup:
            for rek, pagu, real in baris_realisasi(g, tanggal.month):
                no += 1
                yield [no, tanggal.year, g.opd[0], g.opd[1], g.opd[0], g.opd[1], *g.bidang,
                       *g.program, *g.kegiatan, *g.sub, rek, f"{g.jenis[1]} objek {rek[7:]}",
                       _uang(pagu), _uang(real), "Belanja Daerah", g.jenis[2], g.jenis[1], "",
                       "", ""]
    return _tulis(path, JUDUL_REALISASI, baris())


def realisasi_kolom(path: Path, grup: list[Grup], tanggal: datetime.date) -> Path:
    """The e-monev variant: XLSX named by its date, data from row 2, fields by letter."""
    lebar = indeks_huruf("AB") + 1

    def baris():
        for no, (g, (rek, _, real)) in enumerate(
                ((gr, x) for gr in grup for x in baris_realisasi(gr, tanggal.month)), start=1):
            sel = [None] * lebar
            isi = {"A": no, "B": g.opd[0], "C": g.opd[1], "E": g.opd[1], "J": g.urusan[0],
                   "K": g.urusan[1], "L": g.bidang[0], "M": g.bidang[1], "N": g.program[0],
                   "O": g.program[1], "P": g.kegiatan[0], "Q": g.kegiatan[1], "R": g.sub[0],
                   "S": g.sub[1], "T": rek, "U": f"{g.jenis[1]} objek {rek[7:]}", "AB": _uang(real)}
            for h, v in isi.items():
                sel[indeks_huruf(h)] = v
            yield sel
    judul = [None] * lebar
    for h, v in KOLOM_VARIAN.items():
        judul[indeks_huruf(h)] = v
    return _tulis(path, judul, baris())


def anggaran_kas_json(path: Path, grup: list[Grup]) -> Path:
    """As SIPD RI serves it: ``{"data": [...]}``, months ``bulan_1…bulan_12``, no sumber dana."""
    data = []
    for g in grup:
        for rek, _, bulan in baris_anggaran_kas(g, per_sumber_dana=False):
            total = sum(bulan)
            data.append({"kode_skpd": g.opd[0], "kode_sub_skpd": g.opd[0],
                         "kode_sub_giat": g.sub[0], "nama_sub_giat": g.sub[1],
                         "kode_akun": rek, "nama_akun": f"{g.jenis[1]} objek {rek[7:]}",
                         **{f"bulan_{i}": float(dari_sen(b)) for i, b in enumerate(bulan, 1)},
                         "total_akb": float(dari_sen(total)),
                         "total_rincian": float(dari_sen(total)), "selisih": 0})
    path.write_text(json.dumps({"data": data}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def anggaran_kas_datar(path: Path, grup: list[Grup]) -> Path:
    """The same fields as a flat table, one row per line's kode rekening, with sumber dana."""
    judul = ("kode_skpd", "kode_sub_skpd", "kode_sub_giat", "nama_sub_giat", "kode_akun",
             "nama_akun", "sumber_dana", *(f"bulan_{i}" for i in range(1, 13)), "total_akb",
             "total_rincian", "selisih")

    def baris():
        for g in grup:
            for rek, sd, bulan in baris_anggaran_kas(g, per_sumber_dana=True):
                yield [g.opd[0], g.opd[0], g.sub[0], g.sub[1], rek, f"{g.jenis[1]} objek {rek[7:]}",
                       sd, *map(_uang, bulan), _uang(sum(bulan)), _uang(sum(bulan)), "0.00"]
    return _tulis(path, judul, baris())


def dpa(path: Path, grup: list[Grup]) -> Path:
    def baris():
        for g in grup:
            for rek, sd, _, pagu in baris_dpa(g):
                yield [g.opd[0], g.opd[1], g.opd[0], g.opd[1], *g.sub, rek,
                       f"{g.jenis[1]} objek {rek[7:]}", sd, _uang(pagu)]
    return _tulis(path, JUDUL_DPA, baris())


BULAN_CETAK = ("E", "F", "G", "I", "J", "K", "M", "N", "O", "Q", "R", "S")
TRIWULAN_CETAK = ("H", "L", "P", "T")


def anggaran_kas_cetak(path: Path, grup: list[Grup], kode_opd: str, tahun: int) -> Path:
    """The printed "Anggaran Kas" of one OPD: a sheet per sub kegiatan, the BELANJA row at
    row 8 (C the year, months in E–G, I–K, M–O, Q–S, quarterly subtotals in H, L, P, T), the
    jenis belanja rows below it."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    per_sub: dict[str, list[Grup]] = {}
    for g in per_opd(grup)[kode_opd]:
        per_sub.setdefault(g.sub[0], []).append(g)
    for i, (sub, daftar) in enumerate(per_sub.items(), start=1):
        ws = wb.create_sheet(f"Sub {i}")
        g0 = daftar[0]
        ws["A1"] = f"ANGGARAN KAS TAHUN {tahun}"
        ws["A3"] = "Perangkat Daerah"
        ws["C3"] = f": {g0.opd[0]} {g0.opd[1]}"
        ws["A4"] = "Sub Kegiatan"
        ws["C4"] = f": {sub} {g0.sub[1]}"
        ws["A6"], ws["B6"], ws["C6"] = "Kode Rekening", "Uraian", "Jumlah"
        for h, m in zip(BULAN_CETAK, range(1, 13), strict=True):
            ws[f"{h}6"] = f"Bulan {m}"
        for tw, h in enumerate(TRIWULAN_CETAK, start=1):
            ws[f"{h}6"] = f"Triwulan {tw}"
        _cetak_baris(ws, 8, "", "BELANJA", [sum(x) for x in zip(*(g.ak() for g in daftar), strict=True)])
        for j, g in enumerate(daftar, start=9):
            _cetak_baris(ws, j, g.jenis[0], g.jenis[1], g.ak())
        ws[f"A{len(daftar) + 10}"] = "Contoh dari data SIAP, bukan cetakan SIPD"
    wb.save(path)
    return path


def _cetak_baris(ws, r: int, kode: str, uraian: str, bulan: list[int]) -> None:
    ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"] = kode, uraian, float(dari_sen(sum(bulan)))
    for h, b in zip(BULAN_CETAK, bulan, strict=True):
        ws[f"{h}{r}"] = float(dari_sen(b))
    for tw, h in enumerate(TRIWULAN_CETAK):
        ws[f"{h}{r}"] = float(dari_sen(sum(bulan[tw * 3:tw * 3 + 3])))
