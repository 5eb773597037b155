"""The report's operations: save, submit, return, verify, reopen."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Peran, User
from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting import services
from reporting.models import (
    IsianFisik,
    IsianRealisasi,
    PeriodePelaporan,
    RiwayatLaporan,
    StatusLaporan,
)
from reporting.services import KonflikIsian, KonflikRevisi, LaporanDitolak

from .conftest import D, waktu

MARET = waktu(2025, 3, 5)  # during the March 2025 report


@pytest.fixture
def laporan(baris_dinkes, dinkes):
    return services.laporan_untuk(dinkes, 2025, 3)


def _simpan(laporan, user, realisasi=None, fisik=None, **kw):
    laporan.refresh_from_db()
    return services.simpan(laporan, user, revisi=laporan.revisi, realisasi=realisasi or {},
                           fisik=fisik or {}, sekarang=kw.pop("sekarang", MARET), **kw)


def test_save_writes_drafts_with_history_and_no_official_data(
        laporan, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    hasil = _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D("50.50")},
                    {r1.sub_kegiatan_id: D(25)})
    assert hasil.peringatan == [] and hasil.ditulis == 3
    assert IsianRealisasi.objects.get(laporan=laporan, rincian=r1).jumlah == D(100)
    h = IsianRealisasi.objects.get(laporan=laporan, rincian=r2).history.get()
    assert h.history_user == operator_dinkes and h.jumlah == D("50.50")
    assert IsianFisik.objects.get(laporan=laporan).persen == D(25)
    # Nothing official: no figure can count a saved draft.
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    assert not RealisasiFisik.objects.filter(bulan=3).exists()
    laporan.refresh_from_db()
    assert laporan.revisi == 1

    _simpan(laporan, operator_dinkes, {r1.pk: D(90)})
    old, new = IsianRealisasi.objects.get(rincian=r1).history.order_by("history_id")
    assert (old.jumlah, new.jumlah) == (D(100), D(90))


def test_a_blank_is_stored_apart_from_a_typed_zero(laporan, operator_dinkes, baris_dinkes):
    r1, r2, *_ = baris_dinkes
    _simpan(laporan, operator_dinkes, {r1.pk: D(0), r2.pk: D(5)})
    _simpan(laporan, operator_dinkes, {r2.pk: None})
    assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
        r1.pk: D(0), r2.pk: None}


def test_an_error_anywhere_writes_nothing(laporan, operator_dinkes, baris_dinkes):
    r1, r2, *_ = baris_dinkes
    with pytest.raises(LaporanDitolak) as exc:
        _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D(-1)})
    assert "realisasi -Rp 1,00 negatif" in str(exc.value)
    assert not IsianRealisasi.objects.exists()
    laporan.refresh_from_db()
    assert laporan.revisi == 0


def _dari_halaman(laporan, user, semula, realisasi, revisi=0, sekarang=MARET):
    """A save from a page loaded at ``revisi`` that showed ``semula``."""
    return services.simpan(laporan, user, revisi=revisi, realisasi=realisasi, fisik={},
                           semula=semula, sekarang=sekarang)


def test_a_stale_page_writes_only_what_it_changed(laporan, operator_dinkes, baris_dinkes):
    """Finding 4: tab 1 saves a line (at 300 here); stale tab 2 saves another line; tab 1's
    value survives (the old code refused tab 2, and its second click wrote its blank over
    tab 1's line)."""
    r1, r2, *_ = baris_dinkes
    dimuat = {("r", r1.pk): None, ("r", r2.pk): None}
    _dari_halaman(laporan, operator_dinkes, dimuat, {r1.pk: D(300), r2.pk: None})
    hasil = _dari_halaman(laporan, operator_dinkes, dimuat, {r1.pk: None, r2.pk: D(500)})
    assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
        r1.pk: D(300), r2.pk: D(500)}
    assert [label for label, _ in hasil.diubah_lain] == [
        "1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 · DAU · 5.1.02"]


def test_a_line_both_pages_changed_is_a_conflict_naming_who_and_when(
        laporan, operator_dinkes, baris_dinkes, dinkes):
    r1, r2, *_ = baris_dinkes
    rekan = User.objects.create_user("siti", password="x", peran=Peran.OPERATOR,
                                     first_name="Siti", last_name="Aminah")
    rekan.opd.add(dinkes)
    dimuat = {("r", r1.pk): None, ("r", r2.pk): None}
    _dari_halaman(laporan, rekan, dimuat, {r1.pk: D(300)},
                  sekarang=waktu(2025, 3, 5, 10))
    with pytest.raises(KonflikIsian) as exc:
        _dari_halaman(laporan, operator_dinkes, dimuat, {r1.pk: D(7), r2.pk: D(8)})
    [b] = exc.value.bentrok
    assert (b.kunci, b.anda, b.tersimpan) == (("r", r1.pk), D(7), D(300))
    assert "Siti Aminah (siti) pada 05-03-2025 10.00" in str(exc.value)
    assert "pengguna lain" not in str(exc.value)
    # Nothing of the conflicting save is written, not even its other line.
    assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
        r1.pk: D(300)}
    # The same user in another tab is told so, never "another user".
    with pytest.raises(KonflikIsian) as exc:
        _dari_halaman(laporan, rekan, dimuat, {r1.pk: D(9)})
    assert "Anda sendiri (di tab atau perangkat lain)" in str(exc.value)


def test_a_stale_page_without_originals_cannot_overwrite(laporan, operator_dinkes,
                                                          baris_dinkes):
    r1, *_ = baris_dinkes
    _simpan(laporan, operator_dinkes, {r1.pk: D(100)})
    with pytest.raises(KonflikRevisi):
        services.simpan(laporan, operator_dinkes, revisi=0, realisasi={r1.pk: D(5)}, fisik={},
                        sekarang=MARET)
    assert IsianRealisasi.objects.get(rincian=r1).jumlah == D(100)


def test_another_opds_line_is_forbidden(laporan, operator_dinkes, baris_dinkes):
    *_, lain = baris_dinkes
    with pytest.raises(PermissionDenied):
        _simpan(laporan, operator_dinkes, {lain.pk: D(1)})
    assert not IsianRealisasi.objects.filter(rincian=lain).exists()


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
    # Submitted: the values are official now (with their history), the drafts are gone.
    assert dict(RealisasiKeuangan.objects.filter(bulan=3).values_list("rincian_id", "jumlah")) \
        == {r1.pk: D(300), r2.pk: D(50)}
    h = RealisasiKeuangan.objects.get(rincian=r1, bulan=3).history.get()
    assert (h.history_user, h.history_date) == (operator_dinkes, waktu(2025, 4, 9))
    assert dict(RealisasiFisik.objects.filter(bulan=3).values_list("sub_kegiatan_id", "persen")) \
        == {r1.sub_kegiatan_id: D(40), r3.sub_kegiatan_id: D(0)}
    assert not IsianRealisasi.objects.exists() and not IsianFisik.objects.exists()
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
    # Until it is submitted again, the earlier submitted value is the one that counts.
    assert RealisasiKeuangan.objects.get(rincian=r2, bulan=3).jumlah == D(50)
    lap = services.ajukan(lap, operator_dinkes, revisi=lap.revisi, sekarang=MARET)
    assert RealisasiKeuangan.objects.get(rincian=r2, bulan=3).jumlah == D(60)
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


def _jumlah_query(n, opd_kode, user) -> tuple[int, int]:
    """Queries of a save that changes every line, and of the submission that follows."""
    lap, rincian = _laporan_n_baris(n, opd_kode)
    _simpan(lap, user, {r.pk: D(300) for r in rincian})  # creates the rows
    lap.refresh_from_db()
    with CaptureQueriesContext(connection) as simpan:
        services.simpan(lap, user, revisi=lap.revisi,
                        realisasi={r.pk: D(290) for r in rincian},
                        fisik={r.sub_kegiatan_id: D(20) for r in rincian}, sekarang=MARET)
    assert IsianRealisasi.objects.filter(laporan=lap, jumlah=290).count() == n
    lap.refresh_from_db()
    with CaptureQueriesContext(connection) as ajukan:
        services.ajukan(lap, user, revisi=lap.revisi, sekarang=MARET)
    assert RealisasiKeuangan.objects.filter(rincian__opd=lap.opd, bulan=3, jumlah=290).count() == n
    return len(simpan.captured_queries), len(ajukan.captured_queries)


def test_saving_and_submitting_300_lines_takes_as_many_queries_as_30(operator_dinkes):
    assert _jumlah_query(30, "9.01.0.00.0.00.01.0000", operator_dinkes) == \
        _jumlah_query(300, "9.01.0.00.0.00.02.0000", operator_dinkes)


def test_submission_refuses_blanks_naming_each_row_but_a_draft_may_have_them(
        laporan, operator_dinkes, baris_dinkes):
    """Finding 3: an almost empty report could be submitted."""
    r1, r2, r3, _ = baris_dinkes
    _simpan(laporan, operator_dinkes, {r1.pk: D(100)}, {r1.sub_kegiatan_id: D(25)})
    laporan.refresh_from_db()
    with pytest.raises(LaporanDitolak) as exc:
        services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi, sekarang=MARET)
    assert [p.kode for p in exc.value.pesan] == [f"kosong:{r2.pk}",
                                                 f"fisik_kosong:{r3.sub_kegiatan_id}"]
    assert ("1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 · PAD · 5.1.02: realisasi "
            "Maret 2025 belum diisi") in str(exc.value)
    assert "1.02.02.2.02.0001 Sub Kegiatan 1.02.02.2.02.0001: realisasi fisik Maret 2025 " \
           "belum diisi" in str(exc.value)
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    # A typed zero is an answer; r3 has no anggaran kas due by March and may stay blank.
    _simpan(laporan, operator_dinkes, {r2.pk: D(0)}, {r3.sub_kegiatan_id: D(0)})
    laporan.refresh_from_db()
    lap = services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi, sekarang=MARET)
    assert lap.status == StatusLaporan.DIAJUKAN
    assert RealisasiKeuangan.objects.get(rincian=r2, bulan=3).jumlah == D(0)
    assert not RealisasiKeuangan.objects.filter(rincian=r3, bulan=3).exists()


def test_clearing_a_submitted_value_removes_it_at_the_next_submission(
        laporan, operator_dinkes, verifikator, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    r3_sub = r3.sub_kegiatan_id
    _simpan(laporan, operator_dinkes, {r1.pk: D(100), r2.pk: D(50), r3.pk: D(7)},
            {r1.sub_kegiatan_id: D(25), r3_sub: D(0)},
            penjelasan={f"lebih_ak:{r3.pk}": "Uang muka kontrak."})
    laporan.refresh_from_db()
    services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi, sekarang=MARET)
    lap = services.kembalikan(laporan, verifikator, "r3 bukan bulan Maret.")
    _simpan(lap, operator_dinkes, {r3.pk: None})
    assert RealisasiKeuangan.objects.get(rincian=r3, bulan=3).jumlah == D(7)  # still counted
    lap.refresh_from_db()
    services.ajukan(lap, operator_dinkes, revisi=lap.revisi, sekarang=MARET)
    assert not RealisasiKeuangan.objects.filter(rincian=r3, bulan=3).exists()
    assert RealisasiKeuangan.history.filter(rincian_id=r3.pk, history_type="-",
                                            history_user=operator_dinkes).exists()
