"""``siap demo-data``: the Lampung Barat demo reproduces the Rakor POP seeds to the sen.

The demo is loaded once for the module (committed, then deleted at the end) as it stands on
HARI_INI, whatever the real date; each test runs in its own transaction on top of it, so a test
that changes data leaves no trace.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum

from accounts.models import Peran
from budget.models import (
    BULAN_AK,
    BidangUrusan,
    JenisOPD,
    JenisVersi,
    Kegiatan,
    PaguAnggaran,
    Pemda,
    PerangkatDaerah,
    Program,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    TargetFisik,
    Urusan,
    VersiAnggaran,
)
from demo.akun import AKUN_DEMO, PASSWORD_DEMO, teks_akun_demo
from demo.bagi import bagi
from demo.generator import BarisDemo, DataDemo, Fisik, TahunDemo, buat_demo, buat_tahun, sidik
from demo.load import hapus_demo, muat_demo
from demo.rencana import rencana_tahun
from evaluation.queries import hitung_rekap
from lib.figures import Kategori
from lib.rupiah import bulatkan

D = Decimal
pytestmark = pytest.mark.django_db

KECAMATAN = [
    "Balik Bukit", "Sukau", "Lumbok Seminung", "Belalau", "Sekincau", "Suoh", "Batu Brak",
    "Pagar Dewa", "Batu Ketulis", "Bandar Negeri Suoh", "Sumber Jaya", "Way Tenong",
    "Gedung Surian", "Kebun Tebu", "Air Hitam",
]
DINKES, PUPR = "1.02.0.00.0.00.01.0000", "1.03.0.00.0.00.01.0000"
HARI_INI = datetime.date(2026, 12, 6)  # October 2026 is the last month due, November is open


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ringkasan = muat_demo(hari_ini=HARI_INI)
    yield ringkasan
    with django_db_blocker.unblock():
        hapus_demo()


@pytest.fixture(scope="module")
def data_demo():
    return buat_demo(HARI_INI)


def _sen(nilai: Decimal) -> int:
    return int(nilai.scaleb(2))


# --- the seeds --------------------------------------------------------------------------------

def test_2025_totals_match_the_rakor_pop_seed_to_the_sen():
    hasil = hitung_rekap(2025, 11)
    total = hasil.rekap.total
    assert hasil.data.versi.jenis == JenisVersi.PERUBAHAN
    assert total.pagu == D("1094182195169.02")
    assert total.target_anggaran_kas == D("1060834720613.25")
    assert total.realisasi == D("839535848290.34")
    assert bulatkan(total.persen_realisasi) == D("76.73")
    assert bulatkan(total.persen_target) == D("96.95")
    assert bulatkan(total.capaian_anggaran_kas) == D("79.14")


def test_2023_totals_match_the_rakor_pop_seed():
    total = hitung_rekap(2023, 6).rekap.total
    assert total.pagu == D("984959704911.00")
    assert total.target_anggaran_kas == D("524847798262.00")
    assert bulatkan(total.persen_realisasi) == D("38.28")
    assert bulatkan(total.persen_target) == D("53.29")


def test_2025_closes_the_year_between_90_and_95_percent_of_pagu():
    total = hitung_rekap(2025, 12).rekap.total
    assert D(90) <= total.persen_realisasi <= D(95)
    assert total.target_anggaran_kas == total.pagu


def test_the_current_year_has_anggaran_kas_for_the_year_and_realisasi_up_to_the_last_month_due():
    # On 6 December 2026 the October reports (due 10 November) are the last due.
    assert demo_tahun() == [2023, 2025, 2026]
    assert not RealisasiKeuangan.objects.filter(rincian__tahun__tahun=2026, bulan__gt=10).exists()
    assert not RealisasiFisik.objects.filter(tahun__tahun=2026, bulan__gt=10).exists()
    assert RealisasiKeuangan.objects.filter(rincian__tahun__tahun=2026, bulan=10).exists()
    assert TargetFisik.objects.filter(tahun__tahun=2026, bulan=12).exists()
    total = hitung_rekap(2026, 12).rekap.total
    assert D("1.0e12") < total.pagu < D("1.2e12")
    assert total.target_anggaran_kas == total.pagu
    assert D(50) < hitung_rekap(2026, 10).rekap.total.persen_realisasi < D(85)


def demo_tahun() -> list[int]:
    return list(TahunAnggaran.objects.order_by("tahun").values_list("tahun", flat=True))


def test_a_generated_year_gets_its_perubahan_on_1_october_and_its_murni_never_changes():
    def tahun_pada(hari):
        (t,) = buat_demo(hari, tahun=[2028]).tahun
        return t

    juli, november = tahun_pada(datetime.date(2028, 7, 2)), tahun_pada(datetime.date(2028, 11, 1))
    assert [v.kunci for v in juli.rencana.versi] == ["murni"]
    assert [v.kunci for v in november.rencana.versi] == ["murni", "perubahan"]
    assert november.rencana.versi[1].berlaku == datetime.date(2028, 10, 1)
    murni = {(b.opd, b.sub, b.sumber_dana, b.jenis_belanja): (b.pagu, b.ak) for b in juli.baris}
    assert murni == {(b.opd, b.sub, b.sumber_dana, b.jenis_belanja):
                     ({"murni": b.pagu["murni"]}, {"murni": b.ak["murni"]})
                     for b in november.baris if "murni" in b.pagu}
    assert any("murni" not in b.pagu for b in november.baris)  # lines the perubahan added
    assert sum(b.pagu["perubahan"] for b in november.baris) == rencana_tahun(2028).pagu
    # The realisasi of a month is the same on both days once reported on both.
    juni = {(b.opd, b.sub, b.sumber_dana, b.jenis_belanja): b.realisasi[:4] for b in juli.baris}
    assert all(juni[k] == b.realisasi[:4] for b in november.baris
               if (k := (b.opd, b.sub, b.sumber_dana, b.jenis_belanja)) in juni)


def test_the_demo_refuses_a_day_before_2026():
    from demo.load import DemoError

    with pytest.raises(DemoError, match="1 Januari 2026"):
        muat_demo(hari_ini=datetime.date(2025, 12, 31))


# --- master data ------------------------------------------------------------------------------

def test_the_pemda_is_lampung_barat_marked_as_synthetic():
    pemda = Pemda.aktif()
    assert (pemda.nama, pemda.provinsi, pemda.ibu_kota) == (
        "Kabupaten Lampung Barat", "Lampung", "Liwa")
    assert pemda.data_sintetis is True


def test_the_real_opd_are_there_with_the_15_kecamatan_and_rsud_alimuddin_umar():
    assert PerangkatDaerah.objects.count() >= 40
    kecamatan = PerangkatDaerah.objects.filter(jenis=JenisOPD.KECAMATAN)
    assert sorted(kecamatan.values_list("nama", flat=True)) == sorted(
        f"Kecamatan {k}" for k in KECAMATAN)
    assert all(k.startswith("7.01.") for k in kecamatan.values_list("kode", flat=True))
    rsud = PerangkatDaerah.objects.get(jenis=JenisOPD.RSUD)
    assert "Alimuddin Umar" in rsud.nama
    assert PerangkatDaerah.objects.get(kode=DINKES).nama == "Dinas Kesehatan"
    assert PerangkatDaerah.objects.get(kode=PUPR).singkatan == "Dinas PUPR"
    assert PerangkatDaerah.objects.filter(jenis=JenisOPD.UPTD, induk__kode=DINKES).count() >= 2


def test_sumber_dana_and_jenis_belanja_follow_the_design():
    assert set(SumberDana.objects.values_list("kode", flat=True)) == {
        "PAD", "DAU", "DBH", "DAK_FISIK", "DAK_NONFISIK", "DID", "SILPA", "LAIN"}
    assert SumberDana.objects.get(kode="DID").nama == "DID/Insentif Fiskal"
    bpkad_jenis = set(RincianAnggaran.objects.filter(opd__singkatan="BPKAD")
                      .values_list("jenis_belanja__kelompok", flat=True))
    assert {"tidak_terduga", "transfer"} <= bpkad_jenis
    lain = set(RincianAnggaran.objects.exclude(opd__singkatan="BPKAD")
               .values_list("jenis_belanja__kelompok", flat=True))
    assert not {"tidak_terduga", "transfer"} & lain


def test_the_nomenclature_and_opd_codes_pass_model_validation():
    for model in (Urusan, BidangUrusan, Program, Kegiatan, SubKegiatan, PerangkatDaerah):
        for obj in model.objects.all():
            obj.clean_fields()
            obj.clean()
    penunjang = Program.objects.filter(kode__endswith=".01", nama__startswith="PROGRAM PENUNJANG")
    assert penunjang.count() >= 25
    assert SubKegiatan.objects.filter(kode="1.03.10.2.01.0002", nama="Pembangunan Jalan").exists()


def test_each_year_has_at_least_1500_budget_lines(demo):
    for tahun in demo_tahun():
        assert RincianAnggaran.objects.filter(tahun__tahun=tahun).count() >= 1500
        assert demo.rincian[tahun] >= 1500


# --- versions and anggaran kas ----------------------------------------------------------------

def test_the_version_in_force_on_30_november_2025_is_the_perubahan_and_differs_from_murni():
    versi = VersiAnggaran.berlaku_pada(2025, datetime.date(2025, 11, 30))
    assert versi.jenis == JenisVersi.PERUBAHAN
    murni = VersiAnggaran.objects.get(tahun__tahun=2025, jenis=JenisVersi.MURNI)
    pagu_murni = dict(murni.pagu.values_list("rincian_id", "pagu"))
    pagu_perubahan = dict(versi.pagu.values_list("rincian_id", "pagu"))
    assert set(pagu_perubahan) > set(pagu_murni)  # the perubahan added lines
    assert any(pagu_perubahan[r] != p for r, p in pagu_murni.items())


def test_the_pergeseran_shifts_pagu_without_changing_the_total():
    versi = {v.jenis: v for v in VersiAnggaran.objects.filter(tahun__tahun=2025)}
    assert set(versi) == {JenisVersi.MURNI, JenisVersi.PERGESERAN, JenisVersi.PERUBAHAN}
    murni, geser = (hitung_rekap(2025, b).rekap.total.pagu for b in (2, 4))
    assert murni == geser
    assert (dict(versi["murni"].pagu.values_list("rincian_id", "pagu"))
            != dict(versi["pergeseran"].pagu.values_list("rincian_id", "pagu")))


def test_salaries_are_planned_flat_and_capital_works_back_loaded():
    def per_bulan(**filter):
        jumlah = PaguAnggaran.objects.filter(
            versi__tahun__tahun=2025, versi__jenis=JenisVersi.MURNI, **filter
        ).aggregate(*[Sum(f) for f in BULAN_AK])
        return [jumlah[f"{f}__sum"] for f in BULAN_AK]

    gaji = per_bulan(rincian__jenis_belanja__kode="5.1.01")
    biasa = [gaji[i] for i in (0, 1, 3, 4, 6, 7, 8, 9, 10, 11)]  # not THR, not gaji ke-13
    assert max(biasa) - min(biasa) < max(biasa) / 100
    modal = per_bulan(rincian__jenis_belanja__kelompok="modal")
    assert sum(modal[:3]) * 4 < sum(modal[8:11])


# --- realisasi and performance ----------------------------------------------------------------

def test_dak_fisik_lags_well_behind_the_pemda():
    for tahun, bulan in ((2025, 11), (2023, 6)):
        hasil = hitung_rekap(tahun, bulan)
        dak = next(k for k in hasil.rekap.sumber_dana
                   if hasil.data.sumber_dana[k.kunci].kode == "DAK_FISIK")
        assert dak.angka.capaian_anggaran_kas < hasil.rekap.total.capaian_anggaran_kas - 20


def test_opd_range_from_rendah_or_sangat_rendah_to_at_least_91():
    opd = hitung_rekap(2025, 11).rekap.opd
    assert any(k.angka.kategori in (Kategori.RENDAH, Kategori.SANGAT_RENDAH) for k in opd)
    assert any(k.angka.capaian_anggaran_kas >= 91 for k in opd)
    sedang_ke_bawah = [k for k in opd if k.angka.capaian_anggaran_kas < 91]
    assert len(sedang_ke_bawah) > len(opd) / 2  # most OPD are behind their anggaran kas
    assert any(k.angka.capaian_anggaran_kas > 100 for k in hitung_rekap(2026, 10).rekap.opd)


def test_realisasi_of_a_line_never_exceeds_any_pagu_it_had():
    pagu_min: dict[int, int] = {}
    dibuat: dict[int, datetime.date] = {}
    for rid, pagu, berlaku in PaguAnggaran.objects.values_list(
            "rincian_id", "pagu", "versi__berlaku_mulai"):
        pagu_min[rid] = min(pagu_min.get(rid, _sen(pagu)), _sen(pagu))
        dibuat[rid] = min(dibuat.get(rid, berlaku), berlaku)
    total: dict[int, int] = {}
    for rid, bulan, jumlah in RealisasiKeuangan.objects.values_list(
            "rincian_id", "bulan", "jumlah"):
        assert jumlah > 0
        assert bulan >= dibuat[rid].month  # no SP2D before the line existed
        total[rid] = total.get(rid, 0) + _sen(jumlah)
    assert all(t <= pagu_min[rid] for rid, t in total.items())


def test_fisik_stays_within_0_and_100_never_decreases_and_targets_reach_100():
    for model in (TargetFisik, RealisasiFisik):
        seri: dict[tuple, list[Decimal]] = {}
        for key, persen in ((r[:3], r[3]) for r in model.objects.order_by("bulan").values_list(
                "tahun_id", "opd_id", "sub_kegiatan_id", "persen")):
            seri.setdefault(key, []).append(persen)
        for nilai in seri.values():
            assert all(D(0) <= p <= D(100) for p in nilai)
            assert nilai == sorted(nilai)
            if model is TargetFisik:
                assert len(nilai) == 12 and nilai[-1] == D(100)
    punya_baris = set(RincianAnggaran.objects.values_list("tahun_id", "opd_id", "sub_kegiatan_id"))
    punya_target = set(TargetFisik.objects.values_list("tahun_id", "opd_id", "sub_kegiatan_id"))
    assert punya_baris == punya_target


# --- determinism and scale --------------------------------------------------------------------

def _sidik_basis_data(tahun: int) -> str:
    ta = TahunAnggaran.objects.get(tahun=tahun)
    versi = dict(ta.versi.values_list("pk", "jenis"))
    baris = {r[0]: BarisDemo(*r[1:], bobot=0, faktor=0) for r in RincianAnggaran.objects.filter(
        tahun=ta).values_list("pk", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode",
                              "jenis_belanja__kode")}
    for rid, vid, pagu, *ak in PaguAnggaran.objects.filter(rincian__tahun=ta).values_list(
            "rincian_id", "versi_id", "pagu", *BULAN_AK):
        baris[rid].pagu[versi[vid]] = _sen(pagu)
        baris[rid].ak[versi[vid]] = [_sen(x) for x in ak]
    for rid, bulan, jumlah in RealisasiKeuangan.objects.filter(rincian__tahun=ta).values_list(
            "rincian_id", "bulan", "jumlah"):
        baris[rid].realisasi[bulan - 1] = _sen(jumlah)
    fisik: dict[tuple, Fisik] = {}
    for model, kolom in ((TargetFisik, "target"), (RealisasiFisik, "realisasi")):
        for o, s, persen in model.objects.filter(tahun=ta).order_by("bulan").values_list(
                "opd__kode", "sub_kegiatan__kode", "persen"):
            getattr(fisik.setdefault((o, s), Fisik(o, s, [], [])), kolom).append(_sen(persen))
    return sidik(TahunDemo(None, list(baris.values()), list(fisik.values())))


def test_two_runs_generate_identical_data_and_the_database_holds_exactly_that(data_demo):
    lagi = buat_demo(HARI_INI)
    for pertama, kedua in zip(data_demo.tahun, lagi.tahun, strict=True):
        assert sidik(pertama) == sidik(kedua)
        assert _sidik_basis_data(pertama.rencana.tahun) == sidik(pertama)


def test_skala_multiplies_opd_and_lines_with_unique_codes():
    dua = buat_demo(HARI_INI, skala=2)
    assert len(dua.opd) == 2 * PerangkatDaerah.objects.count()
    assert len({o.kode for o in dua.opd}) == len(dua.opd)
    tahun = dua.tahun[-1]
    assert tahun.rencana.tahun == 2026
    assert len(tahun.baris) > 1.8 * RincianAnggaran.objects.filter(tahun__tahun=2026).count()
    assert sum(b.pagu["perubahan"] for b in tahun.baris) == 2 * rencana_tahun(2026).pagu


def test_bagi_splits_exactly_in_proportion_and_respects_caps():
    assert bagi(1001, [1, 1, 1]) == [334, 334, 333]
    assert sum(bagi(12_345_67, [3, 5, 7], satuan=100)) == 12_345_67
    assert bagi(100, [1, 1], batas=[10, None]) == [10, 90]
    with pytest.raises(ValueError):
        bagi(100, [1, 1], batas=[10, 20])


# --- the command and the accounts -------------------------------------------------------------

def test_the_command_refuses_a_database_that_is_not_empty():
    with pytest.raises(CommandError, match="tidak kosong.*--ganti"):
        call_command("demo_data", stdout=io.StringIO())


def test_ganti_never_replaces_data_not_marked_synthetic():
    Pemda.objects.update(data_sintetis=False)
    with pytest.raises(CommandError, match="tidak bertanda data sintetis"):
        call_command("demo_data", "--ganti", stdout=io.StringIO())
    assert RincianAnggaran.objects.exists()


def test_ganti_deletes_the_demo_and_loads_it_again(monkeypatch, data_demo):
    # A small demo (three OPD, one year) keeps the test fast; deletion is what is tested.
    opd = data_demo.opd[:3]
    kecil = DataDemo(opd, data_demo.nomenklatur,
                     [buat_tahun(rencana_tahun(2026), opd, data_demo.nomenklatur)])
    hari = []
    monkeypatch.setattr("demo.load.buat_demo",
                        lambda hari_ini, skala, tahun: hari.append(hari_ini) or kecil)
    out = io.StringIO()
    call_command("demo_data", "--ganti", "--hari-ini", "2027-01-15", stdout=out)
    assert hari == [datetime.date(2027, 1, 15)]
    assert PerangkatDaerah.objects.count() == 3
    assert demo_tahun() == [2026]
    assert "Pelaporan per 15 Januari 2027" in out.getvalue()
    assert "s.d. Desember 2026" in out.getvalue()
    assert "bulan yang sedang dilaporkan: Januari 2027" in out.getvalue()
    assert out.getvalue().rstrip().endswith(teks_akun_demo())
    assert PASSWORD_DEMO in out.getvalue()


def test_the_command_loads_today_s_demo_unless_told_another_day(monkeypatch, data_demo):
    import time_machine
    from django.utils import timezone

    hari = []
    monkeypatch.setattr("demo.load.buat_demo",
                        lambda hari_ini, skala, tahun: hari.append(hari_ini) or DataDemo(
                            data_demo.opd[:1], data_demo.nomenklatur, []))
    # 23:30 UTC on 31 December is already 1 January in Lampung Barat.
    with time_machine.travel(datetime.datetime(2030, 12, 31, 23, 30, tzinfo=datetime.UTC),
                             tick=False):
        call_command("demo_data", "--ganti", stdout=io.StringIO())
        assert timezone.localdate() == datetime.date(2031, 1, 1)
    assert hari == [datetime.date(2031, 1, 1)]
    with pytest.raises(CommandError, match="tidak dikenali"):
        call_command("demo_data", "--ganti", "--hari-ini", "15-01-2027", stdout=io.StringIO())


def test_demo_accounts_exist_with_their_roles_and_opd():
    User = get_user_model()
    akun = {u.username: u for u in User.objects.prefetch_related("opd")}
    assert set(akun) >= {a.username for a in AKUN_DEMO}
    assert akun["admin"].peran == Peran.ADMIN
    assert akun["admin"].is_staff and akun["admin"].is_superuser
    assert akun["verifikator"].peran == Peran.VERIFIKATOR
    assert akun["pimpinan"].peran == Peran.PIMPINAN
    assert not akun["pimpinan"].is_staff
    assert [o.kode for o in akun["operator.dinkes"].opd.all()] == [DINKES]
    assert [o.kode for o in akun["operator.pupr"].opd.all()] == [PUPR]
    assert akun["operator.pupr"].peran == Peran.OPERATOR
    assert all(akun[a.username].check_password(PASSWORD_DEMO) for a in AKUN_DEMO)


def test_rekap_json_prints_the_seed_figures_as_decimal_strings():
    import json

    out = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", "11", "--format", "json", stdout=out)
    d = json.loads(out.getvalue())
    assert (d["pagu"], d["target_anggaran_kas"], d["realisasi"]) == (
        "1094182195169.02", "1060834720613.25", "839535848290.34")
    assert (d["persen_realisasi"], d["persen_target"], d["capaian_anggaran_kas"]) == (
        "76.73", "96.95", "79.14")
    for key in ("pagu", "target_anggaran_kas", "realisasi"):
        assert sum(D(o[key]) for o in d["opd"]) == D(d[key])  # the OPD rows add up exactly
    out = io.StringIO()
    call_command("rekap", "--tahun", "2023", "--bulan", "6", "--format", "json", stdout=out)
    d = json.loads(out.getvalue())
    assert (d["persen_realisasi"], d["persen_target"]) == ("38.28", "53.29")


def test_the_account_list_mentions_two_step_login_only_when_it_is_required(settings):
    settings.SIAP_2FA = True
    assert "verifikasi dua langkah" in teks_akun_demo()
    settings.SIAP_2FA = False
    assert "dua langkah" not in teks_akun_demo()
