"""Fetch the sums behind the Rakor figures in a constant number of SQL queries.

The count does not depend on the number of OPD or lines: one query for the version in force,
one for the sums, and one per master used as labels. Realisasi up to the cut-off and the
latest realisasi / target fisik come from the derived tables the database keeps in step with
every write (``budget.models.kumulatif``, triggers of budget migration 0005, checked by
``siap kumulatif``): one row per line and per sub kegiatan, whatever the number of months.
Money is added up as whole sen (``budget.sen``) and the fisik weights as sen × hundredths
of a percent — exact, and several times faster than adding ``Decimal`` objects;
``lib.figures`` does the rest. ``evaluation/tests/rujukan.py`` keeps the
plain line-grain computation over the source rows as the reference the optimised path is
tested against (``evaluation/tests/test_optimasi.py``, ``test_skala_acak.py``).

PostgreSQL adds the groups up in SQL (``numeric`` sums cannot overflow); SQLite fetches the
lines and adds them up in Python (its 64-bit SUM could overflow on the fisik weights of a very
large pemda). The choice is made by ``connection.vendor`` in ``hitung_rekap``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from budget.models import (
    JenisBelanja,
    PerangkatDaerah,
    SumberDana,
    VersiAnggaran,
)
from lib.figures import (
    NOL,
    Baris,
    Jumlah,
    KelasSebaran,
    Rekap,
    rekap_dari_jumlah,
    sebaran_bulat,
)
from lib.periode import akhir_bulan, cek_bulan

from .sql_rekap import sql_agregat, sql_baris


class DataRekap:
    """Plain data for one cut-off: the lines and the labels of their keys.

    ``baris`` (every line as ``Baris``) is either given (the reference path) or fetched on
    first read from ``sumber_baris`` — ``hitung_rekap`` adds the figures up without it."""

    def __init__(
        self,
        tahun: int,
        bulan: int,
        versi: VersiAnggaran | None,
        baris: list[Baris] | None = None,
        opd: dict[int, PerangkatDaerah] | None = None,
        sumber_dana: dict[int, SumberDana] | None = None,
        jenis_belanja: dict[int, JenisBelanja] | None = None,
        *,
        sumber_baris: _Baris | None = None,
    ) -> None:
        self.tahun = tahun
        self.bulan = bulan
        self.versi = versi
        self._baris = baris
        self._sumber = sumber_baris
        self._per_opd: dict[int, _Baris] = {}
        self.opd = opd if opd is not None else {}
        self.sumber_dana = sumber_dana if sumber_dana is not None else {}
        self.jenis_belanja = jenis_belanja if jenis_belanja is not None else {}

    @property
    def baris(self) -> list[Baris]:
        if self._baris is None:
            self._baris = self._sumber.baris() if self._sumber is not None else []
        return self._baris

    @baris.setter
    def baris(self, nilai: list[Baris]) -> None:
        self._baris = nilai

    def _sumber_opd(self, opd: int) -> _Baris:
        """The lines of one OPD: from all the lines when they are already fetched, else
        that OPD's own (one query, cached)."""
        if self._sumber.terambil:
            return self._sumber
        if opd not in self._per_opd:
            self._per_opd[opd] = self._sumber.untuk_opd(opd)
        return self._per_opd[opd]

    def fisik_sub(self, opd: int, sub_kegiatan: int) -> tuple[Decimal, Decimal]:
        """(realisasi fisik, target fisik) in percent of one (opd, sub kegiatan) at the
        cut-off; 0 when it has no line in the cut-off or no fisik reported."""
        if self._sumber is not None:
            *_, fh, tfh = self._sumber_opd(opd).per_sub.get((opd, sub_kegiatan), (0,) * 5)
            return Decimal(fh).scaleb(-2), Decimal(tfh).scaleb(-2)
        return next(
            ((b.fisik, b.target_fisik) for b in self.baris
             if b.opd == opd and b.sub_kegiatan == sub_kegiatan),
            (NOL, NOL),
        )

    def jumlah_sub_kegiatan(self, opd: int) -> dict[tuple[int, int], Jumlah] | None:
        """The sums of one OPD's sub kegiatan, {(opd, sub kegiatan): Jumlah} in the rekap's
        order, from that OPD's lines — without building the figures of every sub kegiatan.
        None on the reference path."""
        if self._sumber is None:
            return None
        per_sub = self._sumber_opd(opd).per_sub
        return _jumlah_per_sub({k: v for k, v in per_sub.items() if k[0] == opd})

    def jumlah_per_sub(self, sub_kegiatan: set[int]) -> dict[tuple[int, int], Jumlah] | None:
        """The sums of every OPD's lines of the given sub kegiatan, {(opd, sub kegiatan):
        Jumlah}, without building the figures of all the others (kinerja: the sub kegiatan
        tagged to an outcome indicator). None on the reference path."""
        if self._sumber is None:
            return None
        return _jumlah_per_sub({k: v for k, v in self._sumber.per_sub.items()
                                if k[1] in sub_kegiatan})

    def fisik_per_sub(self) -> list[tuple[int, int]] | None:
        """(pagu in sen, realisasi fisik in hundredths of a percent) of every (OPD, sub
        kegiatan) of the cut-off, as integers (``figures_kinerja.sebaran_fisik_bulat``).
        None on the reference path."""
        if self._sumber is None:
            return None
        return [(p, fh) for p, _, _, fh, _ in self._sumber.per_sub.values()]

    def __repr__(self) -> str:
        return f"DataRekap(tahun={self.tahun}, bulan={self.bulan}, versi={self.versi!r})"


@dataclass
class HasilRekap:
    """The figures of one cut-off with what is needed to label them."""

    data: DataRekap
    rekap: Rekap

    @property
    def tahun(self) -> int:
        return self.rekap.tahun

    @property
    def bulan(self) -> int:
        return self.rekap.bulan


def _ke_jumlah(s) -> Jumlah:
    # pagu, target and realisasi in sen; the fisik weights in sen × hundredths of a percent.
    return Jumlah(
        Decimal(s[0]).scaleb(-2), Decimal(s[1]).scaleb(-2), Decimal(s[2]).scaleb(-2),
        Decimal(s[3]).scaleb(-4), Decimal(s[4]).scaleb(-4),
    )


class _Baris:
    """The lines of one cut-off as fetched by ``sql_baris`` (all, or one OPD's), fetched
    once when first needed, with the sums per (OPD, sub kegiatan) added up as integers."""

    def __init__(self, tahun: int, bulan: int, versi_id: int, opd_id: int | None = None,
                 rows: list[tuple] | None = None) -> None:
        self._args = (tahun, bulan, versi_id, opd_id)
        self._rows = rows
        self._per_sub: dict | None = None

    @property
    def terambil(self) -> bool:
        """Whether the lines have been fetched already."""
        return self._rows is not None

    def untuk_opd(self, opd_id: int) -> _Baris:
        """The same cut-off, one OPD's lines only."""
        tahun, bulan, versi_id, _ = self._args
        return _Baris(tahun, bulan, versi_id, opd_id)

    @property
    def rows(self) -> list[tuple]:
        if self._rows is None:
            sql, params = sql_baris(*self._args)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._rows = cursor.fetchall()
        return self._rows

    @property
    def per_sub(self) -> dict[tuple[int, int], tuple[int, int, int, int, int]]:
        """{(opd, sub kegiatan): (pagu, target, realisasi, fisik_h, target_fisik_h)} in the
        lines' order (rows are ordered, so a sub kegiatan is one run)."""
        if self._per_sub is None:
            hasil: dict = {}
            kunci = jumlah = None
            for opd, sub, _sd, _jb, p, t, r, fh, tfh in self.rows:
                if kunci is None or kunci[1] != sub or kunci[0] != opd:
                    kunci = (opd, sub)
                    jumlah = hasil.get(kunci)
                    if jumlah is None:
                        jumlah = hasil[kunci] = [0, 0, 0, fh, tfh]
                jumlah[0] += p
                jumlah[1] += t
                jumlah[2] += r
            self._per_sub = {k: tuple(v) for k, v in hasil.items()}
        return self._per_sub

    def baris(self) -> list[Baris]:
        return [
            Baris(
                opd=opd, sub_kegiatan=sub, sumber_dana=sd, jenis_belanja=jb,
                pagu=Decimal(p).scaleb(-2), target=Decimal(t).scaleb(-2),
                realisasi=Decimal(r).scaleb(-2),
                fisik=Decimal(fh).scaleb(-2), target_fisik=Decimal(tfh).scaleb(-2),
            )
            for opd, sub, sd, jb, p, t, r, fh, tfh in self.rows
        ]


def _jumlah_per_sub(per_sub: dict) -> dict[tuple[int, int], Jumlah]:
    return {k: _ke_jumlah((p, t, r, p * fh, p * tfh)) for k, (p, t, r, fh, tfh) in per_sub.items()}


def _jumlahkan_baris(rows: list[tuple]) -> tuple[dict, dict]:
    """Per OPD and per (sumber dana, jenis belanja): [pagu, target, realisasi, Σ pagu ×
    fisik, Σ pagu × target fisik] as integers, in first-seen order (one pass)."""
    per_sd_jb: dict = {}  # at most a few hundred pairs
    per_opd: dict = {}
    opd_kini = jumlah_opd = None
    for opd, _sub, sd, jb, p, t, r, fh, tfh in rows:
        if opd != opd_kini:
            opd_kini = opd
            jumlah_opd = per_opd.get(opd)
            if jumlah_opd is None:
                jumlah_opd = per_opd[opd] = [0, 0, 0, 0, 0]
        bf, btf = p * fh, p * tfh
        jumlah_opd[0] += p
        jumlah_opd[1] += t
        jumlah_opd[2] += r
        jumlah_opd[3] += bf
        jumlah_opd[4] += btf
        s = per_sd_jb.get((sd, jb))
        if s is None:
            per_sd_jb[sd, jb] = [p, t, r, bf, btf]
        else:
            s[0] += p
            s[1] += t
            s[2] += r
            s[3] += bf
            s[4] += btf
    return per_opd, per_sd_jb


def _agregat(tahun: int, bulan: int, versi_id: int) -> tuple[dict, dict, dict]:
    sql, params = sql_agregat(tahun, bulan, versi_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    per_opd, per_sd_jb, kelas = {}, {}, {k: 0 for k in KelasSebaran}
    for jenis, a, b, *nilai in rows:
        if jenis == 0:
            per_opd[a] = [int(x) for x in nilai]
        elif jenis == 1:
            per_sd_jb[a, b] = [int(x) for x in nilai]
        else:
            kelas = dict(zip(KelasSebaran, (int(x) for x in nilai), strict=True))
    return per_opd, per_sd_jb, kelas


def _lipat(per_sd_jb: dict) -> tuple[dict, dict]:
    """Per sumber dana and per jenis belanja from the (sumber dana, jenis belanja) sums."""
    per_sd: dict = {}
    per_jb: dict = {}
    for (sd, jb), nilai in per_sd_jb.items():
        for grup, k in ((per_sd, sd), (per_jb, jb)):
            s = grup.get(k)
            if s is None:
                grup[k] = list(nilai)
            else:
                for i in range(5):
                    s[i] += nilai[i]
    return per_sd, per_jb


def hitung_rekap(tahun: int, bulan: int) -> HasilRekap:
    """The Rakor figures of ``tahun`` up to the end of ``bulan`` — the one entry point used by
    pages, exports, the API and the CLI.

    Five queries whatever the size: the version in force, the sums, and one per master used
    as labels. Realisasi and fisik up to the cut-off are read from the derived tables the
    database keeps in step (one row per line, not one per month). PostgreSQL adds the groups
    up in SQL (``sql_agregat``: a few thousand rows reach Python at 100x the demo); SQLite
    fetches the lines and adds them up as Python integers. Either way money is summed as whole
    sen and the fisik weights as sen × hundredths of a percent: exact. The figures of every
    sub kegiatan (``rekap.sub_kegiatan``), ``data.baris``, ``data.fisik_sub`` and
    ``data.jumlah_sub_kegiatan`` need the lines: on PostgreSQL one more query, made when
    first read (for one OPD's sub kegiatan, only that OPD's lines)."""
    cek_bulan(bulan)
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    versi_id = versi.pk if versi else -1
    if connection.vendor == "postgresql":
        per_opd, per_sd_jb, kelas_sebaran = _agregat(tahun, bulan, versi_id)
        baris = _Baris(tahun, bulan, versi_id)
    else:
        baris = _Baris(tahun, bulan, versi_id)
        per_opd, per_sd_jb = _jumlahkan_baris(baris.rows)
        kelas_sebaran = sebaran_bulat((r, p) for p, _, r, _, _ in baris.per_sub.values())
    per_sd, per_jb = _lipat(per_sd_jb)

    data = DataRekap(
        tahun=tahun,
        bulan=bulan,
        versi=versi,
        opd={o.pk: o for o in PerangkatDaerah.objects.all()},  # inactive OPD with lines too
        sumber_dana={s.pk: s for s in SumberDana.objects.all()},
        jenis_belanja={j.pk: j for j in JenisBelanja.objects.all()},
        sumber_baris=baris,
    )
    return HasilRekap(
        data=data,
        rekap=rekap_dari_jumlah(
            tahun, bulan,
            per_opd={k: _ke_jumlah(v) for k, v in per_opd.items()},
            per_sumber_dana={k: _ke_jumlah(v) for k, v in per_sd.items()},
            per_jenis_belanja={k: _ke_jumlah(v) for k, v in per_jb.items()},
            # Built only when ``rekap.sub_kegiatan`` is read: 124.000 groups at 100x.
            per_sub_kegiatan=lambda: _jumlah_per_sub(baris.per_sub),
            semua_opd=list(data.opd),
            urutan_sumber_dana=list(data.sumber_dana),
            urutan_jenis_belanja=list(data.jenis_belanja),
            sebaran_sub_kegiatan=kelas_sebaran,
        ),
    )


def ambil_data(tahun: int, bulan: int) -> DataRekap:
    """The lines of one cut-off (as used by ``hitung_rekap``)."""
    return hitung_rekap(tahun, bulan).data
