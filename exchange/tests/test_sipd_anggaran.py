"""Budget from SIPD: anggaran kas (JSON, flat table, printed) and DPA lines into a version."""

import datetime
import json

import pytest

from budget.models import PaguAnggaran, VersiAnggaran
from exchange.sipd.anggaran import impor_sipd_anggaran
from exchange.sipd.models import ImporSipd, TataLetakSipd
from exchange.umum import ImporGagal

from .bantu import OPD, SUB, tulis_csv
from .sipd_bantu import D, buat_apbd, keadaan_sipd

PERUBAHAN = datetime.date(2025, 10, 1)
JUDUL_DPA = ["KODE SKPD", "KODE SUB KEGIATAN", "KODE REKENING", "SUMBER DANA", "PAGU"]

@pytest.fixture
def anggaran(db):
    return buat_apbd()


def _ak(rek, bulan, **lain):
    return {"kode_skpd": OPD, "kode_sub_skpd": OPD, "kode_sub_giat": SUB, "kode_akun": rek,
            **{f"bulan_{i}": b for i, b in enumerate(bulan, 1)},
            "total_akb": sum(bulan), "total_rincian": sum(bulan), "selisih": 0, **lain}


def _ak_standar():
    return [_ak("5.1.02.01.01.0001", [100] * 12), _ak("5.1.02.01.01.0002", [0] * 11 + [2800]),
            _ak("5.2.02.01.01.0001", [0] * 6 + [1000] * 5 + [0])]


def _json(path, rows):
    path.write_text(json.dumps({"status": "success", "data": rows}), encoding="utf-8")
    return path


def _dpa(path, rows=None):
    rows = rows or [[OPD, SUB, "5.1.02.01.01.0001", "DAU", "1000.00"],
                    [OPD, SUB, "5.1.02.01.01.0002", "Pendapatan Asli Daerah", "3000.00"],
                    [OPD, SUB, "5.2.02.01.01.0001", "DAU", "5000.00"]]
    return tulis_csv(path, rows, JUDUL_DPA)


def _impor(ak, dpa=None, **kw):
    kw = {"tahun": 2025, "jenis_versi": "perubahan", "berlaku": PERUBAHAN, **kw}
    return impor_sipd_anggaran(ak, path_dpa=dpa, **kw)


def _bulan(versi, r):
    return PaguAnggaran.objects.get(versi=versi, rincian=r)


def test_anggaran_kas_json_and_dpa_make_a_version_split_by_dpa_pagu(anggaran, tmp_path):
    hasil = _impor(_json(tmp_path / "ak.json", _ak_standar()), _dpa(tmp_path / "dpa.csv"))
    v = VersiAnggaran.objects.get(berlaku_mulai=PERUBAHAN)
    assert v.nama == "APBD Perubahan 2025"
    dau, pad, modal = (_bulan(v, anggaran[k]) for k in ("dau", "pad", "modal"))
    assert (dau.pagu, pad.pagu, modal.pagu) == (D(1000), D(3000), D(5000))
    # the group's months (100 each, December 2.900) spread by pagu 1.000 : 3.000
    assert dau.anggaran_kas == [D(25)] * 11 + [D(725)]
    assert pad.anggaran_kas == [D(75)] * 11 + [D(2175)]
    assert modal.anggaran_kas == [D(0)] * 6 + [D(1000)] * 5 + [D(0)]
    assert (hasil.rincian, hasil.dibagi, hasil.total) == (3, 1, D("9000.00"))
    assert hasil.tata_letak == TataLetakSipd.JSON
    assert sorted(ImporSipd.objects.values_list("jenis", "versi_id", "tanggal")) == [
        ("anggaran_kas", v.pk, PERUBAHAN), ("dpa", v.pk, PERUBAHAN)]
    ulang = _impor(_json(tmp_path / "ak.json", _ak_standar()), _dpa(tmp_path / "dpa.csv"))
    assert not ulang.ringkasan.ada_perubahan


def test_a_flat_anggaran_kas_with_sumber_dana_needs_no_dpa(anggaran, tmp_path):
    judul = ["KODE SKPD", "KODE SUB KEGIATAN", "KODE AKUN", "SUMBER DANA",
             *(f"BULAN {i}" for i in range(1, 13))]
    rows = [[OPD, SUB, "5.1.02.01.01.0001", "DAU", *["50"] * 12],
            [OPD, SUB, "5.1.02.01.01.0002", "PAD", *["250"] * 12]]
    _impor(tulis_csv(tmp_path / "ak.csv", rows, judul))
    v = VersiAnggaran.objects.get(berlaku_mulai=PERUBAHAN)
    assert _bulan(v, anggaran["dau"]).pagu == D(600) and _bulan(v, anggaran["pad"]).pagu == D(3000)


def test_the_printed_layout_skips_the_quarterly_subtotals(anggaran, tmp_path):
    from exchange.sipd.contoh import data_grup
    from exchange.sipd.contoh_tulis import anggaran_kas_cetak, dpa

    grup = data_grup(2025, datetime.date(2025, 11, 30))
    ak = anggaran_kas_cetak(tmp_path / "cetak.xlsx", grup, OPD, 2025)
    hasil = _impor(ak, dpa(tmp_path / "dpa.csv", grup), jenis_versi="murni",
                   berlaku=datetime.date(2025, 1, 1))
    assert hasil.tata_letak == TataLetakSipd.CETAK
    assert hasil.ringkasan.hitungan["pagu dan anggaran kas"]["diubah"] + \
        hasil.ringkasan.hitungan["pagu dan anggaran kas"]["tetap"] == 3
    v = anggaran["versi"]
    for k in ("dau", "pad", "modal"):
        p = _bulan(v, anggaran[k])
        assert sum(p.anggaran_kas) == p.pagu


def _galat(tmp_path, ak, dpa=None, **kw):
    sebelum = keadaan_sipd()
    with pytest.raises(ImporGagal) as e:
        _impor(ak, dpa, **kw)
    assert keadaan_sipd() == sebelum
    return [str(g) for g in e.value.galat]


def test_anggaran_kas_that_does_not_add_up_to_the_dpa_is_refused(anggaran, tmp_path):
    rows = _ak_standar()
    rows[2] = _ak("5.2.02.01.01.0001", [0] * 6 + [1000] * 4 + [999, 0])
    assert _galat(tmp_path, _json(tmp_path / "ak.json", rows), _dpa(tmp_path / "dpa.csv")) == [
        "Baris 3, kolom bulan 1–12, nilai '4999.00': ak.json: jumlah anggaran kas Rp 4.999,00 "
        f"tidak sama dengan pagu DPA Rp 5.000,00 untuk {OPD} · {SUB} · 5.2.02"]


def test_a_row_whose_totals_disagree_is_refused(anggaran, tmp_path):
    rows = _ak_standar()
    rows[0]["total_akb"] = 1199
    rows[1]["selisih"] = 5
    assert _galat(tmp_path, _json(tmp_path / "ak.json", rows), _dpa(tmp_path / "dpa.csv")) == [
        "Baris 1, kolom ak.json · total_akb, nilai '1199': tidak sama dengan jumlah anggaran kas "
        "bulan 1–12 Rp 1.200,00 (selisih -Rp 1,00)",
        "Baris 2, kolom ak.json · selisih, nilai '5': anggaran kas belum sama dengan rincian "
        "anggaran (selisih bukan 0)"]


def test_a_dpa_line_without_anggaran_kas_and_lines_without_sumber_dana(anggaran, tmp_path):
    rows = _ak_standar()[:2]
    assert _galat(tmp_path, _json(tmp_path / "ak.json", rows), _dpa(tmp_path / "dpa.csv")) == [
        "Baris 4, kolom kode SKPD/sub unit · sub kegiatan · jenis belanja, nilai "
        f"'{OPD} · {SUB} · 5.2.02': dpa.csv: rincian DPA ini tidak punya anggaran kas di ak.json"]
    assert _galat(tmp_path, _json(tmp_path / "ak.json", rows))[0].endswith(
        "ak.json: tanpa sumber dana; beri kolom sumber dana, berkas DPA atau sumber dana bawaan")


def test_a_new_pagu_below_recorded_realisasi_names_the_sipd_row(anggaran, tmp_path):
    rows = [[OPD, SUB, "5.1.02.01.01.0001", "DAU", "50.00"],
            [OPD, SUB, "5.1.02.01.01.0002", "PAD", "3950.00"],
            [OPD, SUB, "5.2.02.01.01.0001", "DAU", "5000.00"]]
    pesan = _galat(tmp_path, _json(tmp_path / "ak.json", _ak_standar()),
                   _dpa(tmp_path / "dpa.csv", rows))
    assert pesan == [
        "Baris 1, kolom pagu, nilai '50.00': ak.json, rincian "
        f"{OPD} · {SUB} · DAU · 5.1.02: realisasi kumulatif s.d. bulan 10 yang sudah tercatat, "
        "Rp 100,00, melebihi pagu ini (APBD Perubahan 2025) pada rincian "
        f"{OPD} · {SUB} · DAU · 5.1.02"]


def test_a_printed_quarterly_subtotal_that_does_not_add_up(anggaran, tmp_path):
    from openpyxl import load_workbook

    from exchange.sipd.contoh import data_grup
    from exchange.sipd.contoh_tulis import anggaran_kas_cetak

    ak = anggaran_kas_cetak(tmp_path / "cetak.xlsx", data_grup(2025, datetime.date(2025, 6, 30)),
                            OPD, 2025)
    wb = load_workbook(ak)
    wb.worksheets[0]["H9"] = 1
    wb.save(ak)
    pesan = _galat(tmp_path, ak, sumber_dana="DAU")
    assert pesan[0].startswith("Baris 9, kolom lembar 1, H, nilai '1': subtotal triwulan 1 "
                               "tidak sama dengan jumlah tiga bulannya")
