"""The optimised query path gives exactly the figures of the plain line-grain computation.

``hitung_rekap`` adds the sums up as whole sen from one joined SQL query;
``hitung_rekap_rujukan`` fetches every line as ``Decimal`` and adds them up in ``figures``.
Every field of every group must be equal, on the demo and on random data; so must the Kurva S
(``seri_kurva`` against ``seri_kurva_rujukan``). More random data: ``test_skala_acak.py``.
"""

import datetime
import pickle
import random
from dataclasses import asdict
from decimal import Decimal

import pytest

from budget import testing as t
from budget.models import JenisVersi, RealisasiKeuangan, RincianAnggaran
from demo.load import hapus_demo, muat_demo
from evaluation import ringkasan
from evaluation.kurva import seri_kurva
from evaluation.queries import hitung_rekap
from evaluation.telusur import jumlah_sub
from evaluation.tests.rujukan import hitung_rekap_rujukan, seri_kurva_rujukan
from lib.figures import Angka, Jumlah, KelasSebaran, hitung_angka, sebaran, sebaran_bulat

pytestmark = pytest.mark.django_db


def _sama(tahun: int, bulan: int) -> None:
    cepat, rujukan = hitung_rekap(tahun, bulan), hitung_rekap_rujukan(tahun, bulan)
    a, b = cepat.rekap, rujukan.rekap
    # The sub kegiatan figures and the lines are built only when read: the sebaran and the
    # DAK Fisik / kelompok belanja breakdowns come from the group sums.
    assert "_buat_sub_kegiatan" in a.__dict__ and cepat.data._baris is None
    assert a.sebaran == b.sebaran
    assert ringkasan.dak_fisik(cepat) == ringkasan.dak_fisik(rujukan)
    assert ringkasan.per_kelompok_belanja(cepat) == ringkasan.per_kelompok_belanja(rujukan)
    assert "_buat_sub_kegiatan" in a.__dict__ and cepat.data._baris is None
    assert a.total == b.total
    # The OPD list is ranked, so its order is part of the result. The other groups and the
    # lines come in database order, where lines that tie on the ordering (two sumber dana with
    # the same urutan) may come back in either order: compared as sets, by key.
    assert [asdict(k) for k in a.opd] == [asdict(k) for k in b.opd]
    for nama in ("sumber_dana", "jenis_belanja", "sub_kegiatan"):
        assert sorted((asdict(k) for k in getattr(a, nama)), key=lambda d: str(d["kunci"])) == \
            sorted((asdict(k) for k in getattr(b, nama)), key=lambda d: str(d["kunci"])), nama
    assert a.sebaran == b.sebaran

    def kunci(x):
        return (x.opd, x.sub_kegiatan, x.sumber_dana, x.jenis_belanja)

    assert sorted(cepat.data.baris, key=kunci) == sorted(rujukan.data.baris, key=kunci)
    assert cepat.data.versi == rujukan.data.versi
    assert cepat.data.opd == rujukan.data.opd


class TestDemo:
    @pytest.fixture(scope="class", autouse=True)
    def demo(self, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            muat_demo(hari_ini=datetime.date(2026, 12, 6))  # 2026 reported to October
        yield
        with django_db_blocker.unblock():
            hapus_demo()

    @pytest.mark.parametrize(("tahun", "bulan"), [(2025, 11), (2025, 12), (2025, 3), (2023, 6),
                                                  (2026, 1)])
    def test_every_figure_equals_the_line_grain_computation(self, tahun, bulan):
        _sama(tahun, bulan)

    @pytest.mark.parametrize(("tahun", "bulan"), [(2025, 11), (2025, 3), (2026, 1)])
    def test_the_kurva_s_and_drill_downs_equal_the_plain_computation(self, tahun, bulan):
        hasil, rujukan = hitung_rekap(tahun, bulan), hitung_rekap_rujukan(tahun, bulan)
        assert seri_kurva(tahun, bulan) == seri_kurva_rujukan(tahun, bulan)
        for k in hasil.rekap.opd[:5] + hasil.rekap.opd[-3:]:
            assert seri_kurva(tahun, bulan, opd_id=k.kunci) == \
                seri_kurva_rujukan(tahun, bulan, opd_id=k.kunci)
        for k in hasil.rekap.sub_kegiatan[::97]:
            o, s = k.kunci
            assert seri_kurva(tahun, bulan, opd_id=o, sub_kegiatan_id=s) == \
                seri_kurva_rujukan(tahun, bulan, opd_id=o, sub_kegiatan_id=s)
            assert jumlah_sub(hasil, o, s) == jumlah_sub(rujukan, o, s) == k.angka
            assert hasil.data.fisik_sub(o, s) == rujukan.data.fisik_sub(o, s)


def _acak(seed: int) -> None:
    rng = random.Random(seed)
    murni = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1))
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 9, 20))
    opd = [t.opd(kode=f"1.02.0.00.0.00.{i:02d}.0000", nama=f"OPD {i}") for i in range(1, 5)]
    subs = [f"1.02.02.2.01.{i:04d}" for i in range(1, 7)]
    for _ in range(40):
        o, sub = rng.choice(opd), rng.choice(subs)
        sd, jb = rng.choice(["DAU", "PAD", "DAK"]), rng.choice(["5.1.02", "5.2.03"])
        for v in rng.sample([murni, perubahan], rng.randint(1, 2)):
            ak = [Decimal(rng.randint(0, 10**11)).scaleb(-2) for _ in range(12)]
            t.rincian(o=o, sub=sub, sd=sd, jb=jb, v=v, pagu=sum(ak), ak=ak)
        realisasi = {b: Decimal(rng.randint(0, 10**10)).scaleb(-2)
                     for b in rng.sample(range(1, 13), rng.randint(0, 12))}
        r = RincianAnggaran.objects.get(
            opd=o, sub_kegiatan__kode=sub, sumber_dana__kode=sd, jenis_belanja__kode=jb)
        for b, x in realisasi.items():
            RealisasiKeuangan.objects.update_or_create(rincian=r, bulan=b, defaults={"jumlah": x})
    for o in opd:
        for sub in rng.sample(subs, 4):
            for b in sorted(rng.sample(range(1, 13), rng.randint(1, 5))):
                t.fisik(o, sub, b, realisasi=Decimal(rng.randint(0, 10000)).scaleb(-2),
                        target=Decimal(rng.randint(0, 10000)).scaleb(-2))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_data_gives_the_same_figures_as_the_line_grain_computation(seed):
    _acak(seed)
    for bulan in (1, 8, 9, 11, 12):
        _sama(2025, bulan)


def test_sumber_dana_and_jenis_belanja_come_in_their_master_order_on_every_path():
    from budget.models import JenisBelanja, SumberDana

    # The first OPD's line has the later sumber dana and jenis belanja (by code): the lines'
    # first-seen order is not the master order.
    t.rincian(o=t.opd(), sd="PAD", jb="5.2.03", pagu=100)
    t.rincian(o=t.opd(kode="1.02.0.00.0.00.02.0000", nama="Dinas B"), sd="DAU", jb="5.1.02",
              pagu=100)
    for hasil in (hitung_rekap(2025, 11), hitung_rekap_rujukan(2025, 11)):
        for grup, model in ((hasil.rekap.sumber_dana, SumberDana),
                            (hasil.rekap.jenis_belanja, JenisBelanja)):
            kunci = [k.kunci for k in grup]
            assert len(kunci) > 1
            assert kunci == [pk for pk in model.objects.values_list("pk", flat=True)
                             if pk in kunci]
            assert list(hasil.rekap.jumlah_sumber_dana if model is SumberDana
                        else hasil.rekap.jumlah_jenis_belanja) == kunci


def test_a_year_without_a_version_gives_the_same_empty_figures():
    t.opd()
    _sama(2024, 6)


def test_the_database_group_sums_equal_the_lines_added_up_in_python():
    """PostgreSQL adds the groups up in SQL (``_sql_agregat``); SQLite fetches the lines and
    adds them up in Python (``_jumlahkan_baris``). On PostgreSQL both run here and must agree
    to the sen, sebaran included; on SQLite the aggregate SQL does not exist."""
    from django.db import connection

    from budget.models import VersiAnggaran
    from evaluation.queries import _agregat, _Baris, _jumlahkan_baris

    if connection.vendor != "postgresql":
        pytest.skip("the group sums in SQL are PostgreSQL's; run by CI's PostgreSQL suite")
    _acak(5)
    for bulan in (1, 9, 12):
        versi = VersiAnggaran.berlaku_pada(2025, datetime.date(2025, bulan, 28))
        per_opd, per_sd_jb, kelas = _agregat(2025, bulan, versi.pk)
        baris = _Baris(2025, bulan, versi.pk)
        assert len(baris.rows) == len(hitung_rekap_rujukan(2025, bulan).data.baris) > 0
        assert any(row[6] for row in baris.rows)
        opd_py, sd_jb_py = _jumlahkan_baris(baris.rows)
        assert per_opd == opd_py
        assert per_sd_jb == sd_jb_py
        assert kelas == sebaran_bulat((r, p) for p, _, r, _, _ in baris.per_sub.values())
        assert sum(kelas.values()) > 0


def test_the_lazy_sub_kegiatan_are_built_once_and_survive_pickling():
    _acak(6)
    hasil = hitung_rekap(2025, 11)
    sub = hasil.rekap.sub_kegiatan
    assert sub and hasil.rekap.sub_kegiatan is sub
    assert "_buat_sub_kegiatan" not in hasil.rekap.__dict__
    lagi = hitung_rekap(2025, 11).rekap
    salinan = pickle.loads(pickle.dumps(lagi))  # builds the sub kegiatan first
    assert "_buat_sub_kegiatan" not in salinan.__dict__
    assert salinan == lagi and salinan.sub_kegiatan == sub
    # (sumber dana sharing an urutan may come in either order: compared elsewhere as sets)
    assert sub == hitung_rekap_rujukan(2025, 11).rekap.sub_kegiatan


def _angka_dari(r: int, p: int) -> Angka:
    return hitung_angka(Jumlah(Decimal(p).scaleb(-2), Decimal(0), Decimal(r).scaleb(-2)))


@pytest.mark.parametrize("seed", [1, 2])
def test_sebaran_from_whole_sen_equals_the_sebaran_of_the_figures(seed):
    rng = random.Random(seed)
    pasangan = [(0, 0), (5, 0), (0, 7), (1, 2), (2, 4), (3, 4), (75, 100), (751, 1000),
                (749, 1000), (99, 100), (100, 100), (101, 100), (5, -10), (0, -10), (-5, 10),
                (10**18 + 1, 2 * 10**18), (10**18, 2 * 10**18), (10**18 - 1, 2 * 10**18),
                (3 * 10**15 - 1, 4 * 10**15)]
    for _ in range(3000):
        p = rng.choice([rng.randint(1, 10**4), rng.randint(1, 10**17)])
        # realisasi at and beside the class bounds (0, 50, 75, 100 %) and anywhere
        r = rng.choice([0, p // 2, p // 2 + 1, p * 3 // 4, p * 3 // 4 + 1, p - 1, p, p + 1,
                        rng.randint(0, 2 * p)])
        pasangan.append((r, p))
    hasil = sebaran_bulat(pasangan)
    assert hasil == sebaran(_angka_dari(r, p) for r, p in pasangan)
    assert list(hasil) == list(KelasSebaran) and sum(hasil.values()) == len(pasangan) - 2


def test_one_opds_sub_kegiatan_come_from_its_own_sums_without_building_them_all():
    from evaluation.telusur import _angka_sub_opd

    _acak(7)
    hasil, rujukan = hitung_rekap(2025, 11), hitung_rekap_rujukan(2025, 11)
    opd = {k.kunci[0] for k in rujukan.rekap.sub_kegiatan}
    assert len(opd) > 1
    for o in opd:
        sendiri = _angka_sub_opd(hasil, o)
        assert "_buat_sub_kegiatan" in hasil.rekap.__dict__  # the 124.000 are not built
        assert list(sendiri.items()) == [
            (k.kunci[1], k.angka) for k in rujukan.rekap.sub_kegiatan if k.kunci[0] == o]
        assert sendiri == _angka_sub_opd(rujukan, o)
