"""Realisasi from SIPD's "realisasi per rekening" file: month = SIPD cumulative − SIAP's."""

import datetime
import io

import pytest
from django.core.management import call_command

from budget.models import RealisasiKeuangan
from exchange.sipd.bagi import bagi_sebanding
from exchange.sipd.berkas import sha256
from exchange.sipd.models import ImporSipd, PemetaanUnitSipd, RealisasiSipd, TataLetakSipd
from exchange.sipd.realisasi import TataLetakTidakDikenal, impor_sipd_realisasi
from exchange.umum import ImporGagal

from .bantu import OPD, SUB, tulis_xlsx
from .sipd_bantu import HARI_INI, OKT, D, baris, buat_apbd, standar, tulis

JUDUL_KOLOM = ["no", "kd_unit", "nm_skpd"]

@pytest.fixture
def anggaran(db):
    return buat_apbd()


def _impor(path, tanggal=OKT, **kw):
    return impor_sipd_realisasi(path, tanggal=tanggal, hari_ini=HARI_INI, **kw)


def _bulan(r, bulan=10):
    return RealisasiKeuangan.objects.filter(rincian=r, bulan=bulan).values_list(
        "jumlah", flat=True).first()


def test_the_month_is_sipd_cumulative_minus_siap_and_split_by_sisa_pagu(anggaran, tmp_path):
    p = tulis(tmp_path / "sipd.csv", standar())
    hasil = _impor(p)
    # 5.1.02: SIPD 1.200, SIAP to September 600 → October 600, split by sisa pagu
    # DAU 1.000−100 = 900 and PAD 3.000−500 = 2.500: 600×900/3.400 = 158,82 and 441,18.
    assert _bulan(anggaran["dau"]) == D("158.82")
    assert _bulan(anggaran["pad"]) == D("441.18")
    assert _bulan(anggaran["modal"]) == D("250.00")
    assert hasil.ringkasan.hitungan["realisasi keuangan"]["dibuat"] == 3
    [o] = hasil.opd
    assert (o.siap_sebelum, o.sipd, o.siap_sesudah) == (D("600.00"), D("1450.00"), D("1450.00"))
    [bagi] = hasil.pembagian
    assert [(sd, s, b) for sd, s, b in bagi.bagian] == [("DAU", D("900.00"), D("158.82")),
                                                        ("PAD", D("2500.00"), D("441.18"))]
    assert dict(hasil.baris) == {"dipakai": 3}
    log = ImporSipd.objects.get()
    assert (log.nama_berkas, log.sha256, log.tanggal, log.bulan, log.tata_letak, log.oleh) == (
        "sipd.csv", sha256(p), OKT, 10, TataLetakSipd.JUDUL, None)
    assert log.baris == {"dipakai": 3} and log.total == D("1450.00")
    assert {r.rincian_id: r.kumulatif for r in RealisasiSipd.objects.all()} == {
        anggaran["dau"].pk: D("258.82"), anggaran["pad"].pk: D("941.18"), anggaran["modal"].pk: D("250")}


def test_the_split_is_largest_remainder_in_sen_ties_to_the_first():
    assert bagi_sebanding(100, [1, 1, 1]) == [34, 33, 33]
    assert bagi_sebanding(60000, [90000, 250000]) == [15882, 44118]
    assert bagi_sebanding(5, [0, 0]) == [5, 0]
    assert bagi_sebanding(10, [3, 7]) == [3, 7]


def test_importing_twice_changes_nothing_but_is_logged_twice(anggaran, tmp_path):
    p = tulis(tmp_path / "sipd.csv", standar())
    _impor(p)
    sebelum = list(RealisasiKeuangan.objects.order_by("pk").values_list("pk", "bulan", "jumlah"))
    hasil = _impor(p)
    assert not hasil.ringkasan.ada_perubahan
    assert hasil.ringkasan.hitungan["realisasi keuangan"]["tetap"] == 3
    assert list(RealisasiKeuangan.objects.order_by("pk").values_list(
        "pk", "bulan", "jumlah")) == sebelum
    assert ImporSipd.objects.count() == 2


def test_a_dry_run_writes_nothing(anggaran, tmp_path):
    p = tulis(tmp_path / "sipd.csv", standar())
    hasil = _impor(p, dry_run=True)
    assert hasil.ringkasan.hitungan["realisasi keuangan"]["dibuat"] == 3
    assert not RealisasiKeuangan.objects.filter(bulan=10).exists()
    assert not ImporSipd.objects.exists()


def _kolom_huruf(path, rows):
    from exchange.sipd.contoh_tulis import KOLOM_VARIAN
    from exchange.sipd.tata_letak import indeks_huruf

    judul = [None] * 28
    for h, v in KOLOM_VARIAN.items():
        judul[indeks_huruf(h)] = v
    isi = []
    for r in rows:
        sel = [None] * 28
        for h, k in (("B", "KODE SUB UNIT"), ("R", "KODE SUB KEGIATAN"), ("T", "KODE REKENING")):
            sel[indeks_huruf(h)] = r[k]
        sel[indeks_huruf("AB")] = float(r["REALISASI"])
        isi.append(sel)
    return tulis_xlsx(path, isi, judul)


def test_the_column_letter_variant_gives_the_same_months(anggaran, tmp_path):
    p = _kolom_huruf(tmp_path / "2025-10-31.xlsx", standar())
    hasil = _impor(p)
    assert hasil.tata_letak == TataLetakSipd.KOLOM
    assert (_bulan(anggaran["dau"]), _bulan(anggaran["pad"]), _bulan(anggaran["modal"])) == (
        D("158.82"), D("441.18"), D("250.00"))


def test_the_header_set_is_found_below_a_title_in_an_xlsx(anggaran, tmp_path):
    from exchange.sipd.contoh_tulis import JUDUL_REALISASI

    rows = [["STATISTIK BELANJA s.d. 31 Oktober 2025"], [], list(JUDUL_REALISASI)] + [
        [float(r[k]) if k in ("PAGU", "REALISASI") else r[k] for k in JUDUL_REALISASI]
        for r in standar()]
    p = tulis_xlsx(tmp_path / "statistik.xlsx", rows[1:], rows[0])
    _impor(p)
    assert _bulan(anggaran["modal"]) == D("250.00")


def test_a_sumber_dana_column_overrides_the_split(anggaran, tmp_path):
    rows = standar()
    rows[0]["SUMBER DANA"], rows[1]["SUMBER DANA"] = "PAD", "Dana Alokasi Umum"
    rows[2]["SUMBER DANA"] = "DAU"
    judul = [*rows[0].keys()]
    hasil = _impor(tulis(tmp_path / "sipd.csv", rows, judul))
    assert (_bulan(anggaran["dau"]), _bulan(anggaran["pad"])) == (D("200.00"), D("400.00"))
    assert hasil.pembagian == []


def test_subtotal_and_total_rows_are_checked_not_added(anggaran, tmp_path):
    rows = [baris("5.1.02", "4000.00", "1200.00"), *standar()[:2],  # header style
            standar()[2], baris("5.2.02", "5000.00", "250.00"),  # footer style
            baris("", "9000.00", "1450.00", sub="", opd="", unit="", **{"NAMA SKPD": "JUMLAH"})]
    rows[-1]["KODE SKPD"] = ""
    hasil = _impor(tulis(tmp_path / "sipd.csv", rows))
    assert dict(hasil.baris) == {"dipakai": 3, "subtotal": 3}
    assert _bulan(anggaran["modal"]) == D("250.00")


def test_a_sub_unit_is_matched_through_the_mapping_table_or_its_skpd(anggaran, tmp_path):
    rows = standar()
    for r in rows:
        r["KODE SKPD"], r["KODE SUB UNIT"] = "9.99.0.00.0.00.01.0000", "9.99.0.00.0.00.01.0007"
    with pytest.raises(ImporGagal):  # not an OPD, not mapped: refused (see test_sipd_galat)
        _impor(tulis(tmp_path / "a.csv", rows))
    for r in rows:
        r["KODE SKPD"], r["KODE SUB UNIT"] = "", "1.02.0.00.0.00.01.0007"
    _impor(tulis(tmp_path / "b.csv", rows))  # 22-character sub unit: falls back to its SKPD
    assert _bulan(anggaran["modal"]) == D("250.00")
    PemetaanUnitSipd.objects.create(kode="9.99.0.00.0.00.01.0000", opd=anggaran["opd"])
    for r in rows:
        r["KODE SKPD"], r["KODE SUB UNIT"] = "9.99.0.00.0.00.01.0000", ""
    assert not _impor(tulis(tmp_path / "c.csv", rows)).ringkasan.ada_perubahan


def test_a_cut_off_inside_the_current_month_is_the_month_so_far(anggaran, tmp_path):
    p = tulis(tmp_path / "sipd.csv", standar())
    hasil = impor_sipd_realisasi(p, tanggal=datetime.date(2025, 10, 20),
                                 hari_ini=datetime.date(2025, 10, 21))
    assert hasil.sementara and hasil.bulan == 10
    rows = standar()
    rows[2]["REALISASI"] = "400.00"
    impor_sipd_realisasi(tulis(tmp_path / "akhir.csv", rows), tanggal=OKT,
                         hari_ini=datetime.date(2025, 11, 3))
    assert _bulan(anggaran["modal"]) == D("400.00")


def test_unknown_headers_ask_for_a_mapping_which_is_then_used(anggaran, tmp_path):
    from exchange.sipd.models import PemetaanKolomSipd
    from exchange.sipd.tata_letak import tanda_judul

    judul = ["Kd Unit", "Kd Subkeg", "Kd Rek", "Real s.d."]
    rows = [{"Kd Unit": OPD, "Kd Subkeg": SUB, "Kd Rek": r["KODE REKENING"],
             "Real s.d.": r["REALISASI"]} for r in standar()]
    p = tulis(tmp_path / "aneh.csv", rows, judul)
    with pytest.raises(TataLetakTidakDikenal) as e:
        _impor(p)
    assert tuple(e.value.berkas.judul) == tuple(judul)
    posisi = {"kode_sub_unit": 0, "kode_sub_kegiatan": 1, "kode_rekening": 2, "realisasi": 3}
    PemetaanKolomSipd.objects.create(jenis="realisasi", tanda=tanda_judul(judul), judul=judul,
                                     posisi=posisi)
    hasil = _impor(p)
    assert hasil.tata_letak == TataLetakSipd.PEMETAAN
    assert _bulan(anggaran["modal"]) == D("250.00")


def test_the_command_and_its_siap_impor_spelling(anggaran, tmp_path, monkeypatch):
    import time_machine

    from siap import cli

    p = tulis(tmp_path / "sipd.csv", standar())
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 12, 15, 10), tick=False):
        call_command("impor_sipd_realisasi", str(p), "--tanggal", "2025-10-31", "--dry-run",
                     stdout=out)
    assert "Uji coba (--dry-run)" in out.getvalue()
    assert "realisasi keuangan: 3 dibuat, 0 diubah, 0 tidak berubah" in out.getvalue()
    dipanggil = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", dipanggil.append)
    cli.main(["siap", "impor", "sipd-realisasi", "F.csv", "--tanggal", "2025-10-31"])
    assert dipanggil == [["siap", "impor_sipd_realisasi", "F.csv", "--tanggal", "2025-10-31"]]


def test_the_queries_do_not_grow_with_the_rows(anggaran, tmp_path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def hitung(n):
        rows = [baris(f"5.1.02.01.01.{i:04d}", "1.00", "0.10") for i in range(1, n + 1)]
        rows += [baris("5.1.02.01.02.0001", f"{4000 - n}.00", f"{1200 - n // 10}.00",),
                 standar()[2]]
        with CaptureQueriesContext(connection) as q:
            _impor(tulis(tmp_path / f"r{n}.csv", rows), dry_run=True)
        return len(q)

    assert hitung(20) == hitung(400)
