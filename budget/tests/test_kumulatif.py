"""The derived tables (``RealisasiKumulatif``, ``FisikTerakhir``) stay equal to their source
rows whatever writes them, and ``siap kumulatif`` finds and repairs any difference.

Every write path is exercised: ORM create / save / delete, ``bulk_create``, ``bulk_update``,
queryset ``update`` and ``delete``, raw SQL, moving a row to another line or month, and a
rolled-back transaction. After each step the triggers' rows must equal the independent
Python computation of ``budget.kumulatif``. Runs on SQLite (row triggers) and, in CI, on
PostgreSQL (statement triggers with transition tables).
"""

import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from budget import testing as t
from budget.kumulatif import fisik_seharusnya, periksa, realisasi_seharusnya
from budget.models import (
    FisikTerakhir,
    RealisasiFisik,
    RealisasiKeuangan,
    RealisasiKumulatif,
    TargetFisik,
)

pytestmark = pytest.mark.django_db

SUB = [f"1.02.02.2.01.{i:04d}" for i in range(1, 4)]


def _tersimpan_realisasi() -> dict:
    return {r.rincian_id: r.sen for r in RealisasiKumulatif.objects.all()}


def _cocok() -> None:
    hasil = periksa()
    assert hasil.cocok, [s.uraian() for s in hasil.selisih]
    assert _tersimpan_realisasi() == dict(realisasi_seharusnya())


def test_a_line_holds_its_realisasi_added_up_month_by_month():
    r = t.rincian(pagu=1000, realisasi={2: "10.01", 5: "0.99", 12: 100})
    k = RealisasiKumulatif.objects.get(rincian=r)
    assert k.sen == (0, 1001, 1001, 1001, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 11100)
    # a line without realisasi has no row
    kosong = t.rincian(pagu=5, sd="PAD")
    assert not RealisasiKumulatif.objects.filter(rincian=kosong).exists()


def test_the_latest_fisik_carries_forward_and_follows_corrections():
    o = t.opd()
    t.fisik(o, SUB[0], 3, realisasi="12.5", target=20)
    t.fisik(o, SUB[0], 7, realisasi=40)
    f = FisikTerakhir.objects.get()
    assert [f.f01, f.f02, f.f03, f.f06, f.f07, f.f12] == [0, 0, 1250, 1250, 4000, 4000]
    assert [f.t02, f.t03, f.t12] == [0, 2000, 2000]
    # a report slipped in between, then a correction downwards (imports allow it)
    t.fisik(o, SUB[0], 5, realisasi=30)
    t.fisik(o, SUB[0], 7, realisasi=25)
    f.refresh_from_db()
    assert [f.f04, f.f05, f.f06, f.f07, f.f12] == [1250, 3000, 3000, 2500, 2500]
    RealisasiFisik.objects.filter(bulan=5).delete()
    f.refresh_from_db()
    assert [f.f05, f.f06, f.f07] == [1250, 1250, 2500]
    # no report of either kind left: no row
    RealisasiFisik.objects.all().delete()
    assert FisikTerakhir.objects.get().f12 == 0  # the target is still there
    TargetFisik.objects.all().delete()
    assert not FisikTerakhir.objects.exists()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_way_of_writing_keeps_the_derived_rows_equal_to_the_source(seed):
    rng = random.Random(seed)
    opd = [t.opd(), t.opd(kode="1.02.0.00.0.00.02.0000", nama="Dinas B")]
    garis = [t.rincian(o=rng.choice(opd), sub=rng.choice(SUB), sd=sd, jb=jb, pagu=10**9)
             for sd in ("DAU", "PAD") for jb in ("5.1.02", "5.2.03")]

    def jumlah() -> Decimal:
        return Decimal(rng.choice([0, 1, rng.randint(1, 10**6), rng.randint(10**12, 10**14)])
                       ).scaleb(-2)

    for _ in range(6):
        # ORM create / update_or_create / save
        for _ in range(8):
            RealisasiKeuangan.objects.update_or_create(
                rincian=rng.choice(garis), bulan=rng.randint(1, 12),
                defaults={"jumlah": jumlah()})
            t.fisik(rng.choice(opd), rng.choice(SUB), rng.randint(1, 12),
                    realisasi=Decimal(rng.randint(0, 10000)).scaleb(-2),
                    target=Decimal(rng.randint(0, 10000)).scaleb(-2))
        _cocok()
        # bulk_update and queryset update, moving rows to other months and lines
        semua = list(RealisasiKeuangan.objects.all())
        for x in rng.sample(semua, min(4, len(semua))):
            x.jumlah = jumlah()
        RealisasiKeuangan.objects.bulk_update(semua, ["jumlah"])
        x = rng.choice(semua)
        bebas = [(g.pk, b) for g in garis for b in range(1, 13)
                 if not RealisasiKeuangan.objects.filter(rincian=g, bulan=b).exists()]
        if bebas:
            rid, b = rng.choice(bebas)
            RealisasiKeuangan.objects.filter(pk=x.pk).update(rincian_id=rid, bulan=b)
        RealisasiFisik.objects.filter(bulan__gte=rng.randint(1, 12)).update(persen=Decimal("33.33"))
        _cocok()
        # deletes: one row, a queryset, raw SQL
        if semua:
            RealisasiKeuangan.objects.filter(pk=rng.choice(semua).pk).delete()
        TargetFisik.objects.filter(bulan=rng.randint(1, 12)).delete()
        with connection.cursor() as c:
            c.execute(f"DELETE FROM {RealisasiKeuangan._meta.db_table} WHERE bulan = %s",
                      [rng.randint(1, 12)])
        _cocok()
        # bulk_create
        ada = set(RealisasiKeuangan.objects.values_list("rincian_id", "bulan"))
        baru = [RealisasiKeuangan(rincian=g, bulan=b, jumlah=jumlah())
                for g in garis for b in rng.sample(range(1, 13), 3) if (g.pk, b) not in ada]
        RealisasiKeuangan.objects.bulk_create(baru)
        _cocok()
    assert RealisasiKumulatif.objects.exists() and FisikTerakhir.objects.exists()


def test_a_rolled_back_write_leaves_the_derived_rows_as_they_were():
    r = t.rincian(pagu=1000, realisasi={1: 10})
    t.fisik(t.opd(), SUB[0], 2, realisasi=10)
    sebelum = (_tersimpan_realisasi(), fisik_seharusnya())
    with transaction.atomic():
        RealisasiKeuangan.objects.create(rincian=r, bulan=2, jumlah=5)
        RealisasiFisik.objects.update(persen=50)
        transaction.set_rollback(True)
    assert (_tersimpan_realisasi(), fisik_seharusnya()) == sebelum
    _cocok()


def test_the_command_reports_differences_and_repairs_them():
    o = t.opd()
    r1 = t.rincian(o=o, pagu=1000, realisasi={1: 10, 3: 5})
    r2 = t.rincian(o=o, pagu=1000, sd="PAD", realisasi={2: 7})
    t.fisik(o, SUB[0], 4, realisasi=10, target=20)
    keluar = StringIO()
    call_command("kumulatif", stdout=keluar)
    assert "Cocok" in keluar.getvalue()
    assert "2 rincian dengan realisasi, 1 sub kegiatan" in keluar.getvalue()

    # Damage the derived rows behind the triggers' back (they watch only the sources).
    RealisasiKumulatif.objects.filter(rincian=r1).update(k03=1)
    RealisasiKumulatif.objects.filter(rincian=r2).delete()
    FisikTerakhir.objects.update(f04=9999)
    RealisasiKumulatif.objects.create(rincian=t.rincian(o=o, pagu=5, jb="5.2.03"), k12=77)

    keluar = StringIO()
    with pytest.raises(CommandError, match="4 baris berbeda dari data sumber") as galat:
        call_command("kumulatif", stdout=keluar)
    assert galat.value.returncode == 1  # `siap kumulatif` exits with status 1: cron alerts
    teks = keluar.getvalue()
    assert f"realisasi {r1.pk}: k03 tersimpan 1, seharusnya 1500" in teks
    assert f"realisasi {r2.pk}: tidak ada baris, seharusnya ada" in teks
    assert "seharusnya tidak ada (tanpa data sumber)" in teks
    assert "f04 tersimpan 9999, seharusnya 1000" in teks

    keluar = StringIO()
    call_command("kumulatif", "--perbaiki", stdout=keluar)
    assert "4 baris berbeda telah ditulis ulang" in keluar.getvalue()
    _cocok()
    keluar = StringIO()
    call_command("kumulatif", stdout=keluar)
    assert "Cocok" in keluar.getvalue()


def test_the_derived_tables_are_not_in_the_full_export_but_rebuilt_on_restore():
    from exchange import semua

    for model in (RealisasiKumulatif, FisikTerakhir):
        assert model not in semua.DIEKSPOR
        assert model._meta.label in semua.DIKECUALIKAN


def test_a_repair_of_many_keys_goes_in_batches_and_leaves_everything_equal(
        django_assert_max_num_queries):
    o = t.opd()
    th = t.tahun()
    subs = [t.sub_kegiatan(f"1.02.02.2.01.{i:04d}") for i in range(1, 451)]
    RealisasiFisik.objects.bulk_create([
        RealisasiFisik(tahun=th, opd=o, sub_kegiatan=s, bulan=3, persen=Decimal("12.5"))
        for s in subs])
    FisikTerakhir.objects.update(f03=1, f12=2)  # every one of the 450 keys now differs
    hasil = periksa()
    assert len(hasil.selisih) == 450
    # the comparison streams, and the repair writes 200 keys per DELETE and per INSERT
    with django_assert_max_num_queries(20):
        hasil = periksa(perbaiki=True)
    assert hasil.diperbaiki and len(hasil.selisih) == 450
    _cocok()
    assert set(FisikTerakhir.objects.values_list("f03", "f12")) == {(1250, 1250)}
