"""The pemda's outcome indicators beside the money: for each, the target of the year, the
latest value at the cut-off, its capaian and predikat, and the Rakor figures of the sub
kegiatan tagged to it (every OPD's budget lines of those sub kegiatan, added up from the
same ``HasilRekap`` the dashboard shows). Four queries whatever the number of indicators."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from evaluation.queries import HasilRekap
from lib.figures import Angka, Jumlah, Kategori, hitung_angka
from lib.figures_kinerja import jumlah_dari_angka, predikat, tingkat_capaian
from lib.periode import NAMA_BULAN

from .models import IndikatorPemda, NilaiIndikatorPemda, TargetIndikatorPemda

JUMLAH_DERET = 4


@dataclass(frozen=True)
class Nilai:
    tahun: int
    bulan: int
    nilai: Decimal
    keterangan: str

    @property
    def periode(self) -> str:
        return f"{NAMA_BULAN[self.bulan - 1]} {self.tahun}"


@dataclass
class PanelPemda:
    indikator: IndikatorPemda
    target: Decimal | None  # of the cut-off's year
    terakhir: Nilai | None
    deret: list[Nilai] = field(default_factory=list)  # the latest values, oldest first
    angka: Angka | None = None  # budget figures of the tagged sub kegiatan (None: no tag)
    jumlah_sub: int = 0  # (OPD, sub kegiatan) pairs with a budget line at the cut-off
    jumlah_opd: int = 0
    jumlah_tag: int = 0
    target_nilai: Decimal | None = None  # of the latest value's year: what it is held to

    @property
    def capaian(self) -> Decimal | None:
        """The latest value against the target of its own year (an older value is never held
        to this year's target)."""
        return tingkat_capaian(self.terakhir.nilai if self.terakhir else None,
                               self.target_nilai, self.indikator.arah)

    @property
    def predikat(self) -> Kategori | None:
        return predikat(self.capaian)


def _jumlah_tag(hasil: HasilRekap, sub: set[int]) -> dict[tuple[int, int], Jumlah]:
    """The sums of every OPD's lines of the tagged sub kegiatan, from the dashboard's own
    figures (without building those of the other sub kegiatan)."""
    per = hasil.data.jumlah_per_sub(sub)
    if per is None:  # a rekap built by the reference computation
        return {k.kunci: jumlah_dari_angka(k.angka) for k in hasil.rekap.sub_kegiatan
                if k.kunci[1] in sub}
    return per


def panel(tahun: int, bulan: int, hasil: HasilRekap | None = None) -> list[PanelPemda]:
    """The outcome indicators at the end of ``bulan`` of ``tahun``; with ``hasil`` (the
    dashboard's figures of that cut-off), the budget of their tagged sub kegiatan too."""
    indikator = list(IndikatorPemda.objects.all())
    if not indikator:
        return []
    target = {(i, t): v for i, t, v in TargetIndikatorPemda.objects.filter(
        tahun__lte=tahun).values_list("indikator_id", "tahun", "target")}
    nilai: dict[int, list[Nilai]] = defaultdict(list)
    for iid, t, b, v, ket in (NilaiIndikatorPemda.objects
                              .filter(tahun__lte=tahun).order_by("tahun", "bulan")
                              .values_list("indikator_id", "tahun", "bulan", "nilai",
                                           "keterangan")):
        if (t, b) <= (tahun, bulan):
            nilai[iid].append(Nilai(t, b, v, ket))
    tag: dict[int, set[int]] = defaultdict(set)
    for iid, sid in IndikatorPemda.sub_kegiatan.through.objects.values_list(
            "indikatorpemda_id", "subkegiatan_id"):
        tag[iid].add(sid)
    per_sub = {} if hasil is None or not tag else _jumlah_tag(hasil, set().union(*tag.values()))
    hasil_panel = []
    for ind in indikator:
        deret = nilai.get(ind.pk, [])
        terakhir = deret[-1] if deret else None
        p = PanelPemda(ind, target.get((ind.pk, tahun)), terakhir, deret[-JUMLAH_DERET:],
                       jumlah_tag=len(tag.get(ind.pk, ())),
                       target_nilai=target.get((ind.pk, terakhir.tahun)) if terakhir else None)
        if hasil is not None and tag.get(ind.pk):
            jumlah, pasangan = Jumlah(), set()
            for (opd_id, sub_id), j in per_sub.items():
                if sub_id in tag[ind.pk]:
                    jumlah = jumlah + j
                    if j.pagu:
                        pasangan.add((opd_id, sub_id))
            p.angka = hitung_angka(jumlah)
            p.jumlah_sub = len(pasangan)
            p.jumlah_opd = len({o for o, _ in pasangan})
        hasil_panel.append(p)
    return hasil_panel
