"""Migration 0003: the operators' unsubmitted values already in the official tables move into
the draft tables (the rule is in the migration's docstring), and back when reversed."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from simple_history.utils import bulk_create_with_history

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting.models import LaporanBulanan, SnapshotLaporan, StatusLaporan

from .conftest import waktu

D = Decimal
SEBELUM = [("reporting", "0003_isian_draf")]
SESUDAH = [("reporting", "0004_pindahkan_draf")]


def _migrasi(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def _simpan_lewat_formulir(model, op, **kw):
    obj = model(**kw)
    obj._history_user = op
    obj.save()
    return obj


@pytest.mark.django_db(transaction=True)
def test_unsubmitted_values_move_to_drafts_and_submitted_ones_stay_official():
    _migrasi(SEBELUM)
    try:
        op = buat_pengguna("op", Peran.OPERATOR)
        a, b, c = (t.opd(f"1.0{i}.0.00.0.00.01.0000", f"OPD {i}") for i in (1, 2, 3))
        ra = t.rincian(o=a, sub="1.01.01.2.01.0001", pagu=1000)
        ra2 = t.rincian(o=a, sub="1.01.01.2.01.0001", sd="PAD", pagu=1000)
        rb = t.rincian(o=b, sub="1.02.01.2.01.0001", pagu=1000)
        rc = t.rincian(o=c, sub="1.03.01.2.01.0001", pagu=1000)
        ta = t.tahun(2025)
        # A: a draft never submitted. Its March line came through the form; the PAD line was
        # imported; February is another month.
        LaporanBulanan.objects.create(tahun=ta, opd=a, bulan=3)
        _simpan_lewat_formulir(RealisasiKeuangan, op, rincian=ra, bulan=3, jumlah=D(70))
        _simpan_lewat_formulir(RealisasiKeuangan, op, rincian=ra, bulan=2, jumlah=D(20))
        bulk_create_with_history([RealisasiKeuangan(rincian=ra2, bulan=3, jumlah=D(5))],
                                 RealisasiKeuangan,
                                 default_change_reason="impor realisasi keuangan")
        _simpan_lewat_formulir(RealisasiFisik, op, tahun=ta, opd=a,
                               sub_kegiatan=ra.sub_kegiatan, bulan=3, persen=D(30))
        # B: returned and edited: 40 was submitted, 45 is being typed.
        lap_b = LaporanBulanan.objects.create(tahun=ta, opd=b, bulan=3,
                                              pertama_diajukan_pada=waktu(2025, 4, 8))
        SnapshotLaporan.objects.create(laporan=lap_b, nomor=1, dibuat_pada=waktu(2025, 4, 8),
                                       oleh=op, data={"baris": {str(rb.pk): {"realisasi": "40.00"}},
                                                      "fisik": {}})
        _simpan_lewat_formulir(RealisasiKeuangan, op, rincian=rb, bulan=3, jumlah=D(45))
        # C: submitted: official as it is.
        LaporanBulanan.objects.create(tahun=ta, opd=c, bulan=3, status=StatusLaporan.DIAJUKAN,
                                      pertama_diajukan_pada=waktu(2025, 4, 8))
        _simpan_lewat_formulir(RealisasiKeuangan, op, rincian=rc, bulan=3, jumlah=D(90))

        _migrasi(SESUDAH)
        from reporting.models import IsianFisik, IsianRealisasi

        resmi = dict(RealisasiKeuangan.objects.filter(bulan=3).values_list("rincian_id",
                                                                            "jumlah"))
        assert resmi == {ra2.pk: D(5), rb.pk: D(40), rc.pk: D(90)}
        assert RealisasiKeuangan.objects.get(rincian=ra, bulan=2).jumlah == D(20)
        assert not RealisasiFisik.objects.exists()
        assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
            ra.pk: D(70), rb.pk: D(45)}
        assert dict(IsianFisik.objects.values_list("sub_kegiatan_id", "persen")) == {
            ra.sub_kegiatan_id: D(30)}
        h = IsianRealisasi.objects.get(rincian=ra).history.get()
        assert h.history_user == op  # a conflict can still name who typed it
        assert RealisasiKeuangan.history.filter(
            rincian_id=ra.pk, history_type="-",
            history_change_reason="draf dipisahkan dari data resmi (migrasi)").exists()

        _migrasi(SEBELUM)  # reversed: the drafts are official again, nothing typed is lost
        assert dict(RealisasiKeuangan.objects.filter(bulan=3).values_list(
            "rincian_id", "jumlah")) == {ra.pk: D(70), ra2.pk: D(5), rb.pk: D(45), rc.pk: D(90)}
        assert RealisasiFisik.objects.get().persen == D(30)
    finally:
        _migrasi(MigrationExecutor(connection).loader.graph.leaf_nodes())
