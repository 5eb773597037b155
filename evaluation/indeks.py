"""Indeks Kinerja Pelaksanaan Anggaran OPD: one score 0–100 per OPD per quarter, as plain
functions over plain data (no database; ``evaluation.indeks_data`` fetches the inputs).

Modelled on the Ministry of Finance's IKPA: five components, each scored 0–100, weighted by
configuration (``SIAP_BOBOT_INDEKS``), summed into the score; IKPA's categories. A component
that cannot be computed for an OPD (e.g. no target fisik) is left out and its weight shared
among the others in proportion, so the score stays on the 0–100 scale — and the page says so.

Computation is exact (``Decimal``); the score is rounded half up to two decimals only to
decide the category and the rank, so that what the page shows (two decimals) is what was
ranked: two OPD shown with the same score share a rank.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from lib.figures import NOL, SERATUS, hitung_persen
from lib.figures_indeks import (  # noqa: F401 — re-exported for the index's callers
    BATAS_KATEGORI_INDEKS,
    DEVIASI_NOL,
    DEVIASI_PENUH,
    KURANG,
    KategoriIndeks,
    bagi_bobot,
    deviasi_bulan,
    deviasi_rata_rata,
    kategori_indeks,
    nilai_bagian,
    nilai_deviasi,
    nilai_fisik,
    nilai_penyerapan,
    peringkat_indeks,
)
from lib.periode import nama_bulan
from lib.rupiah import bulatkan, format_angka, persen, rupiah

KODE_KOMPONEN = ("penyerapan", "deviasi", "fisik", "ketepatan", "kualitas")
NAMA_KOMPONEN = {
    "penyerapan": "Penyerapan anggaran",
    "deviasi": "Deviasi bulanan anggaran kas",
    "fisik": "Capaian fisik",
    "ketepatan": "Ketepatan waktu laporan",
    "kualitas": "Kualitas data laporan",
}

JUMLAH_REWARD = 5
JUMLAH_PUNISHMENT = 5


@dataclass(frozen=True)
class Bobot:
    """Weights of the five components, in percent; they sum to 100."""

    penyerapan: Decimal
    deviasi: Decimal
    fisik: Decimal
    ketepatan: Decimal
    kualitas: Decimal

    def __post_init__(self):
        for f in fields(self):
            nilai = getattr(self, f.name)
            if not isinstance(nilai, Decimal):
                raise TypeError(f"bobot {f.name} harus Decimal, bukan {type(nilai).__name__}")
            if nilai < 0:
                raise ValueError(f"bobot {f.name} tidak boleh negatif ({nilai})")
        if self.jumlah != SERATUS:
            raise ValueError(f"jumlah bobot harus 100, bukan {self.jumlah}")

    @property
    def jumlah(self) -> Decimal:
        return sum((getattr(self, k) for k in KODE_KOMPONEN), NOL)

    def untuk(self, kode: str) -> Decimal:
        return getattr(self, kode)

    def sebagai_daftar(self) -> list[tuple[str, str, Decimal]]:
        """``[(kode, nama, bobot), ...]`` in the components' order, for pages and exports."""
        return [(k, NAMA_KOMPONEN[k], getattr(self, k)) for k in KODE_KOMPONEN]


# Absorption weighs most (it is what the Rakor POP is about); output (fisik) as IKPA's 25%;
# deviation from the monthly plan as IKPA's 15% rounded up; reporting discipline the rest.
BOBOT_BAWAAN = Bobot(
    penyerapan=Decimal(30), deviasi=Decimal(20), fisik=Decimal(25),
    ketepatan=Decimal(15), kualitas=Decimal(10),
)


def bobot_dari_teks(teks: str | None, nama_variabel: str = "SIAP_BOBOT_INDEKS") -> Bobot:
    """``"penyerapan=30,deviasi=15,fisik=25,ketepatan=15,kualitas=15"`` -> ``Bobot``.
    Empty or absent: ``BOBOT_BAWAAN``. Anything else that is not exactly the five keys with
    non-negative numbers summing to 100 raises ``ImproperlyConfigured`` saying why."""
    if teks is None or not teks.strip():
        return BOBOT_BAWAAN
    contoh = ",".join(f"{k}={format_angka(v, 0)}" for k, _, v in BOBOT_BAWAAN.sebagai_daftar())

    def salah(alasan: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(
            f"{nama_variabel}={teks!r} tidak dapat dipakai: {alasan}. Tulis kelima bobot "
            f"indeks dalam persen, dipisah koma, berjumlah 100, mis. {contoh}."
        )

    nilai: dict[str, Decimal] = {}
    for bagian in teks.split(","):
        if not bagian.strip():
            continue
        kunci, sama, angka_teks = bagian.partition("=")
        kunci = kunci.strip().lower()
        if not sama:
            raise salah(f"“{bagian.strip()}” tidak berbentuk nama=angka")
        if kunci not in KODE_KOMPONEN:
            raise salah(f"komponen “{kunci}” tidak dikenal (yang dikenal: "
                        f"{', '.join(KODE_KOMPONEN)})")
        if kunci in nilai:
            raise salah(f"komponen “{kunci}” ditulis dua kali")
        try:
            v = Decimal(angka_teks.strip().replace(",", "."))
        except ArithmeticError:
            raise salah(f"bobot {kunci} “{angka_teks.strip()}” bukan angka") from None
        if not v.is_finite():
            raise salah(f"bobot {kunci} “{angka_teks.strip()}” bukan angka")
        if v < 0:
            raise salah(f"bobot {kunci} bernilai negatif ({angka_teks.strip()})")
        nilai[kunci] = v
    kurang = [k for k in KODE_KOMPONEN if k not in nilai]
    if kurang:
        raise salah(f"bobot {', '.join(kurang)} belum ditulis")
    jumlah = sum(nilai.values(), NOL)
    if jumlah != SERATUS:
        raise salah(f"jumlah bobot {format_angka(jumlah, 2)}, bukan 100")
    return Bobot(**nilai)


# --- inputs and components -------------------------------------------------------------------


@dataclass(frozen=True)
class DataIndeksOPD:
    """Everything the index needs about one OPD at a cut-off (months 1..bulan)."""

    bulan: int
    pagu: Decimal
    target: Decimal  # anggaran kas of months 1..bulan
    realisasi: Decimal  # realisasi keuangan of months 1..bulan
    fisik: Decimal | None  # pagu-weighted mean of realisasi fisik (%)
    target_fisik: Decimal | None  # same mean of target fisik (%)
    # (anggaran kas, realisasi) of each month 1..bulan
    bulanan: Sequence[tuple[Decimal, Decimal]] = ()
    bulan_tepat: Sequence[int] = ()  # reports first submitted by their deadline
    bulan_terlambat: Sequence[int] = ()  # first submitted after it
    bulan_belum: Sequence[int] = ()  # deadline passed, never submitted
    bulan_dikembalikan: Sequence[int] = ()  # submitted, and returned at least once


@dataclass(frozen=True)
class Komponen:
    kode: str
    nama: str
    nilai: Decimal | None  # 0–100; None: cannot be computed
    bobot: Decimal  # the configured weight (%)
    kontribusi: Decimal  # points added to the score
    penjelasan: str
    bobot_efektif: Decimal = NOL  # weight after sharing out those not computable (%)


@dataclass(frozen=True)
class NilaiIndeks:
    opd_id: int
    nilai: Decimal
    kategori: KategoriIndeks
    peringkat: int
    perubahan: Decimal | None  # vs the previous quarter's score; None for TW I / no score
    komponen: list[Komponen] = field(default_factory=list)

    def komponen_kode(self, kode: str) -> Komponen | None:
        return next((k for k in self.komponen if k.kode == kode), None)


def _daftar_bulan(bulan: Iterable[int]) -> str:
    return ", ".join(nama_bulan(b) for b in bulan)


def _tidak_dihitung(alasan: str) -> str:
    return (f"Tidak dapat dihitung: {alasan}. Bobotnya dibagikan ke komponen lain sebanding "
            f"bobot masing-masing.")


def nilai_komponen(d: DataIndeksOPD) -> list[tuple[str, Decimal | None, str]]:
    """``[(kode, nilai 0–100 or None, penjelasan)]`` of the five components, each explained
    in plain Indonesian with the figures it came from."""
    sd = f"s.d. {nama_bulan(d.bulan)}"
    hasil = []

    v = nilai_penyerapan(d.realisasi, d.target)
    if v is None:
        teks = _tidak_dihitung(f"belum ada target anggaran kas {sd}")
    else:
        capaian = hitung_persen(d.realisasi, d.target)
        teks = (f"Realisasi {rupiah(d.realisasi)} dibanding target anggaran kas "
                f"{rupiah(d.target)} {sd} = {persen(capaian)}. Nilai = capaian itu, "
                f"paling tinggi 100.")
    hasil.append(("penyerapan", v, teks))

    rata = deviasi_rata_rata(d.bulanan)
    v = nilai_deviasi(rata)
    if v is None:
        teks = _tidak_dihitung(f"tidak ada bulan beranggaran kas atau berealisasi {sd}")
    else:
        per_bulan = [(b, dv) for b, (ak, r) in enumerate(d.bulanan, start=1)
                     if (dv := deviasi_bulan(ak, r)) is not None]
        terbesar = max(per_bulan, key=lambda x: x[1])
        teks = (f"Tiap bulan, selisih realisasi dengan anggaran kas bulan itu dibagi anggaran "
                f"kasnya (paling besar 100%). Rata-rata {len(per_bulan)} bulan {sd}: "
                f"{persen(rata)}; terbesar {nama_bulan(terbesar[0])} {persen(terbesar[1])}. "
                f"Rata-rata ≤ {format_angka(DEVIASI_PENUH, 0)}% bernilai 100, turun lurus sampai 0 "
                f"pada {format_angka(DEVIASI_NOL, 0)}%.")
    hasil.append(("deviasi", v, teks))

    v = nilai_fisik(d.fisik, d.target_fisik)
    if v is None:
        teks = _tidak_dihitung(f"belum ada target fisik {sd}")
    else:
        teks = (f"Realisasi fisik {persen(d.fisik or NOL)} dibanding target fisik "
                f"{persen(d.target_fisik)} (rata-rata tertimbang pagu sub kegiatan). "
                f"Nilai = realisasi / target × 100, paling tinggi 100.")
    hasil.append(("fisik", v, teks))

    jatuh_tempo = len(d.bulan_tepat) + len(d.bulan_terlambat) + len(d.bulan_belum)
    v = nilai_bagian(len(d.bulan_tepat), jatuh_tempo)
    if v is None:
        teks = _tidak_dihitung(f"belum ada laporan bulanan yang jatuh tempo {sd}")
    else:
        teks = (f"{len(d.bulan_tepat)} dari {jatuh_tempo} laporan bulanan yang sudah jatuh "
                f"tempo diajukan pertama kali paling lambat pada batas waktunya.")
        if d.bulan_terlambat:
            teks += f" Terlambat: {_daftar_bulan(d.bulan_terlambat)}."
        if d.bulan_belum:
            teks += f" Belum diajukan: {_daftar_bulan(d.bulan_belum)}."
    hasil.append(("ketepatan", v, teks))

    diajukan = len(d.bulan_tepat) + len(d.bulan_terlambat)
    v = nilai_bagian(diajukan - len(d.bulan_dikembalikan), diajukan)
    if v is None:
        teks = _tidak_dihitung(f"belum ada laporan bulanan yang diajukan {sd}")
    else:
        teks = (f"{diajukan - len(d.bulan_dikembalikan)} dari {diajukan} laporan yang "
                f"diajukan tidak pernah dikembalikan verifikator. (Setiap peringatan validasi "
                f"wajib dijelaskan sebelum laporan dapat diajukan.)")
        if d.bulan_dikembalikan:
            teks += f" Pernah dikembalikan: {_daftar_bulan(d.bulan_dikembalikan)}."
    hasil.append(("kualitas", v, teks))
    return hasil


def hitung_nilai(d: DataIndeksOPD, bobot: Bobot) -> tuple[Decimal | None, list[Komponen]]:
    """The score of one OPD and its components. Components that cannot be computed are left
    out and their weight shared among the rest in proportion; ``None`` (not scored) when the
    OPD has no pagu or no weighted component can be computed."""
    mentah = nilai_komponen(d)
    bobot_ada = sum((bobot.untuk(k) for k, v, _ in mentah if v is not None), NOL)
    dinilai = d.pagu > 0 and bobot_ada > 0
    komponen = []
    for kode, v, teks in mentah:
        b = bobot.untuk(kode)
        if dinilai and v is not None:
            efektif, kontribusi = bagi_bobot(v, b, bobot_ada)
        else:
            efektif = kontribusi = NOL
        komponen.append(Komponen(kode, NAMA_KOMPONEN[kode], v, b, kontribusi, teks, efektif))
    if not dinilai:
        return None, komponen
    return sum((k.kontribusi for k in komponen), NOL), komponen


def susun_peringkat(
    nilai: dict[Hashable, tuple[Decimal | None, list[Komponen]]],
    urutan: Sequence[Hashable] = (),
    sebelumnya: dict[Hashable, Decimal] | None = None,
) -> list[NilaiIndeks]:
    """Rank the scored OPD, best first. Scores equal to two decimals share a rank (1, 2, 2,
    4) and keep ``urutan`` (the OPD's code order) among themselves; OPD not scored are left
    out. ``perubahan`` = score − previous quarter's score, when there was one."""
    sebelumnya = sebelumnya or {}
    posisi = {k: i for i, k in enumerate(urutan)}
    ada = [(k, v, kom) for k, (v, kom) in nilai.items() if v is not None]
    ada.sort(key=lambda x: (-bulatkan(x[1], 2), posisi.get(x[0], len(posisi)), str(x[0])))
    rank = peringkat_indeks({k: v for k, v, _ in ada})
    hasil = []
    for k, v, kom in ada:
        lalu = sebelumnya.get(k)
        hasil.append(NilaiIndeks(
            opd_id=k, nilai=v, kategori=kategori_indeks(v), peringkat=rank[k],
            perubahan=None if lalu is None else v - lalu, komponen=kom,
        ))
    return hasil


def daftar_reward(baris: Sequence[NilaiIndeks], n: int = JUMLAH_REWARD) -> list[NilaiIndeks]:
    """The best ``n`` (``baris`` is in rank order)."""
    return list(baris[:n])


def daftar_punishment(baris: Sequence[NilaiIndeks],
                      n: int = JUMLAH_PUNISHMENT) -> list[NilaiIndeks]:
    """The worst ``n`` plus every OPD in category Kurang, worst first."""
    bawah = {id(b) for b in baris[-n:]} if n > 0 else set()
    return [b for b in reversed(baris) if id(b) in bawah or b.kategori == KURANG]
