"""The quarterly section of the report: entered by the OPD's operator with the report of the
quarter's last month, validated, verified with it, and read-only once it is submitted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from kinerja.models import EvaluasiTriwulan, RealisasiIndikator
from reporting import services
from reporting.models import LaporanBulanan, StatusLaporan
from reporting.services import LaporanDitolak

from .conftest import SUB_A2, ajukan, indikator

D = Decimal


def _url(opd, tw=3):
    return reverse("kinerja:triwulan", args=[opd.pk, 2025, tw])


def _nilai(ind, tw=3):
    r = RealisasiIndikator.objects.filter(indikator=ind, triwulan=tw).first()
    return r.nilai if r else None


@pytest.fixture
def isian(indikator_dinkes):
    i = indikator_dinkes
    return {"revisi": "0", f"k-{i['program'].pk}": "14,5", f"k-{i['a1'].pk}": "1",
            f"k-{i['a1b'].pk}": "70", f"k-{i['a2'].pk}": "",
            "faktor_pendorong": "Tender selesai lebih awal.",
            "faktor_penghambat": "Hujan deras di bulan Agustus.",
            "tindak_lanjut_triwulan": "Percepat pekerjaan fisik.",
            "tindak_lanjut_renja": "Jadwal lebih realistis.", "kepala_nama": "dr. Kepala",
            "kepala_nip": "197001012000031001"}


def test_the_operator_saves_the_quarter_with_the_report_of_september(client, operator_dinkes,
                                                                      isian, indikator_dinkes,
                                                                      dinkes):
    client.force_login(operator_dinkes)
    resp = client.post(_url(dinkes), isian)
    assert resp.status_code == 302
    i = indikator_dinkes
    assert _nilai(i["program"]) == D("14.5")
    assert _nilai(i["a1"]) == D(1)
    assert _nilai(i["a2"]) is None  # left empty: not reported yet
    ev = EvaluasiTriwulan.objects.get(opd=dinkes, triwulan=3)
    assert ev.faktor_penghambat == "Hujan deras di bulan Agustus." and ev.revisi == 1
    assert ev.kepala_nip == "197001012000031001"
    # the section belongs to September's report, created like the monthly form does
    assert LaporanBulanan.objects.filter(opd=dinkes, bulan=9).exists()
    halaman = client.get(_url(dinkes)).content.decode()
    assert "Hujan deras di bulan Agustus." in halaman and 'value="14,50"' in halaman
    assert RealisasiIndikator.history.filter(indikator_id=i["a1"].pk, triwulan=3).count() == 1


def test_a_value_that_is_not_a_number_saves_nothing(client, operator_dinkes, isian, dinkes,
                                                     indikator_dinkes):
    client.force_login(operator_dinkes)
    isian[f"k-{indikator_dinkes['a1'].pk}"] = "dua"
    resp = client.post(_url(dinkes), isian)
    assert resp.status_code == 422
    assert "bukan angka" in resp.content.decode()
    assert not RealisasiIndikator.objects.filter(triwulan=3).exists()
    assert not EvaluasiTriwulan.objects.exists()


def test_a_negative_value_is_refused_and_nothing_is_written(client, operator_dinkes, isian,
                                                            dinkes, indikator_dinkes):
    client.force_login(operator_dinkes)
    isian[f"k-{indikator_dinkes['a1'].pk}"] = "-1"
    resp = client.post(_url(dinkes), isian)
    assert resp.status_code == 422
    assert "negatif" in resp.content.decode()
    assert not RealisasiIndikator.objects.filter(triwulan=3).exists()


def test_an_indicator_of_another_opd_is_refused(client, operator_dinkes, isian, dinkes,
                                                indikator_pupr):
    client.force_login(operator_dinkes)
    isian[f"k-{indikator_pupr.pk}"] = "5"
    assert client.post(_url(dinkes), isian).status_code == 403
    assert not RealisasiIndikator.objects.filter(triwulan=3).exists()


def test_another_opds_operator_cannot_read_or_write_the_section(client, operator_pupr, isian,
                                                                dinkes):
    client.force_login(operator_pupr)
    assert client.get(_url(dinkes)).status_code == 404
    assert client.post(_url(dinkes), isian).status_code == 404
    assert not RealisasiIndikator.objects.filter(triwulan=3).exists()


def test_above_150_percent_needs_an_explanation_before_september_is_submitted(
        client, operator_dinkes, isian, dinkes, indikator_dinkes):
    client.force_login(operator_dinkes)
    a1 = indikator_dinkes["a1"]
    isian[f"k-{a1.pk}"] = "2"  # 200% of the quarter's target of 1
    resp = client.post(_url(dinkes), isian, follow=True)
    assert "belum diberi penjelasan" in resp.content.decode()
    assert _nilai(a1) == D(2)  # a warning: saved all the same
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=9)
    with pytest.raises(LaporanDitolak, match="150% target tanpa penjelasan"):
        ajukan(lap, operator_dinkes)
    isian["revisi"] = "1"
    isian[f"j-{a1.pk}"] = "Tambahan dari dana DID."
    assert client.post(_url(dinkes), isian).status_code == 302
    assert RealisasiIndikator.objects.get(indikator=a1, triwulan=3).penjelasan == \
        "Tambahan dari dana DID."
    lap.refresh_from_db()
    ajukan(lap, operator_dinkes)
    assert LaporanBulanan.objects.get(pk=lap.pk).status == StatusLaporan.DIAJUKAN


def test_a_zero_target_counts_any_realisasi_as_above_150_percent(client, operator_dinkes,
                                                                 isian, dinkes,
                                                                 indikator_dinkes):
    client.force_login(operator_dinkes)
    isian[f"k-{indikator_dinkes['a2'].pk}"] = "1"
    client.post(_url(dinkes), isian)
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=9)
    with pytest.raises(LaporanDitolak, match="Jumlah alat kesehatan"):
        ajukan(lap, operator_dinkes)


def test_other_months_are_not_held_by_the_quarter(operator_dinkes, dinkes, indikator_dinkes):
    """Only the report closing a quarter waits for its indicators."""
    lap = services.laporan_untuk(dinkes, 2025, 8)
    RealisasiIndikator.objects.create(indikator=indikator_dinkes["a2"], triwulan=3,
                                      nilai=D(9))
    ajukan(lap, operator_dinkes)
    assert LaporanBulanan.objects.get(pk=lap.pk).status == StatusLaporan.DIAJUKAN


def test_once_submitted_the_section_is_read_only(client, operator_dinkes, isian, dinkes,
                                                 indikator_dinkes, verifikator):
    client.force_login(operator_dinkes)
    client.post(_url(dinkes), isian)
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=9)
    ajukan(lap, operator_dinkes)
    isian["revisi"] = "1"
    isian[f"k-{indikator_dinkes['a1'].pk}"] = "3"
    resp = client.post(_url(dinkes), isian)
    assert resp.status_code == 422 and "diajukan" in resp.content.decode()
    assert _nilai(indikator_dinkes["a1"]) == D(1)
    assert 'name="k-' not in client.get(_url(dinkes)).content.decode()
    # the verifier sees it on the verification page, and returning reopens it
    client.force_login(verifikator)
    periksa = client.get(reverse("reporting:pemeriksaan", args=[lap.pk])).content.decode()
    assert "Kinerja triwulan III" in periksa and "Hujan deras di bulan Agustus." in periksa
    services.kembalikan(lap, verifikator, "Periksa lagi realisasi indikator.")
    client.force_login(operator_dinkes)
    assert client.post(_url(dinkes), isian).status_code == 302
    assert _nilai(indikator_dinkes["a1"]) == D(3)


def test_a_save_from_an_out_of_date_page_is_refused(client, operator_dinkes, isian, dinkes,
                                                    indikator_dinkes):
    client.force_login(operator_dinkes)
    client.post(_url(dinkes), isian)
    isian[f"k-{indikator_dinkes['a1'].pk}"] = "4"  # still revisi 0
    resp = client.post(_url(dinkes), isian)
    assert resp.status_code == 409
    assert _nilai(indikator_dinkes["a1"]) == D(1)
    assert 'name="revisi" value="1"' in resp.content.decode()  # saving again overwrites


def test_leaders_read_and_cannot_write(client, pimpinan, isian, dinkes, indikator_dinkes):
    client.force_login(pimpinan)
    assert client.get(_url(dinkes)).status_code == 200
    assert client.post(_url(dinkes), isian).status_code == 403
    assert not RealisasiIndikator.objects.filter(triwulan=3).exists()


def test_a_quarter_not_yet_begun_is_read_only(client, operator_dinkes, isian, dinkes,
                                              indikator_dinkes):
    client.force_login(operator_dinkes)
    halaman = client.get(_url(dinkes, 4)).content.decode()
    assert "belum dimulai" in halaman and 'name="k-' not in halaman
    assert client.post(_url(dinkes, 4), isian).status_code == 422
    assert not LaporanBulanan.objects.filter(bulan=12).exists()


def test_the_report_of_september_links_to_its_quarter(client, operator_dinkes, dinkes,
                                                      anggaran):
    client.force_login(operator_dinkes)
    html = client.get(reverse("reporting:formulir", args=[dinkes.pk, 2025, 9])).content.decode()
    assert _url(dinkes) in html
    agustus = client.get(reverse("reporting:formulir", args=[dinkes.pk, 2025, 8]))
    assert "/triwulan/" not in agustus.content.decode()


def test_the_page_takes_a_constant_number_of_queries(client, operator_dinkes, dinkes,
                                                     indikator_dinkes):
    client.force_login(operator_dinkes)
    client.get(_url(dinkes))  # creates September's report
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(_url(dinkes)).status_code == 200
    sub = t.sub_kegiatan(SUB_A2)
    for n in range(10):
        indikator(dinkes, "sub_kegiatan", sub, f"Tambahan {n}", "unit", "5", nomor=10 + n)
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(_url(dinkes)).status_code == 200
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)
