"""Each bound of ``lib.xlsx`` on its own: the message names the bound and its setting."""

import zipfile

import pytest
from openpyxl import Workbook

from lib.batas import Batas, BatasTerlampaui
from lib.xlsx import BukuKerja, XlsxRusak

from . import bermusuhan


def _buku(path, baris):
    wb = Workbook()
    ws = wb.active
    for b in baris:
        ws.append(b)
    wb.save(path)
    return path


def _semua(path, batas):
    with BukuKerja(path, batas) as buku:
        return [(b.nomor, b.nilai) for b in buku.baris(0)]


def test_a_file_within_the_bounds_reads_as_written(tmp_path):
    p = _buku(tmp_path / "a.xlsx", [["a", 1, 2.5], [], ["x" * 100, None, True]])
    assert _semua(p, Batas(baris=3, kolom=3, sel=100)) == [
        (1, ("a", 1, 2.5)), (3, ("x" * 100, None, True))]


def test_columns_past_the_bound(tmp_path):
    p = _buku(tmp_path / "a.xlsx", [["a"] * 12])
    with pytest.raises(BatasTerlampaui, match=r"berisi sel di kolom K \(kolom ke-11\): melebihi "
                                              r"batas 10 kolom \(SIAP_IMPOR_KOLOM\)"):
        _semua(p, Batas(kolom=10))


def test_a_cell_past_the_length_bound(tmp_path):
    p = tmp_path / "a.xlsx"
    bermusuhan.impor(p, ["a"], isi=["x" * 5000])  # an inline string
    with pytest.raises(BatasTerlampaui, match=r"sel A2 di lembar 'impor' berisi lebih dari 4.096 "
                                              r"karakter: melebihi batas 4.096 karakter "
                                              r"\(SIAP_IMPOR_SEL\)"):
        _semua(p, Batas(sel=4096))


def test_the_shared_strings_past_their_total(tmp_path):
    p = tmp_path / "a.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:  # openpyxl writes inline strings
        bermusuhan._buku(z, ["teks"])
        bermusuhan._teks(z, [f"teks nomor {i} " + "y" * 60 for i in range(20_000)])
        bermusuhan._lembar(z, 1, [(1, ["a"])], lambda f: f.write(b"".join(
            b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 2, i + 2, i)
            for i in range(20_000))))
    with pytest.raises(BatasTerlampaui, match=r"teks bersama \(sharedStrings.xml\) terlalu besar: "
                                              r"melebihi batas 1 MB \(SIAP_XLSX_TEKS_MB\)"):
        _semua(p, Batas(teks_mb=1))
    baris = _semua(p, Batas(teks_mb=3))
    assert len(baris) == 20_001 and baris[-1] == (20_001, ("teks nomor 19999 " + "y" * 60,))


def test_too_many_parts(tmp_path):
    p = _buku(tmp_path / "a.xlsx", [["a"]])
    with zipfile.ZipFile(p, "a") as z:
        for i in range(20):
            z.writestr(f"xl/media/gambar{i}.bin", b"")
    with pytest.raises(BatasTerlampaui, match=r"arsip XLSX berisi \d+ bagian: melebihi batas 20 "
                                              r"bagian \(SIAP_XLSX_BAGIAN\)"):
        BukuKerja(p, Batas(bagian=20))


def test_the_time_bound(tmp_path):
    p = tmp_path / "a.xlsx"
    bermusuhan.impor(p, ["a"], baris_isi=20_000, isi=["x"])
    with pytest.raises(BatasTerlampaui, match=r"waktu membaca berkas habis: melebihi batas 0 "
                                              r"detik \(SIAP_IMPOR_DETIK\)"):
        _semua(p, Batas(detik=0))


def test_a_doctype_is_refused(tmp_path):
    """No entity expansion ("billion laughs"), no external entity: a DOCTYPE is refused."""
    p = _buku(tmp_path / "a.xlsx", [["a"]])
    isi = {}
    with zipfile.ZipFile(p) as z:
        for n in z.namelist():
            isi[n] = z.read(n)
    isi["xl/worksheets/sheet1.xml"] = isi["xl/worksheets/sheet1.xml"].replace(
        b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1)
    with zipfile.ZipFile(p, "w") as z:
        for n, data in isi.items():
            z.writestr(n, data)
    with pytest.raises(XlsxRusak, match="DOCTYPE"):
        _semua(p, Batas())


def test_not_a_zip_and_a_missing_sheet(tmp_path):
    p = tmp_path / "a.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(XlsxRusak, match="rusak atau terpotong"):
        BukuKerja(p, Batas())
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(XlsxRusak):
        BukuKerja(p, Batas())


def test_the_bounds_come_from_the_settings(settings):
    settings.SIAP_IMPOR_BARIS, settings.SIAP_XLSX_RASIO = 1234, 55
    b = Batas.dari_setelan()
    assert (b.baris, b.rasio, b.kolom) == (1234, 55, 100)
