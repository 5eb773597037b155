"""Fetching for the drill-down pages (one OPD, one sub kegiatan) and the monthly series of
the Kurva S — each in a constant number of queries, money summed exactly with ``SumSen``.

The arithmetic stays in ``lib.figures``: the series are built as ``Jumlah`` per month
and turned into percentages by ``hitung_angka()``, so a point of the curve is computed exactly like
the figure in the table beside it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from budget.models import (
    BULAN_AK,
    BULAN_FISIK,
    BULAN_KUMULATIF,
    BULAN_TARGET_FISIK,
    FisikTerakhir,
    PaguAnggaran,
    RealisasiKeuangan,
    RealisasiKumulatif,
    RincianAnggaran,
    SubKegiatan,
    VersiAnggaran,
)
from budget.sen import SumSen, sen_ke_rupiah, sql_jumlah_sen
from lib.figures import NOL, Angka, Jumlah, hitung_angka
from lib.periode import akhir_bulan, cek_bulan
from reporting.models import LaporanBulanan

from .queries import HasilRekap
from .sql_rekap import nama_tabel, sql_id_tahun

# --- Kurva S -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriKurva:
    """Cumulative figures per month (index 0 = January). ``bulanan[m]`` is the ``Angka`` of
    the cut-off at the end of month m+1 with the pagu in force at the page's cut-off;
    realisasi and realisasi fisik exist only up to the cut-off."""

    bulan: int
    bulanan: list[Angka]

    @property
    def persen_target(self) -> list[Decimal | None]:
        return [a.persen_target for a in self.bulanan]

    @property
    def persen_realisasi(self) -> list[Decimal | None]:
        return [a.persen_realisasi if i < self.bulan else None
                for i, a in enumerate(self.bulanan)]

    @property
    def target_fisik(self) -> list[Decimal | None]:
        return [a.target_fisik for a in self.bulanan]

    @property
    def fisik(self) -> list[Decimal | None]:
        return [a.fisik if i < self.bulan else None for i, a in enumerate(self.bulanan)]


CARI = object()


_PISAH = 100_000_000  # pagu_sen = hi × _PISAH + lo: Σ hi × h and Σ lo × h stay in 64 bits


def _sql_kurva(tahun: int, bulan: int, versi_id: int, opd_id: int | None,
               sub_kegiatan_id: int | None) -> tuple[str, list]:
    """One query for the whole series, as at most six rows (jenis, a, m01..m12) of integers:
    jenis 0 = pagu (a) and anggaran kas per month of the version (sen); 1 = realisasi up to
    the end of each month (sen, from ``RealisasiKumulatif``); 2/3 = Σ pagu × realisasi fisik
    at each month (sen × hundredths of a percent) split as 2 × ``_PISAH`` + 3, weighted by
    the pagu of each (OPD, sub kegiatan) and taken from ``FisikTerakhir`` (the latest report
    at or before each month); 4/5 the same for target fisik. No per-(OPD, sub kegiatan) row
    reaches Python, and the database reads one row per line and per sub kegiatan instead of
    one per month."""
    id_tahun = sql_id_tahun()
    rincian = nama_tabel(RincianAnggaran)

    def saring(opd: str, sub: str) -> tuple[str, list]:
        sql, params = "", []
        if opd_id is not None:
            sql += f" AND {opd} = %s"
            params.append(opd_id)
        if sub_kegiatan_id is not None:
            sql += f" AND {sub} = %s"
            params.append(sub_kegiatan_id)
        return sql, params

    s_r, p_r = saring("r.opd_id", "r.sub_kegiatan_id")
    s_f, p_f = saring("f.opd_id", "f.sub_kegiatan_id")
    pagu = f"{nama_tabel(PaguAnggaran)} p JOIN {rincian} r ON r.id = p.rincian_id"
    bagian = [
        (f"""SELECT 0, {sql_jumlah_sen("p.pagu")},
                    {", ".join(sql_jumlah_sen(f"p.{k}") for k in BULAN_AK)}
            FROM {pagu} WHERE p.versi_id = %s{s_r}""", [versi_id, *p_r]),
        (f"""SELECT 1, 0, {", ".join(f"SUM(k.{c})" for c in BULAN_KUMULATIF)}
            FROM {nama_tabel(RealisasiKumulatif)} k JOIN {rincian} r ON r.id = k.rincian_id
            WHERE r.tahun_id = {id_tahun}{s_r}""", [tahun, *p_r]),
    ]
    # The pagu of each (OPD, sub kegiatan) with fisik, computed once (MATERIALIZED) for the
    # four sums below. PostgreSQL hash-joins the pagu grouped per (OPD, sub kegiatan);
    # SQLite has no index on a grouped CTE and would scan it for every row, so it looks the
    # pagu up per row through the base tables' indexes instead (on PostgreSQL that lookup
    # is the slower plan).
    if connection.vendor == "postgresql":
        cte = f"""WITH pg AS (
            SELECT r.opd_id, r.sub_kegiatan_id, {sql_jumlah_sen("p.pagu")} AS sen
            FROM {pagu} WHERE p.versi_id = %s{s_r}
            GROUP BY r.opd_id, r.sub_kegiatan_id),
        w AS MATERIALIZED (SELECT pg.sen AS w, f.* FROM {nama_tabel(FisikTerakhir)} f
              JOIN pg ON pg.opd_id = f.opd_id AND pg.sub_kegiatan_id = f.sub_kegiatan_id
              WHERE f.tahun_id = {id_tahun}{s_f})
        """
        p_cte = [versi_id, *p_r, tahun, *p_f]
    else:
        cte = f"""WITH w AS MATERIALIZED (SELECT f.*, (
                      SELECT {sql_jumlah_sen("p.pagu")} FROM {pagu}
                      WHERE p.versi_id = %s AND r.tahun_id = f.tahun_id
                        AND r.opd_id = f.opd_id AND r.sub_kegiatan_id = f.sub_kegiatan_id
                  ) AS w
                  FROM {nama_tabel(FisikTerakhir)} f WHERE f.tahun_id = {id_tahun}{s_f})
        """
        p_cte = [versi_id, tahun, *p_f]
    hi, lo = f"(w.w / {_PISAH})", f"(w.w - (w.w / {_PISAH}) * {_PISAH})"
    for jenis, kolom in ((2, BULAN_FISIK), (4, BULAN_TARGET_FISIK)):
        for geser, bagian_w in ((0, hi), (1, lo)):
            bagian.append((f"""SELECT {jenis + geser}, 0,
                    {", ".join(f"SUM({bagian_w} * w.{c})" for c in kolom)}
                FROM w WHERE w.w IS NOT NULL""", []))
    sql = cte + "\nUNION ALL\n".join(b for b, _ in bagian)
    params = p_cte + [x for _, p in bagian for x in p]
    return sql, params


def seri_kurva(tahun: int, bulan: int, *, opd_id: int | None = None,
               sub_kegiatan_id: int | None = None, versi=CARI) -> SeriKurva:
    """The Kurva S series of the pemda, one OPD or one sub kegiatan of an OPD, in two
    queries whatever the size: the version in force at the cut-off, and ``_sql_kurva``
    (six rows). Pass ``versi`` (``HasilRekap.data.versi``) when already known to save the
    first one.

    Sums are integers (sen; fisik weights in sen × hundredths of a percent), so the curve
    equals ``seri_kurva_rujukan`` exactly."""
    cek_bulan(bulan)
    if versi is CARI:
        versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    sql, params = _sql_kurva(tahun, bulan, versi.pk if versi is not None else -1, opd_id,
                             sub_kegiatan_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    pagu_total = 0
    deret = {j: [0] * 12 for j in range(6)}
    for jenis, a, *bulanan in rows:
        if jenis == 0:
            pagu_total = int(a or 0)
        deret[jenis] = [int(x or 0) for x in bulanan]
    # Realisasi stops at the cut-off: later months keep the cut-off's total.
    realisasi = [deret[1][min(m, bulan - 1)] for m in range(12)]
    bulanan = []
    target = 0
    for m in range(12):
        target += deret[0][m]
        bulanan.append(hitung_angka(Jumlah(
            pagu=Decimal(pagu_total).scaleb(-2), target=Decimal(target).scaleb(-2),
            realisasi=Decimal(realisasi[m]).scaleb(-2),
            bobot_fisik=Decimal(deret[2][m] * _PISAH + deret[3][m]).scaleb(-4),
            bobot_target_fisik=Decimal(deret[4][m] * _PISAH + deret[5][m]).scaleb(-4),
        )))
    return SeriKurva(bulan=bulan, bulanan=bulanan)


# --- OPD page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisSub:
    sub_kegiatan: SubKegiatan
    angka: Angka


@dataclass
class KelompokKegiatan:
    kode: str
    nama: str
    sub: list[BarisSub] = field(default_factory=list)


@dataclass
class KelompokProgram:
    kode: str
    nama: str
    kegiatan: list[KelompokKegiatan] = field(default_factory=list)


def sub_kegiatan_opd(hasil: HasilRekap, opd_id: int) -> list[KelompokProgram]:
    """The OPD's sub kegiatan with their figures (from ``hasil``), grouped by program and
    kegiatan in code order — one query for the nomenclature labels."""
    angka_sub = _angka_sub_opd(hasil, opd_id)
    subs = (
        SubKegiatan.objects.filter(pk__in=angka_sub)
        .select_related("kegiatan__program")
        .order_by("kode")
    )
    program: dict[int, KelompokProgram] = {}
    kegiatan: dict[int, KelompokKegiatan] = {}
    for s in subs:
        keg, prog = s.kegiatan, s.kegiatan.program
        if prog.pk not in program:
            program[prog.pk] = KelompokProgram(prog.kode, prog.nama)
        if keg.pk not in kegiatan:
            kegiatan[keg.pk] = KelompokKegiatan(keg.kode, keg.nama)
            program[prog.pk].kegiatan.append(kegiatan[keg.pk])
        kegiatan[keg.pk].sub.append(BarisSub(s, angka_sub[s.pk]))
    return sorted(program.values(), key=lambda p: p.kode)


# --- sub kegiatan page -------------------------------------------------------------------


@dataclass(frozen=True)
class BarisAnggaran:
    """One budget line of a sub kegiatan: its figures at the cut-off and its months."""

    rincian: RincianAnggaran
    angka: Angka
    anggaran_kas: list[Decimal]  # 12 months of the version in force
    realisasi: list[Decimal | None]  # per month, None after the cut-off
    kumulatif: list[Decimal | None]  # cumulative realisasi, None after the cut-off


def baris_anggaran(hasil: HasilRekap, opd_id: int, sub_kegiatan_id: int) -> list[BarisAnggaran]:
    """The budget lines of one sub kegiatan of one OPD, in three queries (lines with their
    masters, pagu and anggaran kas of the version in force, realisasi per month).

    Each line's figures come from ``figures.hitung_angka`` over the line's own ``Jumlah``."""
    bulan = hasil.bulan
    rincian = list(
        RincianAnggaran.objects.filter(
            tahun__tahun=hasil.tahun, opd_id=opd_id, sub_kegiatan_id=sub_kegiatan_id
        ).select_related("sumber_dana", "jenis_belanja")
    )
    ids = [r.pk for r in rincian]
    ak: dict[int, tuple[Decimal, list[Decimal]]] = {}
    if hasil.data.versi is not None:
        for row in PaguAnggaran.objects.filter(versi=hasil.data.versi, rincian_id__in=ids) \
                .values_list("rincian_id", "pagu", *BULAN_AK):
            ak[row[0]] = (row[1], list(row[2:]))
    real: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for rid, b, sen in (
        RealisasiKeuangan.objects.filter(rincian_id__in=ids, bulan__lte=bulan)
        .values("rincian_id", "bulan").annotate(sen=SumSen("jumlah"))
        .values_list("rincian_id", "bulan", "sen")
    ):
        real[rid][b] = sen_ke_rupiah(sen)

    # Fisik belongs to the sub kegiatan, not the line: take it from the rekap.
    fisik = hasil.data.fisik_sub(opd_id, sub_kegiatan_id)
    dilaporkan = bulan_dilaporkan(hasil.tahun, opd_id, bulan)
    hasil_baris = []
    for r in rincian:
        pagu, kas = ak.get(r.pk, (NOL, [NOL] * 12))
        if not pagu and not real.get(r.pk):
            continue  # neither in the version in force nor spent: not part of the cut-off
        bulanan = [real[r.pk].get(b, NOL) if b in dilaporkan else None for b in range(1, 13)]
        kumulatif, jalan = [], NOL
        for v in bulanan:
            if v is None:
                kumulatif.append(None)
            else:
                jalan += v
                kumulatif.append(jalan)
        j = Jumlah(pagu, sum(kas[:bulan], NOL), jalan,
                   pagu * fisik[0], pagu * fisik[1])
        hasil_baris.append(BarisAnggaran(r, hitung_angka(j), kas, bulanan, kumulatif))
    return hasil_baris


def bulan_dilaporkan(tahun: int, opd_id: int, bulan: int) -> set[int]:
    """The months up to ``bulan`` an OPD has reported, in one query: its report was submitted,
    or it has realisasi on any line (an import). In a month not reported a line shows "–"
    (unknown), not 0,00; once reported, a line without realisasi did spend nothing."""
    diajukan = LaporanBulanan.objects.filter(
        tahun__tahun=tahun, opd_id=opd_id, bulan__lte=bulan, pertama_diajukan_pada__isnull=False
    ).order_by().values_list("bulan", flat=True)
    ada_realisasi = RealisasiKeuangan.objects.filter(
        rincian__tahun__tahun=tahun, rincian__opd_id=opd_id, bulan__lte=bulan
    ).order_by().values_list("bulan", flat=True)
    return set(diajukan.union(ada_realisasi))


def _angka_sub_opd(hasil: HasilRekap, opd_id: int) -> dict[int, Angka]:
    """{sub kegiatan: figures} of one OPD in the rekap's order. From the OPD's own sums when
    ``hitung_rekap`` kept them (``DataRekap.jumlah_sub_kegiatan``: the same ``hitung_angka`` of the
    same sums, without building the 124.000 sub kegiatan of a ×100 kabupaten)."""
    jumlah = hasil.data.jumlah_sub_kegiatan(opd_id)
    if jumlah is not None:
        return {k[1]: hitung_angka(j) for k, j in jumlah.items()}
    return {k.kunci[1]: k.angka for k in hasil.rekap.sub_kegiatan if k.kunci[0] == opd_id}


def jumlah_sub(hasil: HasilRekap, opd_id: int, sub_kegiatan_id: int) -> Angka | None:
    """The figures of one sub kegiatan of one OPD as the rekap computed them."""
    return _angka_sub_opd(hasil, opd_id).get(sub_kegiatan_id)
