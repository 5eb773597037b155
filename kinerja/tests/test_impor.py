"""Import and export of indikator kinerja and their targets, in the style of the budget
imports: every error named by row, column, value and reason; nothing written unless the
whole file is right; the export imports back unchanged."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.impor import KOLOM_INDIKATOR, ImporGagal, ekspor_indikator, impor_indikator
from kinerja.models import IndikatorKinerja, Tingkat

from .conftest import SUB_A1, SUB_A2, SUB_B

D = Decimal
KEPALA = ",".join(KOLOM_INDIKATOR)
DINKES, PUPR = "1.02.0.00.0.00.01.0000", "1.03.0.00.0.00.01.0000"
BAIK = [
    f"{DINKES},1.02.02,1,Prevalensi balita stunting,%,terakhir,turun,14,14,14,14,14,12,"
    f"50000000.00,17.5,21000000.00",
    f"{DINKES},1.02.02.2.01,1,Persentase puskesmas terakreditasi,%,terakhir,,90,,,,,,,,",
    f"{DINKES},{SUB_A1},1,Jumlah puskesmas yang dibangun,unit,jumlah,naik,4,1,1,1,1,,,,",
    f"{DINKES},{SUB_A1},2,Persentase pekerjaan tepat waktu,%,terakhir,naik,100,25,50,75,100,"
    f",,,",
    f"{PUPR},{SUB_B},1,Jumlah sambungan rumah,SR,,,200,50,50,50,50,,,,",
]


def _berkas(tmp_path, baris, nama="indikator.csv"):
    p = tmp_path / nama
    p.write_text("\n".join([KEPALA, *baris]) + "\n", encoding="utf-8")
    return p


def test_a_good_file_creates_the_indicators_on_every_level(anggaran, tmp_path):
    r = impor_indikator(_berkas(tmp_path, BAIK), tahun=2025)
    assert str(r) == "indikator kinerja: 5 dibuat, 0 diubah, 0 tidak berubah"
    prog = IndikatorKinerja.objects.get(tingkat=Tingkat.PROGRAM)
    assert (prog.program.kode, prog.arah, prog.akumulasi) == ("1.02.02", "turun", "terakhir")
    assert prog.target_renstra_rp == D("50000000.00")
    keg = IndikatorKinerja.objects.get(tingkat=Tingkat.KEGIATAN)
    assert (keg.arah, keg.target_tw1) == ("naik", None)  # empty: the default, not reported
    assert IndikatorKinerja.objects.filter(sub_kegiatan__kode=SUB_A1).count() == 2
    assert IndikatorKinerja.objects.get(opd__kode=PUPR).akumulasi == "jumlah"


def test_importing_the_same_file_again_changes_nothing(anggaran, tmp_path):
    impor_indikator(_berkas(tmp_path, BAIK), tahun=2025)
    assert "Tidak ada perubahan." in str(impor_indikator(_berkas(tmp_path, BAIK), tahun=2025))
    ubah = [BAIK[2].replace(",4,1,1,1,1,", ",5,2,1,1,1,")]
    r = impor_indikator(_berkas(tmp_path, ubah), tahun=2025)
    assert str(r) == "indikator kinerja: 0 dibuat, 1 diubah, 0 tidak berubah"
    assert IndikatorKinerja.objects.get(sub_kegiatan__kode=SUB_A1, nomor=1).target == D(5)
    assert IndikatorKinerja.objects.count() == 5  # the others are left as they were


@pytest.mark.parametrize("baris, pesan", [
    (f"{DINKES},{SUB_A1},1,Indikator,unit,jumlah,naik,-4,,,,,,,,",
     "Baris 2, kolom target, nilai '-4': negatif"),
    (f"{DINKES},{SUB_A1},1,Indikator,unit,jumlah,naik,empat,,,,,,,,",
     "Baris 2, kolom target, nilai 'empat': "),
    (f"{DINKES},{SUB_A1},1,Indikator,unit,sebagian,naik,4,,,,,,,,",
     "Baris 2, kolom akumulasi, nilai 'sebagian': tidak dikenal; pilih jumlah atau terakhir"),
    (f"{DINKES},{SUB_A1},0,Indikator,unit,,,4,,,,,,,,", "kolom nomor, nilai '0'"),
    (f"{DINKES},{SUB_A1},1,,unit,,,4,,,,,,,,", "kolom indikator, nilai '': kosong"),
    (f"{DINKES},1.02.02.2.01.00,1,Indikator,unit,,,4,,,,,,,,",
     "kolom kode, nilai '1.02.02.2.01.00': bukan kode program"),
    (f"{DINKES},1.02.09.2.01.0001,1,Indikator,unit,,,4,,,,,,,,",
     "kode sub kegiatan tidak dikenal"),
    (f"{DINKES},{SUB_B},1,Indikator,unit,,,4,,,,,,,,",
     f"kolom kode_opd, kode, nilai '{DINKES} · {SUB_B}': sub kegiatan ini tidak ada di "
     f"anggaran perangkat daerah ini tahun 2025"),
    (f"9.99,{SUB_A1},1,Indikator,unit,,,4,,,,,,,,", "kode perangkat daerah tidak dikenal"),
])
def test_each_error_names_row_column_value_and_reason(anggaran, tmp_path, baris, pesan):
    with pytest.raises(ImporGagal) as exc:
        impor_indikator(_berkas(tmp_path, [baris]), tahun=2025)
    assert any(pesan in str(g) for g in exc.value.galat), [str(g) for g in exc.value.galat]
    assert not IndikatorKinerja.objects.exists()


def test_one_bad_row_keeps_the_whole_file_out(anggaran, tmp_path):
    buruk = BAIK + [BAIK[2]]  # the same indicator twice
    with pytest.raises(ImporGagal) as exc:
        impor_indikator(_berkas(tmp_path, buruk), tahun=2025)
    assert [str(g) for g in exc.value.galat] == [
        f"Baris 7, kolom kode_opd, kode, nomor, nilai '{DINKES} · {SUB_A1} · 1': indikator "
        f"yang sama sudah ada di baris 4"]
    assert not IndikatorKinerja.objects.exists()


def test_the_renstra_rp_of_a_row_must_agree_between_its_indicators(anggaran, tmp_path):
    kedua = f"{DINKES},1.02.02,2,Angka kematian bayi,per 1.000 KH,terakhir,turun,8,,,,,7,"\
            f"60000000.00,,"
    with pytest.raises(ImporGagal) as exc:
        impor_indikator(_berkas(tmp_path, [BAIK[0], kedua]), tahun=2025)
    assert "kolom target_renstra_rp" in str(exc.value.galat[0])
    assert "berbeda dengan baris 2" in str(exc.value.galat[0])


def test_a_wrong_header_or_year_is_refused(anggaran, tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("kode_opd,kode\n1,2\n", encoding="utf-8")
    with pytest.raises(ImporGagal, match="1 galat|galat"):
        impor_indikator(p, tahun=2025)
    with pytest.raises(ImporGagal) as exc:
        impor_indikator(_berkas(tmp_path, BAIK), tahun=2019)
    assert "tahun anggaran 2019 belum ada" in str(exc.value.galat[0])


def test_the_export_imports_back_unchanged_as_csv_and_xlsx(anggaran, tmp_path):
    impor_indikator(_berkas(tmp_path, BAIK), tahun=2025)
    for nama in ("keluar.csv", "keluar.xlsx"):
        path = tmp_path / nama
        assert ekspor_indikator(path, tahun=2025) == 5
        assert "Tidak ada perubahan." in str(impor_indikator(path, tahun=2025))
    ws = openpyxl.load_workbook(tmp_path / "keluar.xlsx").active
    baris = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert baris["1.02.02"][7] == 14 and isinstance(baris["1.02.02"][11], (int, float))
    with open(tmp_path / "keluar.csv", encoding="utf-8") as f:
        assert next(csv.reader(f)) == list(KOLOM_INDIKATOR)


def test_the_commands_import_and_export(anggaran, tmp_path):
    keluar = io.StringIO()
    call_command("impor", "indikator", str(_berkas(tmp_path, BAIK)), "--tahun", "2025",
                 "--dry-run", stdout=keluar)
    assert "5 dibuat" in keluar.getvalue() and not IndikatorKinerja.objects.exists()
    call_command("impor_indikator", str(_berkas(tmp_path, BAIK)), "--tahun", "2025",
                 stdout=io.StringIO())
    assert IndikatorKinerja.objects.count() == 5
    keluar = io.StringIO()
    call_command("ekspor", "indikator", str(tmp_path / "e.csv"), "--tahun", "2025",
                 stdout=keluar)
    assert "5 baris indikator" in keluar.getvalue()
    galat = tmp_path / "galat.csv"
    with pytest.raises(CommandError, match="1 galat; berkas ditolak"):
        buruk = _berkas(tmp_path, [BAIK[0].replace(",14,", ",x,", 1)])
        call_command("impor", "indikator", str(buruk), "--tahun", "2025", "--galat", str(galat),
                     stderr=io.StringIO())
    assert galat.read_text(encoding="utf-8").splitlines()[1].startswith("2,target,x,")


def test_the_opd_page_exports_its_own_indicators_only(client, anggaran, tmp_path,
                                                      operator_dinkes, dinkes):
    impor_indikator(_berkas(tmp_path, BAIK), tahun=2025)
    client.force_login(operator_dinkes)
    resp = client.get(reverse("kinerja:indikator_unduh", args=[dinkes.pk, 2025, "csv"]))
    isi = resp.content.decode()
    assert resp.status_code == 200 and isi.count(DINKES) == 4 and PUPR not in isi
    (tmp_path / "dinkes.csv").write_bytes(resp.content)
    assert "Tidak ada perubahan." in str(impor_indikator(tmp_path / "dinkes.csv", tahun=2025))
    assert SUB_A2 not in isi
