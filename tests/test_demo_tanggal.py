"""The demo follows the calendar: loaded on any day from 2026 to 2035 it leaves the operators an
open month with a budget, every month before it reported (verified, some late) but for a few
OPD still outstanding in the last month due, and the browser workflow's preconditions
(``tests/e2e/test_alur_laporan.py``) hold. Each day loads only the years it looks at: those of
the last month due, of the open month and of the day itself (the operators' home opens on it)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db.models import Q

from accounts.models import User
from budget.models import PerangkatDaerah, RealisasiFisik, RealisasiKeuangan, RincianAnggaran
from demo.jadwal import (
    batas,
    bulan_terbuka,
    jatuh_tempo_terakhir,
    sekarang_demo,
    waktu_ajukan,
)
from demo.laporan import muat_laporan_demo
from demo.load import muat_demo
from demo.master import opd_berskala
from demo.rencana import rencana_tahun, tahun_demo
from reporting import services
from reporting.isi import muat_isi
from reporting.models import LaporanBulanan, StatusLaporan

PUPR = "1.03.0.00.0.00.01.0000"
HARI = [
    datetime.date(2026, 1, 5),  # early January: December 2025 (a seed year) is being reported
    datetime.date(2026, 12, 6),
    datetime.date(2027, 1, 15),  # December 2026 just fell due; January 2027 is open
    datetime.date(2028, 7, 2),
    datetime.date(2030, 1, 3),  # early January: November 2029 is the last month due
    datetime.date(2031, 12, 31),
]


def _sebelum(t: int, b: int) -> tuple[int, int]:
    return (t - 1, 12) if b == 1 else (t, b - 1)


def _bisa_diperingatkan(sub) -> bool:
    """``_pilih_sub_untuk_peringatan`` of the browser test: a fisik value not below last
    month's yet more than 25 points from the keuangan percentage."""
    if not sub.pagu:
        return False
    keuangan = sub.kumulatif * 100 / sub.pagu
    lalu = sub.fisik_sebelumnya or 0
    return (keuangan < 74 and lalu <= 100) or keuangan - 26 >= lalu


def _tautan_terbuka(html: str) -> str:
    m = re.search(r'<tr class="baris-terbuka">.*?href="(/laporan/\d+/\d{4}/\d{1,2}/)"', html, re.S)
    assert m, "no open month on the operator's reporting home"
    return m.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("hari_ini", HARI, ids=str)
def test_the_demo_of_any_day_leaves_an_open_month_with_a_budget_and_reports_before_it(
        hari_ini, client):
    sekarang = sekarang_demo(hari_ini)
    (t0, b0), (t1, b1) = jatuh_tempo_terakhir(sekarang), bulan_terbuka(sekarang)
    assert batas(t0, b0) < sekarang <= batas(t1, b1)
    tahun = sorted({t0, t1, hari_ini.year})
    assert set(tahun) <= set(tahun_demo(hari_ini))
    muat_demo(hari_ini=hari_ini, tahun=tahun)
    muat_laporan_demo(hari_ini)
    pupr = PerangkatDaerah.objects.get(kode=PUPR)

    # Every month due is reported by every OPD with a budget, but for a few in the last.
    laporan = LaporanBulanan.objects.filter(tahun__tahun__in=tahun)
    for th in tahun:
        n_opd = RincianAnggaran.objects.filter(tahun__tahun=th).values("opd").distinct().count()
        assert n_opd == 49
        for b in range(1, 13):
            n = laporan.filter(tahun__tahun=th, bulan=b).count()
            if (th, b) > (t0, b0):
                assert n == 0, (th, b)
            elif (th, b) < (t0, b0):
                assert n == n_opd, (th, b)
            elif rencana_tahun(th).seed:
                assert n == n_opd
            else:
                assert 40 <= n < n_opd  # a few OPD have not reported yet
    sebelum = laporan.filter(Q(tahun__tahun__lt=t0) | Q(tahun__tahun=t0, bulan__lt=b0))
    assert sebelum.filter(status=StatusLaporan.DIVERIFIKASI).count() > 0.8 * sebelum.count()
    terlambat = sum(lap.pertama_diajukan_pada > batas(lap.tahun.tahun, lap.bulan)
                    for lap in laporan.select_related("tahun"))
    assert terlambat >= 3
    assert laporan.filter(tahun__tahun=t0, bulan=b0, status=StatusLaporan.DIAJUKAN).exists()

    # Realisasi and fisik only where a report was submitted: the last month due has them
    # for at least 40 OPD, the open month for none.
    dilaporkan = set(laporan.values_list("tahun__tahun", "opd_id", "bulan"))
    keuangan = set(RealisasiKeuangan.objects.values_list(
        "rincian__tahun__tahun", "rincian__opd_id", "bulan").distinct())
    fisik = set(RealisasiFisik.objects.values_list("tahun__tahun", "opd_id", "bulan").distinct())
    assert keuangan <= dilaporkan and fisik <= dilaporkan
    assert len({o for t, o, b in keuangan if (t, b) == (t0, b0)}) >= 40

    # The browser workflow: the operator's open month has lines with anggaran kas and a sub
    # kegiatan that allows the fisik/keuangan warning; the pimpinan's dashboard renders it.
    with time_machine.travel(sekarang + datetime.timedelta(hours=9), tick=False):
        client.force_login(User.objects.get(username="operator.pupr"))
        tautan = {_tautan_terbuka(client.get("/laporan/").content.decode()),
                  _tautan_terbuka(client.get(f"/laporan/?tahun={t1}").content.decode())}
        assert f"/laporan/{pupr.pk}/{t1}/{b1}/" in tautan
        for url in tautan:
            _, th, b = map(int, re.findall(r"\d+", url))
            assert (th, b) in ((t1, b1), (hari_ini.year, hari_ini.month))
            r = client.get(url)
            assert r.status_code == 200
            assert re.search(r'name="r-\d+"', r.content.decode())
            isi = muat_isi(services.laporan_untuk(pupr, th, b))
            assert isi.laporan.dapat_diubah
            assert any(baris.ak_bulan_ini > 0 for baris in isi.baris)
            assert any(_bisa_diperingatkan(s) for s in isi.sub)
        client.force_login(User.objects.get(username="pimpinan"))
        r = client.get(f"/?tahun={t1}&bulan={b1}")
        assert r.status_code == 200
        assert re.search(r'id="peringkat-opd".*Dinas Pekerjaan Umum dan Penataan Ruang',
                         r.content.decode(), re.S)

    # The late-report path (jadwal.SELALU_SUSULAN): Dinas PUPR's report of the last month due
    # is still outstanding outside the seed years, so its operator can save the calendar month
    # before today as a draft whether today is before or after the deadline day.
    if not rencana_tahun(t0).seed:
        assert not laporan.filter(opd=pupr, tahun__tahun=t0, bulan=b0).exists()
    t_lalu, b_lalu = _sebelum(hari_ini.year, hari_ini.month)
    if not rencana_tahun(t_lalu).seed:
        lap = laporan.filter(opd=pupr, tahun__tahun=t_lalu, bulan=b_lalu).first()
        assert lap is None or lap.dapat_diubah, (t_lalu, b_lalu, lap and lap.status)


def test_every_month_2026_to_2035_has_40_opd_in_and_a_few_outstanding_while_last_due():
    kode = [o.kode for o in opd_berskala(1)]
    for tahun in range(2026, 2036):
        for bulan in range(1, 13):
            nanti = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
            # From the first day the month is due to the last day before the next deadline.
            for hari in (batas(tahun, bulan).date() + datetime.timedelta(days=1),
                         batas(*nanti).date()):
                sekarang = sekarang_demo(hari)
                assert jatuh_tempo_terakhir(sekarang) == (tahun, bulan)
                masuk = sum(w <= sekarang for w in waktu_ajukan(tahun, bulan, kode).values())
                assert 40 <= masuk < len(kode), (tahun, bulan, hari)
                lalu = waktu_ajukan(*_sebelum(tahun, bulan), kode,
                                    susulan=not rencana_tahun(_sebelum(tahun, bulan)[0]).seed)
                assert all(w <= sekarang for w in lalu.values()), (tahun, bulan, hari)
