"""What SIAP holds for a SIPD realisasi import: the year's lines grouped by (OPD, sub
kegiatan, jenis belanja), their pagu in the version in force at the cut-off and their
realisasi up to the end of each month — a constant number of queries."""

from __future__ import annotations

from collections import defaultdict

from budget.models import (
    BULAN_KUMULATIF,
    PaguAnggaran,
    RealisasiKumulatif,
    RincianAnggaran,
    VersiAnggaran,
)
from lib.periode import akhir_bulan

from .nilai_sipd import ke_sen

NOL12 = (0,) * 12


class DataSiap:
    def __init__(self, tahun: int, versi: VersiAnggaran):
        self.tahun, self.versi = tahun, versi
        self.grup: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
        self.opd_sub: set[tuple[str, str]] = set()
        self.opd_rincian: dict[int, str] = {}
        garis = RincianAnggaran.objects.filter(tahun__tahun=tahun).order_by(
            "sumber_dana__urutan", "sumber_dana__kode", "pk").values_list(
            "pk", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode", "jenis_belanja__kode")
        for rid, opd, sub, sd, jb in garis:
            self.grup[(opd, sub, jb)].append((rid, sd))
            self.opd_sub.add((opd, sub))
            self.opd_rincian[rid] = opd
        self.pagu = {rid: ke_sen(p) for rid, p in PaguAnggaran.objects.filter(
            versi=versi).values_list("rincian_id", "pagu")}
        self.kum = {x[0]: x[1:] for x in RealisasiKumulatif.objects.filter(
            rincian__tahun__tahun=tahun).values_list("rincian_id", *BULAN_KUMULATIF)}

    def kumulatif(self, rid: int, bulan: int) -> int:
        """Realisasi of the line up to the end of ``bulan`` (0: none), in sen."""
        return self.kum.get(rid, NOL12)[bulan - 1] if bulan else 0

    def pagu_kemudian(self, rincian: list[int], dari_bulan: int) -> dict[int, dict[int, int]]:
        """For months after ``dari_bulan``: the pagu (sen) of each line in the version then in
        force — {month: {rincian: pagu}} — two queries."""
        versi = list(VersiAnggaran.objects.filter(tahun__tahun=self.tahun).order_by(
            "berlaku_mulai"))
        pagu = defaultdict(dict)
        for v, r, p in PaguAnggaran.objects.filter(versi__in=versi, rincian_id__in=rincian
                                                   ).values_list("versi_id", "rincian_id", "pagu"):
            pagu[v][r] = ke_sen(p)
        hasil = {}
        for m in range(dari_bulan + 1, 13):
            akhir = akhir_bulan(self.tahun, m)
            v = next((v for v in reversed(versi) if v.berlaku_mulai <= akhir), None)
            hasil[m] = (v.nama if v else "", pagu.get(v.pk, {}) if v else {})
        return hasil
