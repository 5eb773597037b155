"""Budget from SIPD: anggaran kas (per sub kegiatan × akun, months 1–12) and, optionally, the DPA
lines (with sumber dana and pagu), into one budget version — through ``impor_anggaran``, so
every check of ``siap impor anggaran`` applies (Σ months = pagu, codes, recorded realisasi
within the new pagu, version names, ``--buat-master``).

Per (OPD, sub kegiatan, jenis belanja): with a DPA, its sumber dana lines get their pagu from
the DPA and their months from the anggaran kas — as named when the anggaran kas has a sumber
dana column, else split by ``bagi.bagi_bulan``; the anggaran kas of the group must add up to
the DPA's pagu. Without a DPA, each line's pagu is the sum of its months, and the sumber dana
comes from a column or from ``sumber_dana`` (the default).
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from budget.models import SumberDana
from lib.rupiah import rupiah

from ..baca import BerkasTidakValid, DaftarGalat, Galat
from ..impor_anggaran import impor_anggaran
from ..umum import KOLOM_ANGGARAN, ImporGagal, Ringkasan
from . import berkas as bk
from .anggaran_baca import Bacaan, baca_anggaran_kas, baca_cetak, baca_dpa
from .bagi import bagi_bulan
from .berkas import sha256
from .cocok import Pencocok
from .models import ImporSipd, JenisBerkasSipd
from .nilai_sipd import dari_sen
from .realisasi import TataLetakTidakDikenal
from .tulis import ringkasan_json

_KOLOM = "kode SKPD/sub unit · sub kegiatan · jenis belanja"


@dataclass
class HasilAnggaran:
    tata_letak: str
    tata_letak_dpa: str = ""
    baris: dict = field(default_factory=dict)
    dibagi: int = 0  # groups whose anggaran kas was split over several sumber dana
    rincian: int = 0
    total: object = 0
    ringkasan: Ringkasan = field(default_factory=Ringkasan)


def _baca(path: Path, jenis: str, pencocok, galat, buat_master, sd, gaya, pemetaan) -> Bacaan:
    try:
        b = bk.buka(path, jenis, galat, pemetaan=pemetaan, awalan=f"{path.name} · ")
        if b.susunan is None and jenis == JenisBerkasSipd.ANGGARAN_KAS and \
                path.suffix.lower() == ".xlsx":
            return baca_cetak(path, pencocok, galat, buat_master, sd, gaya)
        if b.susunan is None:
            raise TataLetakTidakDikenal(b, jenis)
        b.susunan.gaya = gaya
        baca = baca_anggaran_kas if jenis == JenisBerkasSipd.ANGGARAN_KAS else baca_dpa
        return baca(b, pencocok, galat, buat_master, sd)
    except BerkasTidakValid as exc:
        for g in exc.galat:
            galat.append(Galat(g.baris, g.kolom, g.nilai, f"{path.name}: {g.alasan}"))
        return Bacaan()


def impor_sipd_anggaran(path_ak, *, path_dpa=None, tahun: int, jenis_versi: str,
                        berlaku: datetime.date, nama: str | None = None, buat_master=False,
                        sumber_dana: str | None = None, gaya: str = "polos", dry_run=False,
                        oleh=None, nama_berkas: str | None = None, nama_dpa: str | None = None,
                        pemetaan: dict | None = None, pemetaan_dpa: dict | None = None
                        ) -> HasilAnggaran:
    path_ak, path_dpa = Path(path_ak), Path(path_dpa) if path_dpa else None
    galat, pencocok = DaftarGalat(), Pencocok()
    if sumber_dana and not SumberDana.objects.filter(kode=sumber_dana).exists():
        raise ImporGagal([Galat(None, "", sumber_dana, "sumber dana bawaan tidak dikenal")])
    ak = _baca(path_ak, JenisBerkasSipd.ANGGARAN_KAS, pencocok, galat, buat_master,
               None if path_dpa else sumber_dana, gaya, pemetaan)
    dpa = _baca(path_dpa, JenisBerkasSipd.DPA, pencocok, galat, buat_master, sumber_dana, gaya,
                pemetaan_dpa) if path_dpa else None
    if galat:
        raise ImporGagal(galat)
    hasil = HasilAnggaran(ak.tata_letak, dpa.tata_letak if dpa else "",
                          {"anggaran_kas": ak.baris, "dpa": dpa.baris if dpa else 0})
    garis = _gabung(ak, dpa, galat, hasil, path_ak.name, path_dpa.name if path_dpa else "")
    if galat:
        raise ImporGagal(galat)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / "anggaran.csv"
        asal = _tulis_csv(tmp, garis)
        with transaction.atomic():
            try:
                hasil.ringkasan = impor_anggaran(
                    tmp, tahun=tahun, jenis_versi=jenis_versi, berlaku=berlaku, nama=nama,
                    buat_master=buat_master, dry_run=dry_run)
            except ImporGagal as exc:
                raise ImporGagal([_asal(g, asal) for g in exc.galat]) from None
            if not dry_run:
                _catat(hasil, path_ak, nama_berkas or path_ak.name, path_dpa,
                       nama_dpa or (path_dpa.name if path_dpa else ""), tahun, berlaku, oleh)
    return hasil


def _asal(g: Galat, asal: dict[int, tuple]) -> Galat:
    """An error of the SIAP-format rows made from the SIPD files, told of the SIPD row (the
    first anggaran kas row of the line) and of the line."""
    if g.baris not in asal:
        return g
    nomor, nama, label = asal[g.baris]
    return Galat(nomor, g.kolom, g.nilai, f"{nama}, rincian {label}: {g.alasan}")


def _gabung(ak: Bacaan, dpa: Bacaan | None, galat: DaftarGalat, hasil, nama_ak: str,
            nama_dpa: str) -> list[tuple]:
    urutan = {k: i for i, k in enumerate(SumberDana.objects.order_by("urutan", "kode")
                                         .values_list("kode", flat=True))}
    grup: dict[tuple, dict] = {}
    for (opd, sub, jb, sd), x in ak.isian.items():
        grup.setdefault((opd, sub, jb), {"ak": {}, "dpa": {}})["ak"][sd] = x
    for (opd, sub, jb, sd), x in (dpa.isian.items() if dpa else ()):
        grup.setdefault((opd, sub, jb), {"ak": {}, "dpa": {}})["dpa"][sd] = x
    garis = []
    for (opd, sub, jb), g in sorted(grup.items()):
        label = f"{opd} · {sub} · {jb}"
        a0 = next(iter(g["ak"].values()), None)
        d0 = next(iter(g["dpa"].values()), None)
        if a0 is None:
            galat.append(Galat(d0.nomor, _KOLOM, label, f"{nama_dpa}: rincian DPA ini tidak punya "
                                                        f"anggaran kas di {nama_ak}"))
            continue
        nama_opd, nama_sub = a0.nama_opd or (d0.nama_opd if d0 else ""), a0.nama_sub or (
            d0.nama_sub if d0 else "")
        if dpa is None:
            if None in g["ak"]:
                galat.append(Galat(a0.nomor, _KOLOM, label, f"{nama_ak}: tanpa sumber dana; beri "
                                                            f"kolom sumber dana, berkas DPA atau "
                                                            f"sumber dana bawaan"))
                continue
            bulan = {sd: x.bulan for sd, x in g["ak"].items()}
        else:
            bulan = _bagi(g, label, galat, hasil, urutan, nama_ak, nama_dpa)
            if bulan is None:
                continue
        for sd, b in sorted(bulan.items(), key=lambda x: (urutan.get(x[0], 1 << 20), x[0])):
            garis.append(((opd, nama_opd, sub, nama_sub, sd, jb), b, a0.nomor, nama_ak))
    hasil.rincian = len(garis)
    hasil.total = dari_sen(sum(sum(b) for _, b, _, _ in garis))
    return garis


def _bagi(g, label, galat, hasil, urutan, nama_ak, nama_dpa) -> dict | None:
    a0 = next(iter(g["ak"].values()))
    pagu = {sd: x.pagu for sd, x in g["dpa"].items()}
    if not pagu:
        galat.append(Galat(a0.nomor, _KOLOM, label, f"{nama_ak}: anggaran kas ini tidak punya "
                                                    f"rincian di DPA {nama_dpa}"))
        return None
    total_ak = sum(sum(x.bulan) for x in g["ak"].values())
    if total_ak != sum(pagu.values()):
        galat.append(Galat(a0.nomor, "bulan 1–12", f"{dari_sen(total_ak):f}", (
            f"{nama_ak}: jumlah anggaran kas {rupiah(dari_sen(total_ak))} tidak sama dengan "
            f"pagu DPA {rupiah(dari_sen(sum(pagu.values())))} untuk {label}")))
        return None
    if None not in g["ak"]:
        for sd, x in g["ak"].items():
            if sum(x.bulan) != pagu.get(sd, 0):
                galat.append(Galat(x.nomor, "sumber dana", sd, (
                    f"{nama_ak}: anggaran kas {rupiah(dari_sen(sum(x.bulan)))} tidak sama dengan "
                    f"pagu DPA {rupiah(dari_sen(pagu.get(sd, 0)))} untuk {label} sumber dana {sd}")))
                return None
        return {sd: x.bulan for sd, x in g["ak"].items()}
    if len(g["ak"]) > 1:
        galat.append(Galat(a0.nomor, "sumber dana", label, f"{nama_ak}: sebagian baris rincian "
                                                           f"ini menyebut sumber dana, sebagian "
                                                           f"tidak"))
        return None
    urut = sorted(pagu, key=lambda sd: (urutan.get(sd, 1 << 20), sd))
    if len(urut) > 1:
        hasil.dibagi += 1
    return dict(zip(urut, bagi_bulan([pagu[sd] for sd in urut], a0.bulan), strict=True))


def _tulis_csv(path: Path, garis: list[tuple]) -> dict[int, tuple]:
    asal = {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(KOLOM_ANGGARAN)
        for i, ((opd, nopd, sub, nsub, sd, jb), bulan, nomor, nama) in enumerate(garis, start=2):
            w.writerow([opd, nopd, sub, nsub, sd, jb, f"{dari_sen(sum(bulan)):f}",
                        *(f"{dari_sen(b):f}" for b in bulan)])
            asal[i] = (nomor, nama, f"{opd} · {sub} · {sd} · {jb}")
    return asal


def _catat(hasil, path_ak, nama_ak, path_dpa, nama_dpa, tahun, berlaku, oleh) -> None:
    from budget.models import VersiAnggaran

    versi = VersiAnggaran.objects.filter(tahun__tahun=tahun, berlaku_mulai=berlaku).first()
    for jenis, path, nama, tata_letak in (
            (JenisBerkasSipd.ANGGARAN_KAS, path_ak, nama_ak, hasil.tata_letak),
            (JenisBerkasSipd.DPA, path_dpa, nama_dpa, hasil.tata_letak_dpa)):
        if path is None:
            continue
        ImporSipd.objects.create(
            jenis=jenis, nama_berkas=nama[:255], sha256=sha256(path), ukuran=path.stat().st_size,
            tata_letak=tata_letak, tahun=tahun, tanggal=berlaku, versi=versi, oleh=oleh,
            baris={"dipakai": hasil.baris.get(jenis if jenis == "dpa" else "anggaran_kas", 0)},
            ringkasan=ringkasan_json(hasil.ringkasan), total=hasil.total)
