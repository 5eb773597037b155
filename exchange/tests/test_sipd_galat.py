"""Every kind of bad SIPD realisasi file: refused whole, the database unchanged, each message
naming the row, the column (as the file names it), the value and the reason in Indonesian."""

import datetime

import pytest

from budget import testing as t
from exchange.sipd.realisasi import impor_sipd_realisasi
from exchange.umum import ImporGagal

from .bantu import OPD, SUB
from .sipd_bantu import HARI_INI, OKT, SUB2, baris, buat_apbd, keadaan_sipd, standar, tulis


@pytest.fixture
def anggaran(db):
    return buat_apbd()


def _ubah(rows, i, **isi):
    rows[i].update(isi)
    return rows


def _jumlah(*rows):
    return [*rows]


KASUS = {
    "OPD tidak dikenal": (
        lambda: _ubah(standar(), 1, **{"KODE SKPD": "9.99.0.00.0.00.01.0000",
                                        "KODE SUB UNIT": "9.99.0.00.0.00.01.0003"}),
        "Baris 3, kolom KODE SUB UNIT, nilai '9.99.0.00.0.00.01.0003': sub unit/SKPD ini bukan "
        "perangkat daerah di SIAP dan belum dipetakan"),
    "sub kegiatan di luar anggaran OPD": (
        lambda: _ubah(standar(), 0, **{"KODE SUB KEGIATAN": SUB2}),
        f"Baris 2, kolom KODE SUB KEGIATAN, nilai '{SUB2}': sub kegiatan ini tidak ada di "
        f"anggaran Dinas Kesehatan ({OPD}) tahun 2025"),
    "jenis belanja di luar sub kegiatan": (
        lambda: _ubah(standar(), 2, **{"KODE REKENING": "5.2.03.01.01.0001"}),
        "Baris 4, kolom KODE REKENING, nilai '5.2.03.01.01.0001': jenis belanja 5.2.03 tidak ada "
        f"di anggaran sub kegiatan {SUB} Dinas Kesehatan"),
    "kumulatif turun": (
        lambda: _ubah(_ubah(standar(), 0, REALISASI="200.00"), 1, REALISASI="100.00"),
        "Baris 2, kolom REALISASI, nilai '300.00': realisasi kumulatif SIPD s.d. 31 Oktober 2025 "
        "Rp 300,00 (baris 2, 3) lebih kecil dari realisasi SIAP s.d. akhir September Rp 600,00"),
    "pagu berbeda": (
        lambda: _ubah(standar(), 2, PAGU="4999.00"),
        "Baris 4, kolom PAGU, nilai '4999.00': pagu SIPD Rp 4.999,00 (baris 4) tidak sama dengan "
        "pagu SIAP Rp 5.000,00 (APBD Murni 2025)"),
    "subtotal tidak sama": (
        lambda: [baris("5.1.02", "4000.00", "1100.00"), *standar()],
        "Baris 2, kolom REALISASI, nilai '1100.00': subtotal rekening 5.1.02 Rp 1.100,00 tidak "
        "sama dengan jumlah baris rinciannya di bawahnya Rp 1.200,00 (selisih -Rp 100,00)"),
    "jumlah tidak sama": (
        lambda: [*standar(), baris("", "9000.00", "1450.01", sub="", opd="", unit="",
                                   **{"NAMA SKPD": "TOTAL"})],
        "Baris 5, kolom REALISASI, nilai '1450.01': jumlah seluruh berkas Rp 1.450,01 tidak sama "
        "dengan jumlah baris rinciannya di atasnya Rp 1.450,00"),
    "melebihi pagu": (
        lambda: _ubah(standar(), 2, REALISASI="5000.01", PAGU="5000.00"),
        "Baris 4, kolom REALISASI, nilai '5000.01': realisasi kumulatif melebihi pagu baris ini "
        "(5000.00)"),
    "bukan angka": (
        lambda: _ubah(standar(), 0, REALISASI="sembilan ratus"),
        "Baris 2, kolom REALISASI, nilai 'sembilan ratus': bukan angka yang dikenali"),
    "negatif": (
        lambda: _ubah(standar(), 1, REALISASI="-5.00"),
        "Baris 3, kolom REALISASI, nilai '-5.00': negatif; tidak boleh kurang dari nol"),
    "kode rekening salah": (
        lambda: _ubah(standar(), 1, **{"KODE REKENING": "5.1.02.01.01.0002.7"}),
        "Baris 3, kolom KODE REKENING, nilai '5.1.02.01.01.0002.7': format kode rekening salah"),
    "tahun lain": (
        lambda: _ubah(standar(), 2, TAHUN="2024"),
        "Baris 4, kolom TAHUN, nilai '2024': bukan tahun anggaran tanggal batas (2025)"),
    "kode kosong": (
        lambda: _ubah(standar(), 2, **{"KODE SUB KEGIATAN": ""}),
        "Baris 4, kolom KODE SUB KEGIATAN, nilai '': kosong; kode sub kegiatan wajib diisi"),
}


@pytest.mark.parametrize("kasus", list(KASUS))
def test_each_bad_row_is_named_and_nothing_is_written(anggaran, tmp_path, kasus):
    rows, harap = KASUS[kasus]
    p = tulis(tmp_path / "sipd.csv", rows())
    sebelum = keadaan_sipd()
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(p, tanggal=OKT, hari_ini=HARI_INI)
    pesan = [str(g) for g in e.value.galat]
    assert any(m.startswith(harap) for m in pesan), pesan
    assert keadaan_sipd() == sebelum


def test_sumber_dana_on_some_rows_only_or_unknown(anggaran, tmp_path):
    rows = standar()
    rows[0]["SUMBER DANA"] = "DAU"
    p = tulis(tmp_path / "sipd.csv", rows, [*rows[0]])
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(p, tanggal=OKT, hari_ini=HARI_INI)
    assert str(e.value.galat[0]).startswith(
        "Baris 3, kolom SUMBER DANA, nilai '': baris 2 menyebut sumber dana untuk "
        f"{OPD} · {SUB} · 5.1.02 (Dinas Kesehatan); isi sumber dana di semua baris")
    rows[1]["SUMBER DANA"] = "APBN"
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(tulis(tmp_path / "b.csv", rows, [*rows[0]]), tanggal=OKT,
                             hari_ini=HARI_INI)
    assert str(e.value.galat[0]) == "Baris 3, kolom SUMBER DANA, nilai 'APBN': sumber dana tidak dikenal"


def test_a_later_month_already_recorded_may_not_go_over_the_pagu(anggaran, tmp_path):
    t.rincian(o=anggaran["opd"], sub=SUB, sd="DAU", jb="5.2.02", pagu=5000, realisasi={11: 4800},
              v=anggaran["versi"])
    sebelum = keadaan_sipd()
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(tulis(tmp_path / "sipd.csv", standar()), tanggal=OKT,
                             hari_ini=HARI_INI)
    assert str(e.value.galat[0]) == (
        "Baris 4, kolom REALISASI, nilai '250.00': dengan realisasi bulan November yang sudah "
        "tercatat, realisasi kumulatif s.d. November menjadi Rp 5.050,00, melebihi pagu "
        f"Rp 5.000,00 (APBD Murni 2025) untuk {OPD} · {SUB} · 5.2.02")
    assert keadaan_sipd() == sebelum


@pytest.mark.parametrize("tanggal, hari_ini, nama, alasan", [
    (datetime.date(2025, 10, 15), HARI_INI, "sipd.csv",
     "tanggal batas 15 Oktober 2025 bukan akhir bulan; realisasi bulan Oktober 2025 diimpor s.d. "
     "31 Oktober 2025 (tanggal lain hanya untuk bulan berjalan)"),
    (datetime.date(2025, 12, 31), HARI_INI, "sipd.csv",
     "tanggal batas 31 Desember 2025 belum lewat (hari ini 15 Desember 2025); realisasi hanya "
     "dapat diimpor s.d. hari ini"),
    (OKT, HARI_INI, "2025-09-30.xlsx",
     "nama berkas 2025-09-30.xlsx menyebut tanggal 30 September 2025, bukan tanggal batas "
     "31 Oktober 2025"),
])
def test_a_cut_off_date_is_refused_with_the_reason(anggaran, tmp_path, tanggal, hari_ini, nama,
                                                   alasan):
    p = tulis(tmp_path / "sipd.csv", standar())
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(p, tanggal=tanggal, hari_ini=hari_ini, nama_berkas=nama)
    assert [str(g) for g in e.value.galat] == [f"Berkas: {alasan}"]


def test_a_file_that_is_not_a_spreadsheet_is_refused(anggaran, tmp_path):
    p = tmp_path / "sipd.xlsx"
    p.write_bytes(b"bukan xlsx")
    with pytest.raises(ImporGagal) as e:
        impor_sipd_realisasi(p, tanggal=OKT, hari_ini=HARI_INI)
    assert str(e.value.galat[0]).startswith("Berkas: bukan lembar kerja XLSX")
