"""Kinerja for the demo, over whatever the budget demo loaded (every year, OPD and sub
kegiatan in the database): an indicator for every program, kegiatan and sub kegiatan of each
OPD's budget with targets per quarter, the realisasi of the quarters whose last report is in
(a spread of capaian, a few above 150% of target with their explanation), the faktor
pendorong / penghambat of each OPD per reported quarter, and the pemda's outcome indicators
with the seed's 1.058 balita stunting in 2023.

Deterministic: every choice comes from ``random.Random`` seeded by year, OPD and code. A few
bulk inserts per table whatever the size.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Max

from budget.models import (
    PaguAnggaran,
    Pemda,
    PerangkatDaerah,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    TahunAnggaran,
)
from budget.sen import SumSen
from kinerja.akses import grup_bappeda
from kinerja.models import (
    EvaluasiTriwulan,
    IndikatorKinerja,
    IndikatorPemda,
    NilaiIndikatorPemda,
    RealisasiIndikator,
    TargetIndikatorPemda,
    Tingkat,
)
from lib.figures_kinerja import melewati_batas
from reporting.models import LaporanBulanan, StatusLaporan

from . import kinerja_teks as teks

SATU, SEN = Decimal(1), Decimal("0.01")
PRESISI = {"km": SEN, "%": SEN, "poin": SEN}


def _bulat(x: Decimal, satuan: str) -> Decimal:
    return x.quantize(PRESISI.get(satuan, SATU), rounding=ROUND_HALF_UP)


def _per_tw(target: Decimal, sebaran: str, akumulasi: str, satuan: str) -> list[Decimal]:
    """The quarters' targets: the year's spread by weight (they add up to it), or for a level
    read at the last quarter the level expected at each quarter's end."""
    if akumulasi == "terakhir":
        bobot = teks.SEBARAN_TW["kumulatif" if sebaran != "tetap" else "rata"]
        if sebaran == "tetap":
            return [target] * 4
        return [_bulat(target * b / 4, satuan) for b in bobot]
    # Largest remainder in units of the precision: the quarters add up to the year exactly.
    bobot = teks.SEBARAN_TW[sebaran]
    satu = PRESISI.get(satuan, SATU)
    unit = int(target / satu)
    bagian = [unit * b / sum(bobot) for b in bobot]
    bulat = [int(x) for x in bagian]
    for i in sorted(range(4), key=lambda i: bulat[i] - bagian[i])[:unit - sum(bulat)]:
        bulat[i] += 1
    return [satu * b for b in bulat]


def _indikator(rng, tahun, opd_id, tingkat, obj, uraian, satuan, akumulasi, arah, target,
               sebaran, nomor=1, **renstra) -> IndikatorKinerja:
    target = _bulat(Decimal(target), satuan)
    tw = _per_tw(target, sebaran, akumulasi, satuan)
    return IndikatorKinerja(
        tahun=tahun, opd_id=opd_id, tingkat=tingkat, nomor=nomor, uraian=uraian[:500],
        satuan=satuan, akumulasi=akumulasi, arah=arah, target=target, target_tw1=tw[0],
        target_tw2=tw[1], target_tw3=tw[2], target_tw4=tw[3], **{tingkat: obj}, **renstra)


def _renstra(rng, target: Decimal, arah: str, satuan: str, pagu_sen: int) -> dict:
    naik = arah == "naik"
    t = target * Decimal("1.05" if naik else "0.85")
    if satuan == "%":
        t = min(t, Decimal(100))
    ribu = Decimal(1000)
    pagu = Decimal(pagu_sen) / 100
    return {"target_renstra": _bulat(t, satuan),
            "realisasi_renstra_lalu": _bulat(target * Decimal("0.93" if naik else "1.12"),
                                             satuan),
            "target_renstra_rp": (pagu * Decimal("5.2") / ribu).quantize(SATU) * ribu,
            "realisasi_renstra_lalu_rp": (pagu * Decimal(str(round(rng.uniform(2.5, 3.0), 2)))
                                          / ribu).quantize(SATU) * ribu}


def _indikator_tahun(ta: TahunAnggaran, kode_opd: dict[int, str]) -> list[IndikatorKinerja]:
    versi = ta.versi.order_by("-berlaku_mulai").first()
    pagu = defaultdict(int)
    for opd_id, sub_id, sen in (PaguAnggaran.objects.filter(versi=versi)
                                .values_list("rincian__opd_id", "rincian__sub_kegiatan_id")
                                .annotate(sen=SumSen("pagu")).values_list(
                                    "rincian__opd_id", "rincian__sub_kegiatan_id", "sen")):
        pagu[(opd_id, sub_id)] = sen or 0
    subs = {s.pk: s for s in SubKegiatan.objects.filter(
        rincian__tahun=ta).distinct().select_related("kegiatan__program")}
    pasangan = sorted(set(RincianAnggaran.objects.filter(tahun=ta).values_list(
        "opd_id", "sub_kegiatan_id")), key=lambda p: (kode_opd[p[0]], subs[p[1]].kode))
    hasil, program_opd, kegiatan_opd = [], {}, {}
    for opd_id, sub_id in pasangan:
        s = subs[sub_id]
        rng = random.Random(f"kinerja-{ta.tahun}-{kode_opd[opd_id]}-{s.kode}")
        p = teks.pola_sub(s.nama)
        uraian = p.uraian.format(nama=teks.kalimat(s.nama))
        hasil.append(_indikator(rng, ta, opd_id, Tingkat.SUB_KEGIATAN, s, uraian, p.satuan,
                                p.akumulasi, "naik", rng.randint(*p.target), p.sebaran))
        if p.sebaran == "fisik" and rng.random() < 0.3:
            hasil.append(_indikator(rng, ta, opd_id, Tingkat.SUB_KEGIATAN, s,
                                    "Persentase pekerjaan yang selesai tepat waktu", "%",
                                    "terakhir", "naik", 100, "kumulatif", nomor=2))
        keg, prog = s.kegiatan, s.kegiatan.program
        kegiatan_opd.setdefault((opd_id, keg.pk), keg)
        program_opd.setdefault((opd_id, prog.pk), (prog, 0))
        program_opd[(opd_id, prog.pk)] = (prog, program_opd[(opd_id, prog.pk)][1]
                                          + pagu[(opd_id, sub_id)])
    for (opd_id, _), keg in kegiatan_opd.items():
        rng = random.Random(f"kinerja-{ta.tahun}-{kode_opd[opd_id]}-{keg.kode}")
        hasil.append(_indikator(rng, ta, opd_id, Tingkat.KEGIATAN, keg,
                                "Tingkat penyelesaian sub kegiatan sesuai rencana", "%",
                                "terakhir", "naik", 100, "kumulatif"))
    for (opd_id, _), (prog, pagu_sen) in program_opd.items():
        rng = random.Random(f"kinerja-{ta.tahun}-{kode_opd[opd_id]}-{prog.kode}")
        uraian, satuan, arah, rentang = teks.PROGRAM.get(
            prog.kode, (f"Persentase capaian sasaran {teks.kalimat(prog.nama)}", "%", "naik",
                        (90, 100)))
        target = Decimal(rng.randint(*rentang))
        hasil.append(_indikator(rng, ta, opd_id, Tingkat.PROGRAM, prog, uraian, satuan,
                                "terakhir", arah, target, "tetap",
                                **_renstra(rng, target, arah, satuan, pagu_sen)))
    return hasil


def _realisasi(ind: IndikatorKinerja, tw: int, dasar: float, rng) -> RealisasiIndikator | None:
    target = ind.target_triwulan[tw - 1]
    lebih = rng.random() < 0.04
    ragam = 0.03 if ind.akumulasi == "terakhir" else 0.16
    f = rng.uniform(1.6, 2.1) if lebih else max(dasar + rng.uniform(-ragam, ragam), 0.05)
    if ind.satuan == "bulan":
        f, lebih = 1.0, False
    if ind.arah == "turun":
        lebih, f = False, 2 - min(f, 1.1)
    nilai = _bulat(target * Decimal(str(round(f, 4))), ind.satuan)
    if ind.akumulasi == "terakhir" and not lebih and ind.arah == "naik":
        nilai = min(nilai, ind.target)
    if ind.satuan == "%":
        nilai = min(nilai, Decimal(100))
    if target == 0:
        nilai = Decimal(0)
    # Whatever passes 150% of its target is explained, as a submitted report requires.
    lebih = melewati_batas(nilai, target)
    return RealisasiIndikator(indikator=ind, triwulan=tw, nilai=nilai,
                              penjelasan=rng.choice(teks.PENJELASAN) if lebih else "")


def _evaluasi(ta, opd_id, tw, kode: str) -> EvaluasiTriwulan:
    rng = random.Random(f"evaluasi-{ta.tahun}-{kode}-{tw}")
    return EvaluasiTriwulan(
        tahun=ta, opd_id=opd_id, triwulan=tw,
        faktor_pendorong=" ".join(rng.sample(teks.PENDORONG, 2)),
        faktor_penghambat=" ".join(rng.sample(teks.PENGHAMBAT, 2)),
        tindak_lanjut_triwulan=rng.choice(teks.TINDAK_TW),
        tindak_lanjut_renja=rng.choice(teks.TINDAK_RENJA), revisi=1)


def _triwulan_dilaporkan(ta) -> dict[int, list[int]]:
    """The quarters whose last month's report each OPD has submitted."""
    hasil: dict[int, list[int]] = defaultdict(list)
    for opd_id, bulan in (LaporanBulanan.objects.filter(tahun=ta, bulan__in=(3, 6, 9, 12))
                          .exclude(status=StatusLaporan.DRAFT).values_list("opd_id", "bulan")):
        hasil[opd_id].append(bulan // 3)
    return hasil


def _pemda(tahun: list[int], bulan_akhir: dict[int, int]) -> int:
    """The outcome indicators, their targets and values for the demo's years."""
    if (pemda := Pemda.aktif()) is not None and pemda.data_sintetis:
        IndikatorPemda.objects.all().delete()  # a reload (--ganti) replaces the demo's own
    daftar = IndikatorPemda.objects.bulk_create([
        IndikatorPemda(nama=n, satuan=s, arah=a, sumber=sumber, urutan=i)
        for i, (n, s, a, sumber, _) in enumerate(teks.PEMDA, start=1)])
    target, nilai = [], []
    for t in tahun:
        n = t - 2023
        stunting = (teks.STUNTING_2023 if n == 0 else
                    tuple(round(1058 * 0.9 ** n * k) for k in (1.04, 0.99, 0.97)))
        per = {
            0: ([(2, stunting[0]), (6, stunting[1]), (8, stunting[2])],
                950 if n == 0 else round(1058 * 0.9 ** n * 0.92)),
            1: ([(3, Decimal("12.52") - Decimal("0.44") * n)], Decimal("12.30") - Decimal("0.44") * n),
            2: ([(3, max(Decimal("1.12") - Decimal("0.36") * n, Decimal("0.02")))],
                Decimal("0.80") if n <= 0 else Decimal(0)),
            3: ([(11, Decimal("68.45") + Decimal("0.62") * n)], Decimal("68.60") + Decimal("0.62") * n),
        }
        for i, (deret, tgt) in per.items():
            target.append(TargetIndikatorPemda(indikator=daftar[i], tahun=t, target=tgt))
            for bulan, v in deret:
                if bulan <= bulan_akhir.get(t, 12):
                    ket = ("disampaikan Pj Bupati pada Rakor POP TW II 2023"
                           if (i, t, bulan) == (0, 2023, 6) else "")
                    nilai.append(NilaiIndikatorPemda(indikator=daftar[i], tahun=t, bulan=bulan,
                                                     nilai=Decimal(v), keterangan=ket))
    TargetIndikatorPemda.objects.bulk_create(target)
    NilaiIndikatorPemda.objects.bulk_create(nilai)
    lewat = IndikatorPemda.sub_kegiatan.through
    subs = list(SubKegiatan.objects.values_list("pk", "nama"))
    lewat.objects.bulk_create([
        lewat(indikatorpemda_id=ind.pk, subkegiatan_id=pk)
        for ind, (*_, pola) in zip(daftar, teks.PEMDA, strict=True)
        for pk, nama in subs if re.search(pola, nama.lower())])
    return len(daftar)


def _bappeda() -> None:
    """The demo's Kepala Bappeda: a Pimpinan account in the group Bappeda, with the demo
    password (copied from the pimpinan account, hashed once by the budget demo)."""
    User = get_user_model()
    contoh = User.objects.filter(username="pimpinan").first()
    if contoh is None:
        return
    u, _ = User.objects.get_or_create(username="bappeda", defaults={
        "peran": contoh.peran, "password": contoh.password, "first_name": "Kepala Bappeda",
        "jabatan": "Kepala Badan Perencanaan Pembangunan Daerah", "date_joined": contoh.date_joined})
    u.groups.add(grup_bappeda())


def _sisipkan(realisasi: list[RealisasiIndikator]) -> None:
    """The quarters' values in one ``executemany``: 20.000 rows without building an INSERT
    through the ORM for each batch (their audit history starts with the first real change)."""
    q = connection.ops.quote_name
    kolom = ("indikator_id", "triwulan", "nilai", "penjelasan")
    sql = (f"INSERT INTO {q(RealisasiIndikator._meta.db_table)} "
           f"({', '.join(q(k) for k in kolom)}) VALUES ({', '.join(['%s'] * len(kolom))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(r.indikator_id, r.triwulan, r.nilai, r.penjelasan)
                                 for r in realisasi])


def muat_kinerja_demo(stdout=None) -> dict[str, int]:
    kode_opd = dict(PerangkatDaerah.objects.values_list("pk", "kode"))
    bulan_akhir = dict(RealisasiKeuangan.objects.values("rincian__tahun__tahun").annotate(
        m=Max("bulan")).values_list("rincian__tahun__tahun", "m"))
    tahun = list(TahunAnggaran.objects.filter(rincian__isnull=False).distinct().order_by("tahun"))
    jumlah = {"indikator": 0, "realisasi": 0, "evaluasi": 0}
    for ta in tahun:
        indikator = IndikatorKinerja.objects.bulk_create(_indikator_tahun(ta, kode_opd),
                                                         batch_size=1000)
        dilaporkan = _triwulan_dilaporkan(ta)
        realisasi, evaluasi = [], []
        for opd_id, daftar_tw in sorted(dilaporkan.items()):
            for tw in sorted(daftar_tw):
                evaluasi.append(_evaluasi(ta, opd_id, tw, kode_opd[opd_id]))
        # Bappeda's evaluation of the RKPD (E.79) for each quarter some OPD reported.
        for tw in sorted({tw for daftar_tw in dilaporkan.values() for tw in daftar_tw}):
            evaluasi.append(_evaluasi(ta, None, tw, "pemda"))
        dasar = {o: random.Random(f"dasar-{ta.tahun}-{k}").uniform(0.55, 1.08)
                 for o, k in kode_opd.items()}
        for ind in indikator:
            kunci = f"{ta.tahun}-{kode_opd[ind.opd_id]}-{ind.nomenklatur.kode}-{ind.nomor}"
            # A level (read at the last quarter) keeps one pace over the year: it rises.
            sendiri = dasar[ind.opd_id] + random.Random(kunci).uniform(-0.15, 0.12)
            for tw in sorted(dilaporkan.get(ind.opd_id, ())):
                rng = random.Random(f"realisasi-{kunci}-{tw}")
                pace = sendiri if ind.akumulasi == "terakhir" else dasar[ind.opd_id]
                realisasi.append(_realisasi(ind, tw, pace, rng))
        _sisipkan(realisasi)
        EvaluasiTriwulan.objects.bulk_create(evaluasi)
        jumlah["indikator"] += len(indikator)
        jumlah["realisasi"] += len(realisasi)
        jumlah["evaluasi"] += len(evaluasi)
    jumlah["indikator_pemda"] = _pemda([t.tahun for t in tahun], bulan_akhir)
    _bappeda()
    if stdout is not None:
        r = {k: f"{v:,}".replace(",", ".") for k, v in jumlah.items()}
        stdout.write(f"Kinerja: {r['indikator']} indikator, {r['realisasi']} realisasi "
                     f"triwulan, {r['evaluasi']} evaluasi triwulan, {r['indikator_pemda']} "
                     f"indikator pemda; akun bappeda (grup Bappeda).")
    return jumlah


def hapus_kinerja_demo() -> None:
    """Delete what ``muat_kinerja_demo`` made — only over a demo (a pemda marked synthetic),
    never official data — with plain DELETE statements: the audit history of 20.000 quarterly
    values would otherwise be written row by row as they go (``demo.load.hapus_demo`` removes
    the rows tied to the demo's years and OPD by itself, but slowly, and leaves the pemda's
    outcome indicators and the bappeda account)."""
    from django.contrib.auth.models import Group

    from kinerja.akses import NAMA_GRUP_BAPPEDA

    pemda = Pemda.aktif()
    if pemda is not None and not pemda.data_sintetis:
        return
    with connection.cursor() as cursor:
        for model in (RealisasiIndikator, RealisasiIndikator.history.model, EvaluasiTriwulan,
                      EvaluasiTriwulan.history.model):  # nothing refers to these tables
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    IndikatorKinerja.objects.all().delete()
    IndikatorPemda.objects.all().delete()
    get_user_model().objects.filter(username="bappeda").delete()
    Group.objects.filter(name=NAMA_GRUP_BAPPEDA).delete()
