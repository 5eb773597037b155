"""The figures of the Rakor POP, as plain functions over plain data.

Nothing here touches the database: ``evaluation.queries`` fetches the sums per budget line
(``Baris``) in a constant number of queries, and everything below turns them into the figures
of DESIGN.md — for the pemda, each OPD, each sumber dana, each jenis belanja and each sub
kegiatan. Pages, exports, the API and the CLI all call ``rekap()``, so a figure cannot differ
between them.

Computation is exact (``Decimal``, no rounding); rounding happens in ``lib.rupiah`` at display.
A percentage whose denominator is zero is ``None`` ("tidak dapat dihitung"), never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .figures_skala import (  # noqa: F401 — re-exported: lib.figures is the figures' door
    BATAS_KATEGORI,
    BATAS_SEBARAN,
    NOL,
    SATU,
    SERATUS,
    Kategori,
    KelasSebaran,
    batasi_persen,
    hitung_persen,
    hitung_porsi,
    jelaskan_kategori,
    kategori,
    kelas_sebaran,
    persen,
    persen_dari_pecahan,
    sebaran,
    sebaran_bulat,
    skala_batang,
    sql_hitung_sebaran,
)


@dataclass(frozen=True)
class Jumlah:
    """Additive sums of a group of budget lines at a cut-off."""

    pagu: Decimal = NOL
    target: Decimal = NOL  # anggaran kas of months 1..m
    realisasi: Decimal = NOL  # realisasi keuangan of months 1..m
    bobot_fisik: Decimal = NOL  # Σ pagu × realisasi fisik (%) of the line's sub kegiatan
    bobot_target_fisik: Decimal = NOL  # Σ pagu × target fisik (%)

    def __add__(self, other: Jumlah) -> Jumlah:
        return Jumlah(
            self.pagu + other.pagu,
            self.target + other.target,
            self.realisasi + other.realisasi,
            self.bobot_fisik + other.bobot_fisik,
            self.bobot_target_fisik + other.bobot_target_fisik,
        )


@dataclass(frozen=True)
class Angka:
    """Every figure of DESIGN.md for one group, exact."""

    pagu: Decimal
    target_anggaran_kas: Decimal
    realisasi: Decimal
    persen_realisasi: Decimal | None
    persen_target: Decimal | None
    capaian_anggaran_kas: Decimal | None
    deviasi: Decimal | None  # persen target − persen realisasi (points)
    deviasi_rp: Decimal  # target − realisasi
    sisa_pagu: Decimal
    fisik: Decimal | None  # pagu-weighted mean of realisasi fisik
    target_fisik: Decimal | None  # pagu-weighted mean of target fisik
    kategori: Kategori | None


def hitung_angka(j: Jumlah) -> Angka:
    persen_realisasi = persen(j.realisasi, j.pagu)
    persen_target = persen(j.target, j.pagu)
    capaian = persen(j.realisasi, j.target)
    deviasi = (
        persen_target - persen_realisasi
        if persen_target is not None and persen_realisasi is not None
        else None
    )
    return Angka(
        pagu=j.pagu,
        target_anggaran_kas=j.target,
        realisasi=j.realisasi,
        persen_realisasi=persen_realisasi,
        persen_target=persen_target,
        capaian_anggaran_kas=capaian,
        deviasi=deviasi,
        deviasi_rp=j.target - j.realisasi,
        sisa_pagu=j.pagu - j.realisasi,
        fisik=j.bobot_fisik / j.pagu if j.pagu else None,
        target_fisik=j.bobot_target_fisik / j.pagu if j.pagu else None,
        kategori=kategori(capaian),
    )


def jumlah_dari_angka(a: Angka) -> Jumlah:
    """The additive sums behind an ``Angka`` (its fisik × pagu is the fisik weight), so that
    figures of groups already computed can be added together exactly."""
    return Jumlah(a.pagu, a.target_anggaran_kas, a.realisasi,
                  (a.fisik or NOL) * a.pagu, (a.target_fisik or NOL) * a.pagu)


def gabungkan_angka(daftar: Iterable[Angka]) -> Angka:
    """The figures of a set of groups together, from their ``Angka``: the money sums exactly,
    the fisik back as its pagu-weighted mean."""
    return hitung_angka(sum((jumlah_dari_angka(a) for a in daftar), Jumlah()))


@dataclass(frozen=True)
class Baris:
    """One budget line at a cut-off: the plain input of ``rekap()``.

    Keys are whatever identifies the master rows (database ids in practice)."""

    opd: Hashable
    sub_kegiatan: Hashable
    sumber_dana: Hashable
    jenis_belanja: Hashable
    pagu: Decimal
    target: Decimal
    realisasi: Decimal
    fisik: Decimal = NOL  # cumulative realisasi fisik (%) of (opd, sub kegiatan)
    target_fisik: Decimal = NOL

    @property
    def jumlah(self) -> Jumlah:
        return Jumlah(
            self.pagu, self.target, self.realisasi,
            self.pagu * self.fisik, self.pagu * self.target_fisik,
        )


def kelompokkan(baris: Iterable[Baris], kunci: Callable[[Baris], Hashable]) -> dict:
    """Sum the lines per group key; returns {key: Jumlah} in first-seen order."""
    hasil: dict = {}
    for b in baris:
        k = kunci(b)
        hasil[k] = hasil[k] + b.jumlah if k in hasil else b.jumlah
    return hasil


def peringkat(capaian: dict[Hashable, Decimal | None]) -> dict[Hashable, int | None]:
    """Rank by capaian, highest first; equal capaian share a rank (1, 2, 2, 4).
    A group whose capaian cannot be computed gets no rank."""
    urut = sorted((v, k) for k, v in capaian.items() if v is not None)
    urut.reverse()
    hasil: dict[Hashable, int | None] = {k: None for k, v in capaian.items() if v is None}
    sebelumnya = None
    rank = 0
    for posisi, (nilai, k) in enumerate(urut, start=1):
        if nilai != sebelumnya:
            rank = posisi
            sebelumnya = nilai
        hasil[k] = rank
    return hasil


@dataclass(frozen=True)
class Kelompok:
    """The figures of one group, with its key and (for OPD) its rank."""

    kunci: Hashable
    angka: Angka
    peringkat: int | None = None


@dataclass
class Rekap:
    tahun: int
    bulan: int
    total: Angka
    opd: list[Kelompok] = field(default_factory=list)  # ranked, best first
    sumber_dana: list[Kelompok] = field(default_factory=list)
    jenis_belanja: list[Kelompok] = field(default_factory=list)
    sub_kegiatan: list[Kelompok] = field(default_factory=list)  # key: (opd, sub_kegiatan)
    sebaran: dict[KelasSebaran, int] = field(default_factory=dict)
    # The additive sums behind ``sumber_dana`` / ``jenis_belanja`` (for breakdowns that add
    # groups together, e.g. ``evaluation.ringkasan``); empty when the Rekap was built by hand.
    jumlah_sumber_dana: dict[Hashable, Jumlah] = field(default_factory=dict, compare=False,
                                                       repr=False)
    jumlah_jenis_belanja: dict[Hashable, Jumlah] = field(default_factory=dict, compare=False,
                                                         repr=False)

    def untuk_opd(self, kunci: Hashable) -> Kelompok | None:
        return next((k for k in self.opd if k.kunci == kunci), None)

    def malas_sub_kegiatan(self, buat: Callable[[], list[Kelompok]]) -> None:
        """Build ``sub_kegiatan`` with ``buat`` only when it is first read (124.000 groups
        at 100x: most pages never read them)."""
        self.__dict__["_sub_kegiatan"] = None
        self.__dict__["_buat_sub_kegiatan"] = buat

    def __getstate__(self) -> dict:
        self.sub_kegiatan  # noqa: B018 — materialise: a builder cannot be pickled
        return {k: v for k, v in self.__dict__.items() if k != "_buat_sub_kegiatan"}


def _baca_sub_kegiatan(self: Rekap) -> list[Kelompok]:
    d = self.__dict__
    if d.get("_sub_kegiatan") is None:
        buat = d.pop("_buat_sub_kegiatan", None)
        d["_sub_kegiatan"] = buat() if buat is not None else []
    return d["_sub_kegiatan"]


def _tulis_sub_kegiatan(self: Rekap, nilai: list[Kelompok]) -> None:
    self.__dict__.pop("_buat_sub_kegiatan", None)
    self.__dict__["_sub_kegiatan"] = nilai


# A field for the dataclass (__init__, __eq__, __repr__), read through a property so that it
# can be built on first read (``Rekap.malas_sub_kegiatan``).
Rekap.sub_kegiatan = property(_baca_sub_kegiatan, _tulis_sub_kegiatan)  # type: ignore[assignment]


def _urut_peringkat(kelompok: list[Kelompok], urutan: dict) -> list[Kelompok]:
    tanpa = 10**9
    return sorted(
        kelompok,
        key=lambda k: (k.peringkat if k.peringkat is not None else tanpa, urutan.get(k.kunci, 0)),
    )


def rekap(
    tahun: int,
    bulan: int,
    baris: Iterable[Baris],
    *,
    semua_opd: Iterable[Hashable] = (),
    urutan_sumber_dana: Iterable[Hashable] = (),
    urutan_jenis_belanja: Iterable[Hashable] = (),
) -> Rekap:
    """All figures of one cut-off. ``semua_opd`` lists OPD to show even with no lines
    (in display order); lines of OPD not listed are still counted. ``urutan_sumber_dana`` /
    ``urutan_jenis_belanja`` give the display order of those groups (keys not listed follow
    in first-seen order)."""
    baris = list(baris)
    return rekap_dari_jumlah(
        tahun, bulan,
        per_opd=kelompokkan(baris, lambda b: b.opd),
        per_sumber_dana=kelompokkan(baris, lambda b: b.sumber_dana),
        per_jenis_belanja=kelompokkan(baris, lambda b: b.jenis_belanja),
        per_sub_kegiatan=kelompokkan(baris, lambda b: (b.opd, b.sub_kegiatan)),
        semua_opd=semua_opd,
        urutan_sumber_dana=urutan_sumber_dana,
        urutan_jenis_belanja=urutan_jenis_belanja,
    )


def _menurut(jumlah: dict[Hashable, Jumlah], urutan: Iterable[Hashable]) -> dict:
    """``jumlah`` with the keys listed in ``urutan`` first, in that order; the rest after,
    as they came."""
    posisi = {k: i for i, k in enumerate(urutan)}
    if not posisi:
        return dict(jumlah)
    akhir = len(posisi)
    return dict(sorted(jumlah.items(), key=lambda kv: posisi.get(kv[0], akhir)))


def rekap_dari_jumlah(
    tahun: int,
    bulan: int,
    *,
    per_opd: dict[Hashable, Jumlah],
    per_sumber_dana: dict[Hashable, Jumlah],
    per_jenis_belanja: dict[Hashable, Jumlah],
    per_sub_kegiatan: dict[Hashable, Jumlah] | Callable[[], dict[Hashable, Jumlah]],
    semua_opd: Iterable[Hashable] = (),
    urutan_sumber_dana: Iterable[Hashable] = (),
    urutan_jenis_belanja: Iterable[Hashable] = (),
    sebaran_sub_kegiatan: dict[KelasSebaran, int] | None = None,
) -> Rekap:
    """``rekap()`` from sums already added up per group (in first-seen order), e.g. by the
    database: the same figures, ranks and sebaran.

    ``urutan_sumber_dana`` / ``urutan_jenis_belanja``: as in ``rekap()``.
    ``per_sub_kegiatan`` may be a function giving the sums: ``Rekap.sub_kegiatan`` is then
    built when first read, and ``sebaran_sub_kegiatan`` (e.g. by ``sebaran_bulat``) must be
    given."""
    per_opd = dict(per_opd)
    per_sumber_dana = _menurut(per_sumber_dana, urutan_sumber_dana)
    per_jenis_belanja = _menurut(per_jenis_belanja, urutan_jenis_belanja)
    urutan = {k: i for i, k in enumerate(semua_opd)}
    for k in urutan:
        per_opd.setdefault(k, Jumlah())
    angka_opd = {k: hitung_angka(j) for k, j in per_opd.items()}
    rank = peringkat({k: a.capaian_anggaran_kas for k, a in angka_opd.items()})
    opd = _urut_peringkat(
        [Kelompok(k, a, rank[k]) for k, a in angka_opd.items()],
        {k: urutan.get(k, len(urutan) + i) for i, k in enumerate(angka_opd)},
    )
    total = sum(per_opd.values(), Jumlah())
    hasil = Rekap(
        tahun=tahun,
        bulan=bulan,
        total=hitung_angka(total),
        opd=opd,
        sumber_dana=[Kelompok(k, hitung_angka(j)) for k, j in per_sumber_dana.items()],
        jenis_belanja=[Kelompok(k, hitung_angka(j)) for k, j in per_jenis_belanja.items()],
        jumlah_sumber_dana=dict(per_sumber_dana),
        jumlah_jenis_belanja=dict(per_jenis_belanja),
    )
    if callable(per_sub_kegiatan):
        if sebaran_sub_kegiatan is None:
            raise ValueError("sebaran_sub_kegiatan is required with a lazy per_sub_kegiatan")
        buat = per_sub_kegiatan
        hasil.malas_sub_kegiatan(lambda: [Kelompok(k, hitung_angka(j)) for k, j in buat().items()])
        hasil.sebaran = sebaran_sub_kegiatan
    else:
        hasil.sub_kegiatan = [Kelompok(k, hitung_angka(j)) for k, j in per_sub_kegiatan.items()]
        hasil.sebaran = sebaran(k.angka for k in hasil.sub_kegiatan)
    return hasil
