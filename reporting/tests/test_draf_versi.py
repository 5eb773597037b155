"""A draft of a line the report no longer has: the budget version in force for the month changed
(an APBD Perubahan took effect) after the operator had saved it. The form, the validation and
the snapshot no longer see that line, so its draft must not become official data on
submission — nobody checked or submitted it."""

import datetime

import pytest

from budget import testing as t
from budget.models import JenisVersi, RealisasiFisik, RealisasiKeuangan
from reporting import services
from reporting.models import IsianRealisasi

from .conftest import D, waktu

MARET = waktu(2025, 3, 5)


@pytest.mark.django_db
def test_a_draft_of_a_line_dropped_by_the_new_version_is_not_made_official(
        dinkes, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    services.simpan(lap, operator_dinkes, revisi=lap.revisi,
                    realisasi={r1.pk: D(100), r2.pk: D(70)},
                    fisik={r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)}, sekarang=MARET)
    # An APBD Perubahan in force from 1 March keeps r1 and r3 and drops r2 (the PAD line).
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 3, 1))
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, ak=[100] * 12, v=perubahan)
    t.rincian(o=dinkes, sub="1.02.02.2.02.0001", jb="5.2.03", pagu=2400,
              ak=[0, 0, 0, 600, 600, 600, 600, 0, 0, 0, 0, 0], v=perubahan)

    lap.refresh_from_db()
    lap = services.ajukan(lap, operator_dinkes, revisi=lap.revisi, sekarang=MARET)

    assert dict(RealisasiKeuangan.objects.filter(bulan=3).values_list("rincian_id", "jumlah")) \
        == {r1.pk: D(100)}
    assert set(lap.snapshot.get().data["baris"]) == {str(r1.pk), str(r3.pk)}
    assert not IsianRealisasi.objects.filter(laporan=lap).exists()
    assert set(RealisasiFisik.objects.filter(bulan=3).values_list("sub_kegiatan_id", flat=True)) \
        == {r1.sub_kegiatan_id, r3.sub_kegiatan_id}
