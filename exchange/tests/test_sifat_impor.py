"""Properties of the imports over random and adversarial files.

Whatever file an operator uploads, an import either succeeds — and importing the same file
again changes nothing — or is refused with Indonesian errors that each name a row (or the file)
and leave every table exactly as it was. It never raises anything else.
"""

from __future__ import annotations

import datetime
import zipfile

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exchange.impor_anggaran import impor_anggaran
from exchange.impor_realisasi import impor_fisik, impor_realisasi
from exchange.umum import ImporGagal

from .bantu import (
    KOLOM_ANGGARAN,
    KOLOM_FISIK,
    KOLOM_REALISASI,
    OPD,
    SUB,
    keadaan,
    tulis_csv,
    tulis_xlsx,
)

SETELAN = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Cells an import meets: good values, near misses and garbage.
sel = st.one_of(
    st.sampled_from([OPD, SUB, "DAU", "PAD", "5.1.02", "5.2.02", "9.99.9.99.9.99.99.9999",
                     "1.02.02.2.01.9999", "DAK-X", "5.9.99", ""]),
    st.sampled_from(["1", "12", "13", "0", "-1", "1.5", "100", "100.00", "-5", "1e3", "NaN",
                     "1.000,50", "1,5", "99999999999999999999", "=SUM(A1)", " 7 ", "Rp 10"]),
    st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False).map(str),
    st.integers(min_value=-2, max_value=14).map(str),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)


def _baris(lebar: int):
    return st.lists(sel, min_size=max(lebar - 2, 0), max_size=lebar + 1)


def _jalankan(fn) -> None:
    """One example: success is idempotent; a refusal names rows and writes nothing."""
    with transaction.atomic():
        sebelum = keadaan()
        try:
            fn(False)
        except ImporGagal as e:
            assert e.galat, "a refusal lists its errors"
            for g in e.galat:
                teks = str(g)
                assert teks.startswith(("Baris ", "Berkas")), teks
                assert ": " in teks, teks
            assert keadaan() == sebelum, "a refused file changed the database"
        else:
            lagi = fn(True)
            assert not lagi.ada_perubahan, "importing the same file twice changed something"
            assert "Tidak ada perubahan." in str(lagi)
        transaction.set_rollback(True)


def _realisasi(path):
    return lambda dry: impor_realisasi(path, tahun=2025, dry_run=dry)


@pytest.mark.django_db
@SETELAN
@given(st.lists(_baris(len(KOLOM_REALISASI)), max_size=6), st.booleans())
@example([[OPD, SUB, "DAU", "5.1.02", "2", "100.00"]], False)
@example([[OPD, SUB, "DAU", "5.1.02", "2", "999999.00"]], True)
def test_random_realisasi_files(apbd, tmp_path_factory, baris, xlsx):
    d = tmp_path_factory.mktemp("r")
    if xlsx:
        p = tulis_xlsx(d / "r.xlsx", baris, KOLOM_REALISASI)
    else:
        p = tulis_csv(d / "r.csv", baris, KOLOM_REALISASI)
    _jalankan(_realisasi(p))


@pytest.mark.django_db
@SETELAN
@given(st.lists(_baris(len(KOLOM_FISIK)), max_size=6))
@example([[OPD, SUB, "3", "40"], [OPD, SUB, "2", "50"]])
def test_random_fisik_files(apbd, tmp_path_factory, baris):
    p = tulis_csv(tmp_path_factory.mktemp("f") / "f.csv", baris, KOLOM_FISIK)
    _jalankan(lambda dry: impor_fisik(p, tahun=2025, dry_run=dry))


@pytest.mark.django_db
@SETELAN
@given(st.lists(_baris(len(KOLOM_ANGGARAN)), max_size=4), st.booleans())
def test_random_anggaran_files(apbd, tmp_path_factory, baris, buat_master):
    p = tulis_csv(tmp_path_factory.mktemp("a") / "a.csv", baris, KOLOM_ANGGARAN)
    _jalankan(lambda dry: impor_anggaran(p, tahun=2025, jenis_versi="pergeseran",
                                         berlaku=datetime.date(2025, 7, 1),
                                         buat_master=buat_master, dry_run=dry))


@pytest.mark.django_db
@SETELAN
@given(st.binary(max_size=600), st.sampled_from(["csv", "xlsx", "txt"]))
@example(b"\xef\xbb\xbfkode_opd,kode_sub_kegiatan\n", "csv")
@example(b"PK\x03\x04" + b"\x00" * 40, "xlsx")
@example(b"\xff\xfe\x00\x00garbage", "csv")
def test_random_bytes_are_refused_or_read_never_crash(apbd, tmp_path_factory, isi, akhiran):
    p = tmp_path_factory.mktemp("b") / f"x.{akhiran}"
    p.write_bytes(isi)
    _jalankan(_realisasi(p))


@pytest.mark.django_db
@SETELAN
@given(st.integers(min_value=1, max_value=4000))
def test_a_truncated_xlsx_is_refused(apbd, tmp_path_factory, potong):
    d = tmp_path_factory.mktemp("t")
    utuh = tulis_xlsx(d / "utuh.xlsx", [[OPD, SUB, "DAU", "5.1.02", "2", "100.00"]], KOLOM_REALISASI)
    isi = utuh.read_bytes()
    p = d / "potong.xlsx"
    p.write_bytes(isi[: min(potong, len(isi) - 1)])
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_realisasi(p, tahun=2025)
    assert all(str(g).startswith("Berkas") for g in e.value.galat)
    assert keadaan() == sebelum


def test_the_truncation_property_covers_real_archives(tmp_path):
    """Guard for the test above: the untruncated file is a valid zip, so the cuts matter."""
    p = tulis_xlsx(tmp_path / "utuh.xlsx", [[OPD, SUB, "DAU", "5.1.02", "2", "100.00"]],
                   KOLOM_REALISASI)
    assert zipfile.is_zipfile(p)
