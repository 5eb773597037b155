"""The kinerja overview and an OPD's indicator page: what they show, to whom, and in a
constant number of queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t

from .conftest import indikator


def test_the_opd_page_lists_the_indicators_with_their_quarters_and_predikat(
        client, operator_dinkes, indikator_dinkes, dinkes):
    client.force_login(operator_dinkes)
    html = client.get(reverse("kinerja:opd", args=[dinkes.pk]) + "?tahun=2025&bulan=6"
                      ).content.decode()
    assert "Jumlah puskesmas yang dibangun" in html and "Prevalensi balita stunting" in html
    assert "75,00%" in html and "kat--sedang" in html  # 3 of 4 units by TW II
    assert reverse("kinerja:e81_unduh", args=[dinkes.pk, 2025, 2, "pdf"]) in html


def test_the_overview_lists_only_the_operators_opd(client, operator_pupr, indikator_dinkes,
                                                   indikator_pupr, dinkes, pupr):
    client.force_login(operator_pupr)
    html = client.get(reverse("kinerja:beranda")).content.decode()
    assert pupr.nama in html and dinkes.nama not in html
    assert reverse("kinerja:e79_unduh", args=[2025, 1, "xlsx"]) not in html


def test_a_year_without_a_budget_is_a_clear_404(client, pimpinan, anggaran):
    client.force_login(pimpinan)
    resp = client.get(reverse("kinerja:beranda") + "?tahun=2019")
    assert resp.status_code == 404


def test_the_pages_take_a_constant_number_of_queries(client, pimpinan, indikator_dinkes,
                                                     dinkes):
    client.force_login(pimpinan)
    urls = [reverse("kinerja:opd", args=[dinkes.pk]) + "?tahun=2025&bulan=9",
            reverse("kinerja:beranda") + "?tahun=2025&bulan=9",
            reverse("kinerja:pemda") + "?tahun=2025&bulan=9"]
    sebelum = []
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        sebelum.append(len(q.captured_queries))
    sub = t.sub_kegiatan("1.02.02.2.02.0001")
    for n in range(8):
        indikator(dinkes, "sub_kegiatan", sub, f"Tambahan {n}", "unit", "3", nomor=20 + n)
        t.opd(f"2.1{n}.0.00.0.00.01.0000", f"Badan {n}")
    sesudah = []
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            client.get(url)
        sesudah.append(len(q.captured_queries))
    assert sesudah == sebelum
