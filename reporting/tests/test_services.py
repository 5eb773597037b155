"""The report's operations: save, submit, return, verify, reopen."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting import services
from reporting.models import PeriodePelaporan, RiwayatLaporan, StatusLaporan
from reporting.services import KonflikRevisi, LaporanDitolak

from .conftest import D, waktu

MARET = waktu(2025, 3, 5)  # during the March 2025 report


@pytest.fixture
def laporan(baris_dinkes, dinkes):
    return services.laporan_untuk(dinkes, 2025, 3)


def _simpan(laporan, user, realisasi=None, fisik=None, **kw):
    laporan.refresh_from_db()
    return services.simpan(laporan, user, revisi=laporan.revisi, realisasi=realisasi or {},
                           fisik=fisik or {}, sekarang=kw.pop("sekarang", MARET), **kw)


def test_save_writes_this_months_realisasi_and_fisik_with_history(
        laporan, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    sisa = _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D("50.50")},
                   {r1.sub_kegiatan_id: D(25)})
    assert sisa == []
    assert RealisasiKeuangan.objects.get(rincian=r1, bulan=3).jumlah == D(100)
    h = RealisasiKeuangan.objects.get(rincian=r2, bulan=3).history.get()
    assert h.history_user == operator_dinkes and h.jumlah == D("50.50")
    assert RealisasiFisik.objects.get(opd=laporan.opd, bulan=3).persen == D(25)
    laporan.refresh_from_db()
    assert laporan.revisi == 1

    _simpan(laporan, operator_dinkes, {r1.pk: D(90)})
    old, new = RealisasiKeuangan.objects.get(rincian=r1, bulan=3).history.order_by("history_id")
    assert (old.jumlah, new.jumlah) == (D(100), D(90))


def test_an_error_anywhere_writes_nothing(laporan, operator_dinkes, baris_dinkes):
    r1, r2, *_ = baris_dinkes
    with pytest.raises(LaporanDitolak) as exc:
        _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D(-1)})
    assert "realisasi -Rp 1,00 negatif" in str(exc.value)
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    laporan.refresh_from_db()
    assert laporan.revisi == 0


def test_a_save_from_a_stale_page_is_refused_and_changes_nothing(
        laporan, operator_dinkes, baris_dinkes):
    r1, *_ = baris_dinkes
    _simpan(laporan, operator_dinkes, {r1.pk: D(100)})
    with pytest.raises(KonflikRevisi, match="telah diubah oleh pengguna lain"):
        services.simpan(laporan, operator_dinkes, revisi=0, realisasi={r1.pk: D(5)}, fisik={},
                        sekarang=MARET)
    assert RealisasiKeuangan.objects.get(rincian=r1, bulan=3).jumlah == D(100)


def test_another_opds_line_is_forbidden(laporan, operator_dinkes, baris_dinkes):
    *_, lain = baris_dinkes
    with pytest.raises(PermissionDenied):
        _simpan(laporan, operator_dinkes, {lain.pk: D(1)})
    assert not RealisasiKeuangan.objects.filter(rincian=lain).exists()


def test_future_and_locked_months_cannot_be_entered(laporan, operator_dinkes, baris_dinkes):
    r1, *_ = baris_dinkes
    with pytest.raises(LaporanDitolak, match="belum dimulai"):
        _simpan(laporan, operator_dinkes, {r1.pk: D(1)}, sekarang=waktu(2025, 2, 27))
    PeriodePelaporan.objects.create(tahun=laporan.tahun, bulan=3, dikunci=True)
    with pytest.raises(LaporanDitolak, match="dikunci"):
        _simpan(laporan, operator_dinkes, {r1.pk: D(1)})


def test_submit_needs_explanations_of_warnings_then_snapshots(
        laporan, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    # r1 cumulative 100+100+300 = 500 against ak 300: more than 10% above
    _simpan(laporan, operator_dinkes, {r1.pk: D(300), r2.pk: D(50)},
            {r1.sub_kegiatan_id: D(40), r3.sub_kegiatan_id: D(0)})
    laporan.refresh_from_db()
    with pytest.raises(LaporanDitolak) as exc:
        services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi, sekarang=MARET)
    [p] = exc.value.pesan
    assert p.kode == f"lebih_ak:{r1.pk}"
    services.simpan_penjelasan(laporan, operator_dinkes,
                               {p.kode: "Pembayaran termin dipercepat sesuai kontrak."})
    lap = services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi,
                          sekarang=waktu(2025, 4, 9))
    assert lap.status == StatusLaporan.DIAJUKAN
    assert lap.pertama_diajukan_pada == waktu(2025, 4, 9)
    snap = lap.snapshot.get()
    assert snap.data["baris"][str(r1.pk)]["realisasi"] == "300.00"
    assert snap.data["baris"][str(r1.pk)]["kumulatif"] == "500.00"
    # a submitted report can no longer be changed by the operator
    with pytest.raises(LaporanDitolak, match="tidak dapat diubah"):
        _simpan(lap, operator_dinkes, {r1.pk: D(1)})


def test_return_fix_resubmit_verify_and_reopen(laporan, operator_dinkes, verifikator,
                                                 baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D(50)},
            {r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)})
    laporan.refresh_from_db()
    services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi, sekarang=MARET)
    with pytest.raises(LaporanDitolak, match="Catatan wajib"):
        services.kembalikan(laporan, verifikator, "  ")
    lap = services.kembalikan(laporan, verifikator, "Realisasi PAD belum sesuai SP2D.")
    assert lap.status == StatusLaporan.DIKEMBALIKAN
    assert lap.catatan_verifikator == "Realisasi PAD belum sesuai SP2D."

    _simpan(lap, operator_dinkes, {r2.pk: D(60)})
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DRAFT
    lap = services.ajukan(lap, operator_dinkes, revisi=lap.revisi, sekarang=MARET)
    assert services.perubahan_sejak_sebelumnya(lap) == [{
        "label": "1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 · PAD · 5.1.02",
        "kolom": "realisasi", "lama": "50.00", "baru": "60.00",
    }]
    lap = services.verifikasi(lap, verifikator)
    assert lap.status == StatusLaporan.DIVERIFIKASI
    with pytest.raises(LaporanDitolak, match="tidak dapat diubah"):
        _simpan(lap, operator_dinkes, {r2.pk: D(1)})
    with pytest.raises(LaporanDitolak, match="Catatan wajib"):
        services.buka_kembali(lap, verifikator, "")
    lap = services.buka_kembali(lap, verifikator, "Koreksi SP2D bulan Maret dari BPKAD.")
    assert lap.status == StatusLaporan.DIKEMBALIKAN
    langkah = list(RiwayatLaporan.objects.filter(laporan=lap).order_by("pk").values_list("dari", "ke"))
    assert langkah == [
        ("draft", "diajukan"), ("diajukan", "dikembalikan"), ("dikembalikan", "draft"),
        ("draft", "diajukan"), ("diajukan", "diverifikasi"), ("diverifikasi", "dikembalikan"),
    ]


def _laporan_n_baris(n, opd_kode):
    o = t.opd(opd_kode, f"OPD {n} baris")
    rincian = [t.rincian(o=o, sub=f"1.02.02.2.01.{i // 3 + 1:04d}", sd=("DAU", "PAD", "DBH")[i % 3],
                         pagu=1200, ak=[100] * 12) for i in range(n)]
    return services.laporan_untuk(o, 2025, 3), rincian


def _jumlah_query_simpan(n, opd_kode, user):
    lap, rincian = _laporan_n_baris(n, opd_kode)
    _simpan(lap, user, {r.pk: D(100) for r in rincian})  # creates the rows
    lap.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        services.simpan(lap, user, revisi=lap.revisi,
                        realisasi={r.pk: D(90) for r in rincian},
                        fisik={r.sub_kegiatan_id: D(20) for r in rincian}, sekarang=MARET)
    assert RealisasiKeuangan.objects.filter(rincian__opd=lap.opd, bulan=3, jumlah=90).count() == n
    return len(ctx.captured_queries)


def test_saving_300_lines_takes_as_many_queries_as_30(operator_dinkes):
    assert _jumlah_query_simpan(30, "9.01.0.00.0.00.01.0000", operator_dinkes) == \
        _jumlah_query_simpan(300, "9.01.0.00.0.00.02.0000", operator_dinkes)
