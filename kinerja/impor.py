"""Import and export of indikator kinerja and their targets (CSV/XLSX), in the style of the
budget imports (``exchange``): the same reader (``exchange.umum.baca_baris`` →
``exchange.baca``), the same row parsing (``BarisImpor``), every error with row, column,
value and reason, nothing written unless the whole file is right (one
``transaction.atomic()``), an upsert that leaves identical rows alone, and an export that
imports back unchanged. See README, "Indikator kinerja".
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from budget.models import Kegiatan, Program, SubKegiatan, TahunAnggaran
from exchange import nilai
from exchange.baca import DaftarGalat, Galat
from exchange.ekspor import tulis
from exchange.master import Master
from exchange.umum import BarisImpor, ImporGagal, Ringkasan, baca_baris, rincian_tahun

from .models import AkumulasiIndikator, ArahIndikator, IndikatorKinerja, Tingkat

KOLOM_INDIKATOR = (
    "kode_opd", "kode", "nomor", "indikator", "satuan", "akumulasi", "arah", "target",
    "target_tw1", "target_tw2", "target_tw3", "target_tw4", "target_renstra",
    "target_renstra_rp", "realisasi_renstra_lalu", "realisasi_renstra_lalu_rp",
)
OPSIONAL = ("target_tw1", "target_tw2", "target_tw3", "target_tw4", "target_renstra",
            "target_renstra_rp", "realisasi_renstra_lalu", "realisasi_renstra_lalu_rp")
RP_RENSTRA = ("target_renstra_rp", "realisasi_renstra_lalu_rp")
# The level of a code is read from its shape (Permendagri 90/2019).
POLA = (
    (Tingkat.SUB_KEGIATAN, SubKegiatan, re.compile(SubKegiatan.pola)),
    (Tingkat.KEGIATAN, Kegiatan, re.compile(Kegiatan.pola)),
    (Tingkat.PROGRAM, Program, re.compile(Program.pola)),
)
KOLOM_MODEL = ("uraian", "satuan", "akumulasi", "arah", "target", *OPSIONAL)


def _tingkat(kode: str) -> tuple[str, type] | None:
    return next(((t, m) for t, m, p in POLA if p.match(kode)), None)


def _dianggarkan(tahun: int) -> set[tuple[str, str]]:
    """(kode OPD, kode program / kegiatan / sub kegiatan) of every OPD's budget of the year."""
    hasil = set()
    for opd, sub, _, _ in rincian_tahun(tahun):
        p = sub.split(".")
        hasil |= {(opd, sub), (opd, ".".join(p[:5])), (opd, ".".join(p[:3]))}
    return hasil


def _pilihan(r: BarisImpor, kolom: str, choices, bawaan: str) -> str | None:
    teks = nilai.teks(r.b.nilai.get(kolom)).lower()
    if not teks:
        return bawaan
    if teks not in choices.values:
        r.salah(kolom, f"tidak dikenal; pilih {' atau '.join(choices.values)} (kosong: {bawaan})")
        return None
    return teks


def _nomor(r: BarisImpor) -> int | None:
    v = r.b.nilai.get("nomor")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    teks = nilai.teks(v)
    if not teks.isdigit() or not 1 <= int(teks) <= 999:
        r.salah("nomor", "bukan nomor urut indikator (1, 2, 3, … pada baris yang sama)")
        return None
    return int(teks)


def _teks(r: BarisImpor, kolom: str, panjang: int) -> str | None:
    teks = nilai.teks(r.b.nilai.get(kolom))
    if not teks:
        r.salah(kolom, "kosong; wajib diisi")
        return None
    if len(teks) > panjang:
        r.salah(kolom, f"lebih dari {panjang} karakter")
        return None
    return teks


def _baca(path, tahun: int, gaya: str) -> tuple[dict, DaftarGalat]:
    galat = DaftarGalat()
    master = Master()
    nomenklatur = {m: {o.kode: o for o in m.objects.all()} for _, m, _ in POLA}
    dianggarkan = _dianggarkan(tahun)
    data: dict[tuple, tuple[int, dict]] = {}
    rp_baris: dict[tuple, tuple[int, dict]] = {}
    for b in baca_baris(path, KOLOM_INDIKATOR):
        r = BarisImpor(b, galat)
        opd = r.kode("kode_opd", master)
        kode = r.ambil("kode", nilai.kode)
        nomor = _nomor(r)
        isi = {"uraian": _teks(r, "indikator", 500), "satuan": _teks(r, "satuan", 50),
               "akumulasi": _pilihan(r, "akumulasi", AkumulasiIndikator, "jumlah"),
               "arah": _pilihan(r, "arah", ArahIndikator, "naik"),
               "target": r.uang("target", gaya)}
        for k in OPSIONAL:
            kosong = nilai.teks(b.nilai.get(k)) == ""
            isi[k] = None if kosong else r.uang(k, gaya)
        jenis = None
        if kode is not None:
            jenis = _tingkat(kode)
            if jenis is None:
                r.salah("kode", "bukan kode program (1.02.02), kegiatan (1.02.02.2.01) atau sub "
                                "kegiatan (1.02.02.2.01.0001)")
            elif kode not in nomenklatur[jenis[1]]:
                r.salah("kode", f"kode {jenis[0].label.lower()} tidak dikenal; tambahkan dulu di "
                                f"data master")
                jenis = None
            elif opd is not None and (opd, kode) not in dianggarkan:
                r.salah("kode_opd, kode", f"{jenis[0].label.lower()} ini tidak ada di anggaran "
                                          f"perangkat daerah ini tahun {tahun}", v=f"{opd} · {kode}")
                jenis = None
        if opd is None or jenis is None or nomor is None:
            continue
        kunci = (opd, kode, nomor)
        if kunci in data:
            r.salah("kode_opd, kode, nomor", f"indikator yang sama sudah ada di baris "
                                             f"{data[kunci][0]}", v=" · ".join(map(str, kunci)))
            continue
        rp = {k: isi[k] for k in RP_RENSTRA if isi.get(k) is not None}
        if rp:
            awal = rp_baris.setdefault((opd, kode), (b.nomor, rp))
            for k, v in rp.items():
                if awal[1].get(k, v) != v:
                    r.salah(k, f"berbeda dengan baris {awal[0]} untuk {kode} yang sama (Rp "
                               f"Renstra milik baris program/kegiatan/sub kegiatan, bukan "
                               f"indikatornya)", v=f"{v:f}")
        if r.ok:
            data[kunci] = (b.nomor, {**isi, "tingkat": jenis[0],
                                     jenis[0]: nomenklatur[jenis[1]][kode],
                                     "opd": master.opd[opd]})
        else:
            data[kunci] = (b.nomor, {})
    return data, galat


def impor_indikator(path: Path, *, tahun: int, gaya: str = "polos", dry_run: bool = False
                    ) -> Ringkasan:
    """Check the whole file, then create or update its indicators (never delete others)."""
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    if ta is None:
        raise ImporGagal([Galat(None, "", "", f"tahun anggaran {tahun} belum ada di SIAP")])
    data, galat = _baca(path, tahun, gaya)
    if galat:
        raise ImporGagal(galat)
    lama = {_kunci(i): i for i in IndikatorKinerja.objects.filter(tahun=ta).select_related(
        "opd", "program", "kegiatan", "sub_kegiatan")}
    ringkasan = Ringkasan()
    baru, ubah = [], []
    for kunci, (_, isi) in data.items():
        ada = lama.get(kunci)
        if ada is None:
            baru.append(IndikatorKinerja(tahun=ta, nomor=kunci[2], **isi))
        elif any(getattr(ada, k) != isi[k] for k in KOLOM_MODEL):
            for k in KOLOM_MODEL:
                setattr(ada, k, isi[k])
            ubah.append(ada)
    ringkasan.catat("indikator kinerja", "dibuat", len(baru))
    ringkasan.catat("indikator kinerja", "diubah", len(ubah))
    ringkasan.catat("indikator kinerja", "tetap", len(data) - len(baru) - len(ubah))
    if not dry_run and (baru or ubah):
        with transaction.atomic():
            IndikatorKinerja.objects.bulk_create(baru, batch_size=500)
            IndikatorKinerja.objects.bulk_update(ubah, list(KOLOM_MODEL), batch_size=500)
    return ringkasan


def _kunci(i: IndikatorKinerja) -> tuple:
    return (i.opd.kode, i.nomenklatur.kode, i.nomor)


def baris_ekspor(tahun: int, opd_id: int | None = None) -> list[list]:
    qs = IndikatorKinerja.objects.filter(tahun__tahun=tahun).select_related(
        "opd", "program", "kegiatan", "sub_kegiatan")
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    daftar = sorted(qs, key=lambda i: (i.opd.kode, i.nomenklatur.kode, i.nomor))
    return [[i.opd.kode, i.nomenklatur.kode, i.nomor, i.uraian, i.satuan, i.akumulasi, i.arah,
             i.target, *(getattr(i, k) for k in OPSIONAL)] for i in daftar]


def ekspor_indikator(path, *, tahun: int, opd_id: int | None = None) -> int:
    """Write the indicators of a year (or of one OPD) in the import format."""
    return tulis(path, KOLOM_INDIKATOR, baris_ekspor(tahun, opd_id))
