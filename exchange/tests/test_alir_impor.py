"""Streaming imports: rows checked as read, written in batches in one transaction, errors capped.

The budget of ``apbd_besar`` (test_batas) has 1,700 lines, so files of a few thousand valid
rows span several batches of ``BATCH`` (1,000) rows.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import RealisasiFisik, RealisasiKeuangan
from exchange.baca import BerkasTidakValid, DaftarGalat, Galat, baca
from exchange.impor_realisasi import BATCH, impor_fisik, impor_realisasi
from exchange.umum import KOLOM_FISIK, KOLOM_REALISASI, ImporGagal

from . import test_batas
from .bantu import OPD, keadaan, tulis_csv

pytestmark = pytest.mark.django_db
apbd_besar = test_batas.apbd_besar  # the fixture, shared


def _baris(garis, n, ubah=None):
    """n valid realisasi rows, line by line, months 1–12; ``ubah`` {index: amount} overrides."""
    hasil = []
    for i in range(n):
        sub, sd = garis[i // 12]
        jumlah = (ubah or {}).get(i, f"{1000 + i % 97}.{i % 100:02d}")
        hasil.append([OPD, sub, sd, "5.1.02", str(i % 12 + 1), jumlah])
    return hasil


def _realisasi(path, baris):
    return tulis_csv(path, baris, KOLOM_REALISASI)


def test_batches_are_written_with_history_and_reimport_changes_nothing(tmp_path, apbd_besar):
    assert BATCH == 1000
    p = _realisasi(tmp_path / "r.csv", _baris(apbd_besar, 2500))
    kering = impor_realisasi(p, tahun=2025, dry_run=True)
    assert str(kering) == "realisasi keuangan: 2500 dibuat, 0 diubah, 0 tidak berubah"
    assert RealisasiKeuangan.objects.count() == 0

    r = impor_realisasi(p, tahun=2025)
    assert str(r) == "realisasi keuangan: 2500 dibuat, 0 diubah, 0 tidak berubah"
    assert RealisasiKeuangan.objects.count() == 2500
    assert RealisasiKeuangan.history.filter(history_type="+").count() == 2500
    x = RealisasiKeuangan.objects.get(rincian__sub_kegiatan__kode=apbd_besar[208][0],
                                      rincian__sumber_dana__kode=apbd_besar[208][1], bulan=4)
    assert f"{x.jumlah:.2f}" == f"{1000 + 2499 % 97}.{2499 % 100:02d}"

    lagi = impor_realisasi(p, tahun=2025)
    assert str(lagi) == ("realisasi keuangan: 0 dibuat, 0 diubah, 2500 tidak berubah\n"
                         "Tidak ada perubahan.")

    # three changed amounts, one in each batch: an update each, with its history row
    p2 = _realisasi(tmp_path / "r2.csv", _baris(apbd_besar, 2500, {5: "1.00", 1500: "2.00",
                                                                  2400: "3.00"}))
    assert str(impor_realisasi(p2, tahun=2025, dry_run=True)) == (
        "realisasi keuangan: 0 dibuat, 3 diubah, 2497 tidak berubah")
    assert str(impor_realisasi(p2, tahun=2025)) == (
        "realisasi keuangan: 0 dibuat, 3 diubah, 2497 tidak berubah")
    assert RealisasiKeuangan.history.filter(history_type="~").count() == 3
    assert sorted(str(j) for j in RealisasiKeuangan.objects.filter(
        jumlah__lt=10).values_list("jumlah", flat=True)) == ["1.00", "2.00", "3.00"]


@pytest.mark.parametrize("salah", ["kode", "duplikat", "pagu"])
def test_an_error_after_written_batches_rolls_everything_back(tmp_path, apbd_besar, salah):
    baris = _baris(apbd_besar, 2500)
    if salah == "kode":
        baris.append([OPD, "1.02.02.2.01.0999", "DAU", "5.1.02", "1", "5.00"])
        alasan = "kode sub kegiatan tidak dikenal; tambahkan dulu di data master"
    elif salah == "duplikat":
        baris.append(list(baris[3]))
        alasan = "realisasi rincian ini untuk bulan 4 sudah ada di baris 5"
    else:  # the last line's December brings it over its pagu of 12,000,000
        baris[2499][5] = "11999000.00"
        alasan = ("realisasi kumulatif s.d. bulan 4 Rp 12.002.218,91 melebihi pagu "
                  "Rp 12.000.000,00 (APBD Murni 2025) pada rincian ")
    p = _realisasi(tmp_path / "r.csv", baris)
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_realisasi(p, tahun=2025)
    [g] = e.value.galat
    assert g.baris == (2501 if salah == "pagu" else 2502)
    assert g.alasan.startswith(alasan), g.alasan
    assert keadaan() == sebelum
    assert RealisasiKeuangan.history.count() == 0


def test_queries_are_constant_per_batch(tmp_path, apbd_besar):
    """Each 1,000 rows cost one query to compare (dry run) — not one per row or per line."""
    def hitung(n):
        p = _realisasi(tmp_path / f"r{n}.csv", _baris(apbd_besar, n))
        with CaptureQueriesContext(connection) as q:
            impor_realisasi(p, tahun=2025, dry_run=True)
        return len(q)

    satu, tiga = hitung(1000), hitung(3000)
    assert tiga - satu == 2, (satu, tiga)
    assert satu <= 10


def test_the_error_list_is_capped_at_1000_sorted_by_row(tmp_path, apbd_besar):
    baris = _baris(apbd_besar, 1500)
    for b in baris:
        b[4] = "13"
    baris[700][0] = "9.99"  # an unknown OPD as well: two errors on row 702
    p = _realisasi(tmp_path / "r.csv", baris)
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_realisasi(p, tahun=2025)
    assert e.value.jumlah == 1501
    assert str(e.value) == "1501 galat; tidak ada data yang disimpan"
    galat = e.value.galat
    assert len(galat) == 1001
    assert [g.baris for g in galat[:1000]] == sorted(
        [*range(2, 1001), 702])
    assert galat[700].kolom == "kode_opd" and galat[701].kolom == "bulan"
    assert str(galat[1]) == "Baris 3, kolom bulan, nilai '13': bulan harus 1 sampai 12"
    assert str(galat[-1]) == ("Berkas: … dan 501 galat lainnya tidak ditampilkan (hanya 1.000 galat "
                              "pertama menurut nomor baris)")
    assert keadaan() == sebelum


def test_daftar_galat_keeps_the_first_by_row_whatever_the_order_found():
    d = DaftarGalat(batas=3)
    for baris in (9, 4, None, 7, 4, 2, 8):
        d.append(Galat(baris, "k", str(baris), "x"))
    assert len(d) == 7
    assert [(g.baris, g.nilai) for g in d.daftar()[:3]] == [(None, "None"), (2, "2"), (4, "4")]
    assert d.daftar()[3].alasan == ("… dan 4 galat lainnya tidak ditampilkan (hanya 3 galat "
                                    "pertama menurut nomor baris)")
    kecil = DaftarGalat()
    kecil.extend([Galat(3, "", "", "b"), Galat(2, "", "", "a")])
    assert [g.alasan for g in kecil.daftar()] == ["a", "b"]


def test_fisik_in_batches_and_rolled_back_on_a_late_error(tmp_path, apbd_besar):
    subs = sorted({s for s, _ in apbd_besar})
    baris = [[OPD, subs[i // 12], str(i % 12 + 1), str(i % 12 * 5)] for i in range(2400)]
    p = tulis_csv(tmp_path / "f.csv", baris, KOLOM_FISIK)
    assert str(impor_fisik(p, tahun=2025)) == "realisasi fisik: 2400 dibuat, 0 diubah, 0 tidak berubah"
    assert RealisasiFisik.history.filter(history_type="+").count() == 2400
    baris[1234][3] = "99"
    assert str(impor_fisik(tulis_csv(tmp_path / "f2.csv", baris, KOLOM_FISIK), tahun=2025)) == (
        "realisasi fisik: 0 dibuat, 1 diubah, 2399 tidak berubah")

    baris[10][3] = "1"
    baris.append(list(baris[0]))
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_fisik(tulis_csv(tmp_path / "f3.csv", baris, KOLOM_FISIK), tahun=2025)
    assert [str(g) for g in e.value.galat] == [
        f"Baris 2402, kolom kode_opd, kode_sub_kegiatan, bulan, nilai '{OPD} · {subs[0]} · 1': "
        "realisasi fisik ini sudah ada di baris 2"]
    assert keadaan() == sebelum


def test_the_reader_checks_the_header_at_once_and_the_rest_at_the_end(tmp_path):
    p = tulis_csv(tmp_path / "a.csv", [["1"]], ["kode_opd", "bukan"])
    with pytest.raises(BerkasTidakValid, match="judul kolom tidak dikenal"):
        baca(p, KOLOM_REALISASI)  # raised by the call, before any row is asked for
    judul = list(KOLOM_REALISASI)
    p = tulis_csv(tmp_path / "b.csv", [["a"] * 6, ["b"] * 6 + ["lebih"], ["c"] * 6], judul)
    baris = baca(p, KOLOM_REALISASI)
    assert next(baris).nomor == 2
    assert next(baris).nomor == 4  # row 3 is set aside...
    with pytest.raises(BerkasTidakValid) as e:  # ...and reported when the file ends
        next(baris)
    assert [str(g) for g in e.value.galat] == [
        "Baris 3: baris ini berisi nilai di luar kolom yang punya judul"]


def test_a_late_file_error_replaces_the_row_errors_and_writes_nothing(tmp_path, apbd_besar):
    baris = _baris(apbd_besar, 1200)
    baris[3][4] = "13"
    baris.append([OPD, apbd_besar[0][0], "DAU", "5.1.02", "1", "5.00", "lebih"])
    p = _realisasi(tmp_path / "r.csv", baris)
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_realisasi(p, tahun=2025)
    assert [str(g) for g in e.value.galat] == [
        "Baris 1202: baris ini berisi nilai di luar kolom yang punya judul"]
    assert keadaan() == sebelum
