"""Properties of the monthly report form under random and adversarial POSTs.

Whatever an operator's browser (or someone imitating it) sends, the answer is a page with a
message or a redirect after a save — never a server error — and the report is either saved as a
whole or not touched at all.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budget.models import RealisasiFisik, RealisasiKeuangan
from lib.angka import AngkaTidakValid, baca_angka
from reporting.models import IsianFisik, IsianRealisasi, LaporanBulanan

from .conftest import waktu
from .test_formulir import url

pytestmark = pytest.mark.django_db

SETELAN = settings(max_examples=50, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

nilai = st.one_of(
    st.sampled_from(["", "0", "100", "1.000,50", "Rp 50", "-5", "1e9", "NaN", "12,345", "1.5",
                     "99999999999999999999", "1.200", "100%", "=1+1", "\u0661\u0662", " 7 "]),
    st.decimals(min_value=-10, max_value=5000, places=2, allow_nan=False).map(str),
    st.text(max_size=15),
)
aksi = st.sampled_from(["simpan", "ajukan", "", "hapus", "verifikasi"])
revisi = st.one_of(st.just("0"), st.sampled_from(["", "1", "-1", "abc", "99999999999999999999"]))


def _keadaan(dinkes):
    lap = LaporanBulanan.objects.filter(opd=dinkes, bulan=3).values("revisi", "status").first()
    return (
        sorted(RealisasiKeuangan.objects.values_list("rincian_id", "bulan", "jumlah")),
        sorted(RealisasiFisik.objects.values_list("sub_kegiatan_id", "bulan", "persen")),
        lap,
        sorted(IsianRealisasi.objects.values_list("rincian_id", "jumlah")),
        sorted(IsianFisik.objects.values_list("sub_kegiatan_id", "persen")),
    )


def _baca(teks: str) -> Decimal | None:
    try:
        return baca_angka(teks)
    except AngkaTidakValid:
        return None


@SETELAN
@given(r=st.lists(nilai, min_size=3, max_size=3), f=st.lists(nilai, min_size=2, max_size=2),
       aksi=aksi, revisi=revisi,
       asing=st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3))
@example(r=["100", "", "1.000,50"], f=["25", ""], aksi="simpan", revisi="0", asing={})
@example(r=["100", "50", "0"], f=["200", "10"], aksi="ajukan", revisi="0", asing={})
@example(r=["-1", "", ""], f=["", ""], aksi="simpan", revisi="0", asing={})
def test_any_post_is_saved_whole_or_not_at_all_and_never_a_server_error(
        client, operator_dinkes, dinkes, baris_dinkes, r, f, aksi, revisi, asing):
    r1, r2, r3, _ = baris_dinkes
    client.force_login(operator_dinkes)
    data = dict(asing)
    data.update({"revisi": revisi, "aksi": aksi,
                 f"r-{r1.pk}": r[0], f"r-{r2.pk}": r[1], f"r-{r3.pk}": r[2],
                 f"f-{r1.sub_kegiatan_id}": f[0], f"f-{r3.sub_kegiatan_id}": f[1]})
    with time_machine.travel(waktu(2025, 3, 5), tick=False), transaction.atomic():
        client.get(url(dinkes))  # the report exists, as when the operator opens the page
        sebelum = _keadaan(dinkes)
        resp = client.post(url(dinkes), data)
        assert resp.status_code in (200, 302, 400, 403, 409, 422), resp.status_code
        sesudah = _keadaan(dinkes)
        if resp.status_code == 302:
            # saved: every readable amount typed is the report's March value now — the
            # draft, or the official value once submitted; a blank stays blank
            tersimpan = {rid: j for rid, b, j in sesudah[0] if b == 3} | dict(sesudah[3])
            for rincian, teks in zip((r1, r2, r3), r, strict=True):
                v = _baca(teks)
                if teks.strip() == "":
                    assert tersimpan.get(rincian.pk) is None
                elif v is not None:
                    assert tersimpan[rincian.pk] == v
            assert sesudah[2]["revisi"] == sebelum[2]["revisi"] + 1
        else:
            assert sesudah == sebelum, f"HTTP {resp.status_code} but the report changed"
        transaction.set_rollback(True)
