"""The Rakor PDF kept under the hash of its html and stylesheet (``evaluation.ekspor_pdf``):
the same pack is laid out once; a write that changes a figure gives a new PDF."""

import datetime

import pytest
import weasyprint

from budget import testing as t
from budget.models import JenisVersi, Pemda, RealisasiKeuangan
from evaluation.ekspor_pdf import pdf_rakor
from evaluation.paket import paket_rakor
from lib import tembolok

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tembolok_kosong")]
HARI = datetime.date(2025, 4, 20)


@pytest.fixture
def tata_letak(monkeypatch):
    """Counts the WeasyPrint layouts."""
    hitung = []
    asli = weasyprint.HTML.write_pdf

    def tulis(self, *args, **kwargs):
        hitung.append(1)
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", tulis)
    return hitung


def test_the_same_pack_is_laid_out_once_and_a_write_lays_it_out_again(db, tata_letak):
    Pemda.objects.create(nama="Kabupaten Uji", provinsi="Lampung")
    o = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200, v=v, realisasi={1: 100})
    pertama = pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI))
    assert pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI)) == pertama
    assert len(tata_letak) == 1
    RealisasiKeuangan.objects.update(jumlah=250)
    kedua = pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI))
    assert len(tata_letak) == 2 and kedua != pertama
    tembolok.aktif = False
    try:
        assert pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI)).startswith(b"%PDF")
        assert len(tata_letak) == 3
    finally:
        tembolok.aktif = True
