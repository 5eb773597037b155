"""A draft of a line the report no longer has: the budget version in force for the month changed
(an APBD Perubahan took effect) after the operator had saved it. The form, the validation and
the snapshot no longer see that line, so its draft must not become official data on
submission — nobody checked or submitted it. The operator is told, and the report's history
records it."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from budget import testing as t
from budget.models import JenisVersi, RealisasiFisik, RealisasiKeuangan
from reporting import services
from reporting.models import IsianRealisasi, LaporanBulanan, StatusLaporan

from .conftest import D, waktu

MARET = waktu(2025, 3, 5)
DIBUANG = ("1 isian draf untuk rincian atau sub kegiatan yang tidak lagi ada pada anggaran yang "
           "berlaku tidak ikut diajukan dan dihapus.")


def _teks(r) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r.content.decode())))


def _perubahan_tanpa_r2(dinkes):
    """An APBD Perubahan in force from 1 March that keeps r1 and r3 and drops r2 (PAD)."""
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 3, 1))
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, ak=[100] * 12, v=perubahan)
    t.rincian(o=dinkes, sub="1.02.02.2.02.0001", jb="5.2.03", pagu=2400,
              ak=[0, 0, 0, 600, 600, 600, 600, 0, 0, 0, 0, 0], v=perubahan)


@pytest.mark.django_db
def test_a_draft_of_a_line_dropped_by_the_new_version_is_not_made_official(
        dinkes, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    services.simpan(lap, operator_dinkes, revisi=lap.revisi,
                    realisasi={r1.pk: D(100), r2.pk: D(70)},
                    fisik={r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)}, sekarang=MARET)
    _perubahan_tanpa_r2(dinkes)

    lap.refresh_from_db()
    lap = services.ajukan(lap, operator_dinkes, revisi=lap.revisi, sekarang=MARET)

    assert dict(RealisasiKeuangan.objects.filter(bulan=3).values_list("rincian_id", "jumlah")) \
        == {r1.pk: D(100)}
    assert set(lap.snapshot.get().data["baris"]) == {str(r1.pk), str(r3.pk)}
    assert not IsianRealisasi.objects.filter(laporan=lap).exists()
    assert set(RealisasiFisik.objects.filter(bulan=3).values_list("sub_kegiatan_id", flat=True)) \
        == {r1.sub_kegiatan_id, r3.sub_kegiatan_id}
    assert lap.draf_dibuang == 1
    assert lap.riwayat.get(ke=StatusLaporan.DIAJUKAN).catatan == DIBUANG


@pytest.mark.django_db
def test_the_operator_is_told_on_submission(client, dinkes, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    url = reverse("reporting:formulir", args=[dinkes.pk, 2025, 3])
    client.force_login(operator_dinkes)
    with time_machine.travel(MARET, tick=False):
        isian = {f"r-{r1.pk}": "100", f"r-{r2.pk}": "70", f"r-{r3.pk}": "",
                 f"f-{r1.sub_kegiatan_id}": "25", f"f-{r3.sub_kegiatan_id}": "0"}
        client.post(url, {"revisi": "0", **isian})
        _perubahan_tanpa_r2(dinkes)
        revisi = str(LaporanBulanan.objects.get(opd=dinkes, bulan=3).revisi)
        sebelum = _teks(client.get(url))  # before submitting, the form says so already
        assert ("1 isian draf untuk rincian atau sub kegiatan yang tidak lagi ada pada anggaran "
                "yang berlaku") in sebelum
        assert f'name="r-{r2.pk}"' not in client.get(url).content.decode()
        del isian[f"r-{r2.pk}"]  # the form no longer shows the line
        r = client.post(url, {"revisi": revisi, "aksi": "ajukan", **isian}, follow=True)
    teks = _teks(r)
    assert "tersimpan dan diajukan untuk diverifikasi" in teks
    assert DIBUANG in teks
    assert LaporanBulanan.objects.get(opd=dinkes, bulan=3).status == StatusLaporan.DIAJUKAN
