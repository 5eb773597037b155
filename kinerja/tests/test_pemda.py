"""The pemda's outcome indicators: kept by Bappeda only, shown on the leaders' dashboard beside
the Rakor figures of the sub kegiatan tagged to them, in a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from evaluation.queries import hitung_rekap
from kinerja.models import (
    EvaluasiTriwulan,
    IndikatorPemda,
    NilaiIndikatorPemda,
    TargetIndikatorPemda,
)
from kinerja.pemda import panel
from lib.figures import Kategori

from .conftest import SUB_A1, SUB_B

D = Decimal


def _stunting(*sub):
    ind = IndikatorPemda.objects.create(nama="Jumlah balita stunting", satuan="balita",
                                        arah="turun")
    ind.sub_kegiatan.set([t.sub_kegiatan(s) for s in sub])
    TargetIndikatorPemda.objects.create(indikator=ind, tahun=2025, target=D(900))
    for tahun, bulan, nilai in ((2023, 6, 1058), (2025, 2, 960), (2025, 8, 930),
                                (2025, 11, 800)):
        NilaiIndikatorPemda.objects.create(indikator=ind, tahun=tahun, bulan=bulan,
                                           nilai=D(nilai))
    return ind


def test_the_panel_adds_up_the_tagged_sub_kegiatan_from_the_dashboards_figures(anggaran):
    ind = _stunting(SUB_A1, SUB_B)
    hasil = hitung_rekap(2025, 9)
    p = panel(2025, 9, hasil)[0]
    assert p.terakhir.nilai == D(930) and p.terakhir.periode == "Agustus 2025"  # not November
    assert p.capaian == (2 * D(900) - D(930)) * 100 / D(900)
    assert p.predikat is Kategori.SANGAT_TINGGI
    subs = {k.kunci: k.angka for k in hasil.rekap.sub_kegiatan}
    dinkes, pupr = anggaran
    assert p.angka.realisasi == subs[(dinkes.pk, t.sub_kegiatan(SUB_A1).pk)].realisasi + \
        subs[(pupr.pk, t.sub_kegiatan(SUB_B).pk)].realisasi == D("1260.35")
    assert p.angka.pagu == D(2800) and (p.jumlah_sub, p.jumlah_opd) == (2, 2)
    assert panel(2023, 12)[0].terakhir.nilai == D(1058)
    assert ind.pk == p.indikator.pk


def test_a_target_of_zero_shows_no_capaian(anggaran):
    ind = IndikatorPemda.objects.create(nama="Kemiskinan ekstrem", satuan="%", arah="turun")
    TargetIndikatorPemda.objects.create(indikator=ind, tahun=2025, target=D(0))
    NilaiIndikatorPemda.objects.create(indikator=ind, tahun=2025, bulan=3, nilai=D("0.41"))
    p = panel(2025, 9)[0]
    assert p.capaian is None and p.predikat is None and p.angka is None


def test_the_dashboard_shows_them_in_a_constant_number_of_queries(client, pimpinan, anggaran):
    _stunting(SUB_A1)
    client.force_login(pimpinan)
    url = reverse("evaluation:dasbor") + "?tahun=2025&bulan=9"
    with CaptureQueriesContext(connection) as satu:
        html = client.get(url).content.decode()
    assert "Jumlah balita stunting" in html and "930 <small>balita</small>" in html
    assert "Rp 1.800,00" in html  # the pagu of the tagged sub kegiatan
    for n in range(3):
        ind = IndikatorPemda.objects.create(nama=f"Indikator {n}", satuan="%", arah="naik")
        ind.sub_kegiatan.set([t.sub_kegiatan(SUB_B)])
        TargetIndikatorPemda.objects.create(indikator=ind, tahun=2025, target=D(10))
    with CaptureQueriesContext(connection) as empat:
        client.get(url)
    assert len(empat.captured_queries) == len(satu.captured_queries)


def test_only_bappeda_changes_them(client, anggaran, operator_pupr, pimpinan, verifikator,
                                   bappeda):
    ind = _stunting(SUB_A1)
    tambah = {"baru-nama": "IPM", "baru-satuan": "poin", "baru-arah": "naik", "baru-urutan": "2",
              "baru-kode_sub_kegiatan": SUB_B}
    for u in (operator_pupr, pimpinan, verifikator):
        client.force_login(u)
        assert client.get(reverse("kinerja:pemda")).status_code == 200  # everyone reads
        assert client.post(reverse("kinerja:pemda"), tambah).status_code == 403
        assert client.get(reverse("kinerja:pemda_ubah", args=[ind.pk])).status_code == 403
    assert IndikatorPemda.objects.count() == 1
    client.force_login(bappeda)
    resp = client.post(reverse("kinerja:pemda"), tambah)
    baru = IndikatorPemda.objects.get(nama="IPM")
    assert resp.status_code == 302 and [s.kode for s in baru.sub_kegiatan.all()] == [SUB_B]
    url = reverse("kinerja:pemda_ubah", args=[baru.pk])
    client.post(url, {"aksi": "target", "target-tahun": "2025", "target-target": "70,1"})
    client.post(url, {"aksi": "nilai", "nilai-tahun": "2025", "nilai-bulan": "11",
                      "nilai-nilai": "69,52", "nilai-keterangan": "BPS"})
    assert TargetIndikatorPemda.objects.get(indikator=baru).target == D("70.1")
    assert NilaiIndikatorPemda.objects.get(indikator=baru).nilai == D("69.52")
    assert NilaiIndikatorPemda.history.filter(indikator_id=baru.pk).count() == 1


def test_a_wrong_entry_is_refused_with_its_reason(client, anggaran, bappeda):
    ind = _stunting(SUB_A1)
    client.force_login(bappeda)
    url = reverse("kinerja:pemda_ubah", args=[ind.pk])
    resp = client.post(url, {"aksi": "nilai", "nilai-tahun": "2025", "nilai-bulan": "3",
                             "nilai-nilai": "-5"})
    assert resp.status_code == 422 and "Tidak boleh negatif" in resp.content.decode()
    resp = client.post(url, {"aksi": "indikator", "nama": "X", "satuan": "x", "arah": "naik",
                             "urutan": "1", "kode_sub_kegiatan": "9.99.99.9.99.9999"})
    assert "Kode sub kegiatan tidak dikenal: 9.99.99.9.99.9999" in resp.content.decode()
    assert NilaiIndikatorPemda.objects.filter(tahun=2025, bulan=3).count() == 0


def test_bappeda_writes_the_pemdas_evaluation_for_e79(client, anggaran, bappeda, pimpinan,
                                                      operator_pupr):
    url = reverse("kinerja:evaluasi_pemda", args=[2025, 3])
    client.force_login(operator_pupr)
    assert client.get(url).status_code == 403
    client.force_login(pimpinan)
    assert client.get(url).status_code == 200
    assert client.post(url, {"faktor_pendorong": "x"}).status_code == 403
    client.force_login(bappeda)
    client.post(url, {"faktor_pendorong": "Konvergensi stunting berjalan."})
    assert EvaluasiTriwulan.objects.get(opd=None, triwulan=3).faktor_pendorong == \
        "Konvergensi stunting berjalan."


def test_the_bappeda_command_grants_and_revokes(db, pimpinan):
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User
    from kinerja.akses import boleh_kelola_pemda

    call_command("bappeda", "pimpinan", stdout=StringIO())
    assert boleh_kelola_pemda(User.objects.get(pk=pimpinan.pk))
    call_command("bappeda", "pimpinan", "--cabut", stdout=StringIO())
    assert not boleh_kelola_pemda(User.objects.get(pk=pimpinan.pk))


def test_an_older_value_is_held_to_the_target_of_its_own_year(anggaran):
    ind = _stunting(SUB_A1)
    TargetIndikatorPemda.objects.create(indikator=ind, tahun=2023, target=D(950))
    p = panel(2025, 1)[0]  # before the February 2025 weighing: the latest is June 2023
    assert p.terakhir.periode == "Juni 2023" and p.target == D(900)
    assert p.capaian == (2 * D(950) - D(1058)) * 100 / D(950)
