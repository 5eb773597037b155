"""Derived tables behind the Rakor figures at scale: per line, the realisasi added up to the
end of each month; per (year, OPD, sub kegiatan), the latest realisasi and target fisik
reported at or before each month.

They hold nothing that is not in ``RealisasiKeuangan``, ``RealisasiFisik`` and
``TargetFisik``: database triggers (migration ``0005_pemicu_kumulatif``) recompute the rows of every
key a statement touches, inside that statement's transaction — whatever writes (the monthly
report, imports, the full restore, the demo loader's COPY, the Django admin, raw SQL). A row
exists exactly while its key has at least one source row. ``siap kumulatif`` recomputes
them from the source rows and reports any difference (``budget.kumulatif``).

With them, the figures of a cut-off read one row per line instead of summing every month of
every line (100x the demo: 200.000 rows instead of 2 juta) — issue #7.
"""

from django.db import models

from .anggaran import RincianAnggaran
from .master import PerangkatDaerah, TahunAnggaran
from .nomenklatur import SubKegiatan

BULAN_KUMULATIF = tuple(f"k{i:02d}" for i in range(1, 13))
BULAN_FISIK = tuple(f"f{i:02d}" for i in range(1, 13))
BULAN_TARGET_FISIK = tuple(f"t{i:02d}" for i in range(1, 13))


class RealisasiKumulatif(models.Model):
    """Realisasi keuangan of one line up to the end of each month, in whole sen (``k01`` =
    January; ``k12`` = the whole year). Derived; never written by the application."""

    rincian = models.OneToOneField(
        RincianAnggaran, verbose_name="rincian anggaran", on_delete=models.CASCADE,
        primary_key=True, related_name="kumulatif",
    )
    k01 = models.BigIntegerField("realisasi s.d. Januari (sen)", default=0)
    k02 = models.BigIntegerField("realisasi s.d. Februari (sen)", default=0)
    k03 = models.BigIntegerField("realisasi s.d. Maret (sen)", default=0)
    k04 = models.BigIntegerField("realisasi s.d. April (sen)", default=0)
    k05 = models.BigIntegerField("realisasi s.d. Mei (sen)", default=0)
    k06 = models.BigIntegerField("realisasi s.d. Juni (sen)", default=0)
    k07 = models.BigIntegerField("realisasi s.d. Juli (sen)", default=0)
    k08 = models.BigIntegerField("realisasi s.d. Agustus (sen)", default=0)
    k09 = models.BigIntegerField("realisasi s.d. September (sen)", default=0)
    k10 = models.BigIntegerField("realisasi s.d. Oktober (sen)", default=0)
    k11 = models.BigIntegerField("realisasi s.d. November (sen)", default=0)
    k12 = models.BigIntegerField("realisasi s.d. Desember (sen)", default=0)

    class Meta:
        verbose_name = "realisasi kumulatif"
        verbose_name_plural = "realisasi kumulatif"

    def __str__(self) -> str:
        return f"realisasi kumulatif rincian {self.rincian_id}"

    @property
    def sen(self) -> tuple[int, ...]:
        return tuple(getattr(self, k) for k in BULAN_KUMULATIF)


class FisikTerakhir(models.Model):
    """The latest realisasi fisik (``f01``–``f12``) and target fisik (``t01``–``t12``)
    reported at or before the end of each month for one (year, OPD, sub kegiatan), in
    hundredths of a percent (0–10.000); 0 before the first report. Derived."""

    # Only the unique (tahun, opd, sub kegiatan) index: the triggers look rows up by that key,
    # and a one-column index beside it could be picked by a planner with stale statistics.
    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.CASCADE, related_name="+", db_index=False)
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah",
                            on_delete=models.CASCADE, related_name="+", db_index=False)
    sub_kegiatan = models.ForeignKey(SubKegiatan, verbose_name="sub kegiatan",
                                     on_delete=models.CASCADE, related_name="+",
                                     db_index=False)
    f01 = models.IntegerField("realisasi fisik s.d. Januari", default=0)
    f02 = models.IntegerField("realisasi fisik s.d. Februari", default=0)
    f03 = models.IntegerField("realisasi fisik s.d. Maret", default=0)
    f04 = models.IntegerField("realisasi fisik s.d. April", default=0)
    f05 = models.IntegerField("realisasi fisik s.d. Mei", default=0)
    f06 = models.IntegerField("realisasi fisik s.d. Juni", default=0)
    f07 = models.IntegerField("realisasi fisik s.d. Juli", default=0)
    f08 = models.IntegerField("realisasi fisik s.d. Agustus", default=0)
    f09 = models.IntegerField("realisasi fisik s.d. September", default=0)
    f10 = models.IntegerField("realisasi fisik s.d. Oktober", default=0)
    f11 = models.IntegerField("realisasi fisik s.d. November", default=0)
    f12 = models.IntegerField("realisasi fisik s.d. Desember", default=0)
    t01 = models.IntegerField("target fisik s.d. Januari", default=0)
    t02 = models.IntegerField("target fisik s.d. Februari", default=0)
    t03 = models.IntegerField("target fisik s.d. Maret", default=0)
    t04 = models.IntegerField("target fisik s.d. April", default=0)
    t05 = models.IntegerField("target fisik s.d. Mei", default=0)
    t06 = models.IntegerField("target fisik s.d. Juni", default=0)
    t07 = models.IntegerField("target fisik s.d. Juli", default=0)
    t08 = models.IntegerField("target fisik s.d. Agustus", default=0)
    t09 = models.IntegerField("target fisik s.d. September", default=0)
    t10 = models.IntegerField("target fisik s.d. Oktober", default=0)
    t11 = models.IntegerField("target fisik s.d. November", default=0)
    t12 = models.IntegerField("target fisik s.d. Desember", default=0)

    class Meta:
        verbose_name = "fisik terakhir"
        verbose_name_plural = "fisik terakhir"
        constraints = [
            models.UniqueConstraint(fields=["tahun", "opd", "sub_kegiatan"],
                                    name="fisikterakhir_unik"),
        ]

    def __str__(self) -> str:
        return f"fisik terakhir {self.tahun_id}/{self.opd_id}/{self.sub_kegiatan_id}"
