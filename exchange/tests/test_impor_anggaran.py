"""Importing the DPA (pagu and anggaran kas) of a budget version."""

import datetime
from decimal import Decimal

import pytest

from budget import testing as t
from budget.models import (
    JenisBelanja,
    JenisOPD,
    KelompokBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    SubKegiatan,
    SumberDana,
    VersiAnggaran,
)
from exchange.impor_anggaran import impor_anggaran
from exchange.umum import ImporGagal

from .bantu import KOLOM_ANGGARAN, MURNI, OPD, SUB, baris_anggaran, keadaan, tulis_csv, tulis_xlsx

D = Decimal


def _impor(path, **kw):
    kw = {"tahun": 2025, "jenis_versi": "murni", "berlaku": MURNI, **kw}
    return impor_anggaran(path, **kw)


def _galat(path, **kw):
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        _impor(path, **kw)
    assert keadaan() == sebelum
    return [str(g) for g in e.value.galat]


def _csv(tmp_path, *baris):
    return tulis_csv(tmp_path / "anggaran.csv", baris, KOLOM_ANGGARAN)


def test_it_reports_text_in_a_number_with_row_column_and_value(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(), baris_anggaran(sd="PAD", pagu="abc"))
    assert _galat(p) == ["Baris 3, kolom pagu, nilai 'abc': bukan angka yang dikenali"]


def test_it_refuses_a_comma_in_a_plain_csv_number(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="12,5,0"))
    assert _galat(p) == [
        "Baris 2, kolom pagu, nilai '12,5,0': memakai koma; format ini memakai titik untuk "
        "desimal tanpa pemisah ribuan (mis. 1250000.50)"
    ]


def test_it_refuses_a_negative_amount(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="-1200.00", ak=["-100.00"] + ["0"] * 10 + ["-1100"]))
    assert _galat(p) == [
        "Baris 2, kolom pagu, nilai '-1200.00': negatif; tidak boleh kurang dari nol",
        "Baris 2, kolom ak_01, nilai '-100.00': negatif; tidak boleh kurang dari nol",
        "Baris 2, kolom ak_12, nilai '-1100': negatif; tidak boleh kurang dari nol",
    ]


def test_it_refuses_anggaran_kas_that_does_not_add_up_to_pagu(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="1200.01"))
    assert _galat(p) == [
        "Baris 2, kolom ak_01–ak_12, nilai '1200.00': jumlah anggaran kas Rp 1.200,00 tidak "
        "sama dengan pagu Rp 1.200,01 (selisih -Rp 0,01)"
    ]


def test_it_refuses_unknown_codes_without_buat_master(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(opd="9.99", sub="1.02.02.2.01.0099", sd="DAK X",
                                      jb="5.1.06"))
    assert _galat(p) == [
        "Baris 2, kolom kode_opd, nilai '9.99': kode perangkat daerah tidak dikenal; tambahkan "
        "dulu di data master atau impor dengan --buat-master",
        "Baris 2, kolom kode_sub_kegiatan, nilai '1.02.02.2.01.0099': kode sub kegiatan tidak "
        "dikenal; tambahkan dulu di data master atau impor dengan --buat-master",
        "Baris 2, kolom kode_sumber_dana, nilai 'DAK X': kode sumber dana tidak dikenal; "
        "tambahkan dulu di data master atau impor dengan --buat-master",
        "Baris 2, kolom kode_jenis_belanja, nilai '5.1.06': kode jenis belanja tidak dikenal; "
        "tambahkan dulu di data master atau impor dengan --buat-master",
    ]


def test_buat_master_creates_the_masters_and_the_nomenclature_chain(db, tmp_path):
    p = _csv(tmp_path, baris_anggaran(opd="1.03.0.00.0.00.01.0000", nama_opd="Dinas PUPR",
                                      sub="1.03.10.2.01.0005", nama_sub="Rehabilitasi Jalan",
                                      sd="DAK Fisik", jb="5.2.04"),
             baris_anggaran(opd="7.01.0.00.0.00.01.0000", nama_opd="Kecamatan Sukau"))
    ringkasan = _impor(p, buat_master=True, nama="APBD Murni 2025")
    pupr = PerangkatDaerah.objects.get(kode="1.03.0.00.0.00.01.0000")
    assert (pupr.nama, pupr.jenis) == ("Dinas PUPR", JenisOPD.DINAS)
    assert PerangkatDaerah.objects.get(kode="7.01.0.00.0.00.01.0000").jenis == JenisOPD.KECAMATAN
    s = SubKegiatan.objects.select_related("kegiatan__program__bidang__urusan").get(
        kode="1.03.10.2.01.0005")
    assert s.nama == "Rehabilitasi Jalan"
    assert s.kegiatan.nama == "Kegiatan 1.03.10.2.01"
    assert s.kegiatan.program.bidang.urusan.kode == "1"
    assert SumberDana.objects.get(kode="DAK Fisik").nama == "DAK Fisik"
    jb = JenisBelanja.objects.get(kode="5.2.04")
    assert (jb.nama, jb.kelompok) == ("Belanja Modal Jalan, Jaringan dan Irigasi",
                                      KelompokBelanja.MODAL)
    assert VersiAnggaran.objects.get().nama == "APBD Murni 2025"
    assert "pagu dan anggaran kas: 2 dibuat, 0 diubah, 0 tidak berubah" in str(ringkasan)
    assert "perangkat daerah: 2 dibuat" in str(ringkasan)


def test_buat_master_still_refuses_a_malformed_code(db, tmp_path):
    p = _csv(tmp_path, baris_anggaran(sub="1.02.2.01.1", jb="5.9.01"))
    assert _galat(p, buat_master=True) == [
        "Baris 2, kolom kode_sub_kegiatan, nilai '1.02.2.01.1': format kode sub kegiatan salah, "
        "contoh 1.02.02.2.01.0001",
        "Baris 2, kolom kode_jenis_belanja, nilai '5.9.01': format kode jenis belanja salah, "
        "contoh 5.1.02",
    ]


def test_it_refuses_the_same_line_twice(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(), baris_anggaran(sd="PAD", jb="5.2.02"), baris_anggaran())
    assert _galat(p) == [
        "Baris 4, kolom kode_opd, kode_sub_kegiatan, kode_sumber_dana, kode_jenis_belanja, "
        f"nilai '{OPD} · {SUB} · DAU · 5.1.02': rincian yang sama sudah ada di baris 2"
    ]


def test_it_collects_every_error_of_every_row(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="x"), baris_anggaran(sd="PAD", jb="5.2.02", pagu="1"))
    assert len(_galat(p)) == 2


def test_reimporting_the_same_file_changes_nothing(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="2400.00", ak=["200.00"] * 12))
    pertama = _impor(p)
    assert "pagu dan anggaran kas: 0 dibuat, 1 diubah, 0 tidak berubah" in str(pertama)
    assert PaguAnggaran.objects.get(rincian=apbd["r1"]).pagu == D("2400.00")
    sebelum = keadaan()
    kedua = _impor(p)
    assert not kedua.ada_perubahan
    assert str(kedua).endswith("Tidak ada perubahan.")
    assert keadaan() == sebelum


def test_a_new_version_is_created_beside_the_old(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="600.00", ak=["50.00"] * 12))
    _impor(p, jenis_versi="pergeseran", berlaku=datetime.date(2025, 7, 1))
    v = VersiAnggaran.objects.get(berlaku_mulai=datetime.date(2025, 7, 1))
    assert (v.jenis, v.nama) == ("pergeseran", "Pergeseran 2025 (01-07-2025)")
    assert PaguAnggaran.objects.get(versi=v).pagu == D(600)
    assert PaguAnggaran.objects.get(versi=apbd["versi"], rincian=apbd["r1"]).pagu == D(1200)


def test_dry_run_reports_and_writes_nothing(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="2400.00", ak=["200.00"] * 12),
             baris_anggaran(sd="PAD", jb="5.2.02", pagu="5000.50", ak=["0"] * 11 + ["5000.50"]))
    sebelum = keadaan()
    r = _impor(p, dry_run=True)
    assert keadaan() == sebelum
    assert "pagu dan anggaran kas: 0 dibuat, 1 diubah, 1 tidak berubah" in str(r)


def test_indonesian_numbers_are_accepted_with_angka_id(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="1.094.182.195.169,02",
                                      ak=["0"] * 11 + ["1.094.182.195.169,02"]))
    _impor(p, gaya="id")
    assert PaguAnggaran.objects.get(rincian=apbd["r1"]).pagu == D("1094182195169.02")


def test_an_ambiguous_number_is_refused_not_guessed(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran(pagu="1.250", ak=["1.250"] + ["0"] * 11),
             baris_anggaran(sd="PAD", jb="5.2.02", pagu="1200.50", ak=["1200.50"] + ["0"] * 11))
    assert _galat(p, gaya="id") == [
        "Baris 3, kolom pagu, nilai '1200.50': dapat dibaca dua cara; tulis desimal "
        "dengan koma (mis. 1250,50) dan ribuan dengan titik (mis. 1.250.000)",
        "Baris 3, kolom ak_01, nilai '1200.50': dapat dibaca dua cara; tulis desimal "
        "dengan koma (mis. 1250,50) dan ribuan dengan titik (mis. 1.250.000)",
    ]


def test_xlsx_float_cells_are_read_exactly(apbd, tmp_path):
    p = tulis_xlsx(tmp_path / "a.xlsx", [baris_anggaran(
        pagu=1094182195169.02, ak=[0.1, 0.2] + [0] * 9 + [1094182195168.72])], KOLOM_ANGGARAN)
    _impor(p)
    pa = PaguAnggaran.objects.get(rincian=apbd["r1"])
    assert (pa.pagu, pa.ak_01, pa.ak_02) == (D("1094182195169.02"), D("0.1"), D("0.2"))


def test_xlsx_floats_with_more_than_two_decimals_are_refused(apbd, tmp_path):
    p = tulis_xlsx(tmp_path / "a.xlsx", [baris_anggaran(
        pagu=1200.125, ak=[1 / 3] + [0] * 10 + [1199.7916666666667])], KOLOM_ANGGARAN)
    assert _galat(p) == [
        "Baris 2, kolom pagu, nilai '1200.125': memiliki lebih dari 2 angka di belakang koma; "
        "tidak dibulatkan",
        "Baris 2, kolom ak_01, nilai '0.3333333333333333': memiliki lebih dari 2 angka di "
        "belakang koma; tidak dibulatkan",
        "Baris 2, kolom ak_12, nilai '1199.791666666667': memiliki lebih dari 2 angka di "
        "belakang koma; tidak dibulatkan",
    ]


def test_a_code_typed_as_a_number_in_xlsx_is_refused(apbd, tmp_path):
    p = tulis_xlsx(tmp_path / "a.xlsx", [baris_anggaran(jb=5.1)], KOLOM_ANGGARAN)
    assert _galat(p) == [
        "Baris 2, kolom kode_jenis_belanja, nilai '5.1': kode harus berupa teks, bukan angka; "
        "format sel sebagai teks"
    ]


def test_an_effective_date_outside_the_year_is_refused(apbd, tmp_path):
    p = _csv(tmp_path, baris_anggaran())
    assert _galat(p, berlaku=datetime.date(2024, 12, 31), nama="Lain") == [
        "Berkas: tanggal berlaku 31-12-2024 di luar tahun anggaran 2025"
    ]


def test_a_pagu_below_the_realisasi_already_recorded_is_refused(apbd, tmp_path):
    t.rincian(o=apbd["opd"], realisasi={1: 100, 8: 500}, pagu=1200, ak=[100] * 12,
              v=apbd["versi"])
    p = _csv(tmp_path, baris_anggaran(pagu="550.00", ak=["50.00"] * 11 + ["0.00"]))
    assert _galat(p, jenis_versi="pergeseran", berlaku=datetime.date(2025, 7, 1)) == [
        "Baris 2, kolom pagu, nilai '550.00': realisasi kumulatif s.d. bulan 8 yang sudah "
        "tercatat, Rp 600,00, melebihi pagu ini (Pergeseran 2025 (01-07-2025)) pada rincian "
        f"{OPD} · {SUB} · DAU · 5.1.02"
    ]


def test_a_lower_pagu_is_fine_in_months_where_another_version_is_in_force(apbd, tmp_path):
    # Realisasi 100 in January only; a pergeseran from July at 100 holds it.
    p = _csv(tmp_path, baris_anggaran(pagu="100.00", ak=["100.00"] + ["0.00"] * 11))
    _impor(p, jenis_versi="pergeseran", berlaku=datetime.date(2025, 7, 1))
    assert PaguAnggaran.objects.filter(pagu=100).count() == 1


def test_the_issue_example_message_word_for_word(apbd, tmp_path):
    baris = [baris_anggaran(sd="PAD", jb="5.2.02", pagu="5.000,50", ak=["0"] * 11 + ["5.000,50"])]
    baris += [baris_anggaran(jb=f"5.1.{i:02d}", pagu="0", ak=["0"] * 12) for i in range(10, 21)]
    baris.append(baris_anggaran(pagu="12,5,0", ak=["100"] * 12))
    p = _csv(tmp_path, *baris)
    galat = _galat(p, gaya="id", buat_master=True)
    assert galat == ["Baris 14, kolom pagu, nilai '12,5,0': bukan angka yang dikenali"]


@pytest.mark.django_db(transaction=True)
def test_the_realisasi_check_and_the_new_pagu_are_one_transaction(apbd, tmp_path, monkeypatch):
    # Outside a test transaction (transaction=True): the check must find itself inside the
    # atomic block that then writes the pagu, so no realisasi can be recorded in between.
    from django.db import connection

    from exchange import impor_anggaran as modul

    asli = modul._periksa_realisasi_tercatat
    dalam_transaksi = []

    def periksa(*args, **kwargs):
        dalam_transaksi.append(connection.in_atomic_block)
        return asli(*args, **kwargs)

    monkeypatch.setattr(modul, "_periksa_realisasi_tercatat", periksa)
    p = _csv(tmp_path, baris_anggaran(pagu="1320.00", ak=["110.00"] * 12))
    _impor(p, jenis_versi="pergeseran", berlaku=datetime.date(2025, 7, 1))
    assert dalam_transaksi == [True]
    assert PaguAnggaran.objects.filter(pagu=1320).count() == 1
