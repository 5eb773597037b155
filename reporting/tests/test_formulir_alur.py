"""The report form's workflow around the grid (issue #17): what a refused save leaves on the
page, the keyboard, and the permasalahan recorded in place."""

import re

import pytest
import time_machine

from budget.models import RealisasiKeuangan
from reporting import services

from .conftest import D, waktu
from .test_formulir import isian, nilai_input, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def maret():
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


@pytest.fixture
def op(client, operator_dinkes):
    client.force_login(operator_dinkes)
    return client


def _atribut(response, id_: str, nama: str) -> str | None:
    m = re.search(rf'<(?:input|textarea)[^>]*\bid="{re.escape(id_)}"[^>]*>', response.content.decode())
    assert m, f"isian {id_} tidak ada"
    a = re.search(rf'\b{nama}="([^"]*)"', m.group(0))
    return a.group(1) if a else None


def test_after_a_refused_save_each_input_carries_its_stored_value_for_the_unsaved_count(
        op, dinkes, baris_dinkes, operator_dinkes):
    """Finding 8: after a round trip the page said "isian belum disimpan" with no number, as
    the typed values had become the inputs' own defaults. Each input now carries the stored
    value (``data-tersimpan``) that formulir.js counts the unsaved inputs against."""
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={r1.pk: D(100)},
                    fisik={r1.sub_kegiatan_id: D(20)})
    r = op.post(url(dinkes), isian(baris_dinkes, **{
        "revisi": "1", f"r-{r1.pk}": "100", f"r-{r2.pk}": "-5", f"r-{r3.pk}": "",
        f"f-{r1.sub_kegiatan_id}": "30"}))
    assert r.status_code == 422
    assert nilai_input(r, f"r-{r2.pk}") == "-5"
    assert _atribut(r, f"r-{r1.pk}", "data-tersimpan") == "100,00"
    assert _atribut(r, f"r-{r2.pk}", "data-tersimpan") == ""
    assert _atribut(r, f"f-{r1.sub_kegiatan_id}", "data-tersimpan") == "20,00"
    assert RealisasiKeuangan.objects.get(rincian=r1, bulan=3).jumlah == D(100)
    # A page as loaded has nothing unsaved: no baseline but the inputs' own values.
    assert _atribut(op.get(url(dinkes)), f"r-{r1.pk}", "data-tersimpan") is None
