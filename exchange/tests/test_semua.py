"""``siap ekspor-semua`` / ``siap impor-semua``: a whole instance round-trips to the sen."""

import datetime
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import (
    JenisOPD,
    JenisVersi,
    PerangkatDaerah,
    RealisasiKeuangan,
    RincianAnggaran,
    TahunAnggaran,
    TargetFisik,
)
from exchange import semua
from reporting.models import (
    IsianFisik,
    IsianRealisasi,
    LaporanBulanan,
    PenjelasanPeringatan,
    PeriodePelaporan,
    Permasalahan,
    RiwayatLaporan,
    SnapshotLaporan,
)
from siap.cli import main

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _koneksi_tetap(monkeypatch):
    # main() closes the connections when it ends (see test_perintah.py).
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def waktu(y, m, d, h=9, mnt=0):
    return datetime.datetime(y, m, d, h, mnt, 7, 123456, tzinfo=UTC)


@pytest.fixture
def data(db):
    """Two years, three versions, an UPTD whose dinas has a later code, every reporting table,
    awkward texts (quotes, commas, newlines, a formula-like name, non-ASCII)."""
    t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    uptd = t.opd("1.02.0.00.0.00.01.0001", '=Puskesmas "Liwa", Balik Bukit\nUPTD', JenisOPD.UPTD)
    induk = t.opd("1.02.0.00.0.00.09.0000", "Dinas Induk Kesehatan")
    uptd.induk = induk
    uptd.save()
    pupr = t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")
    lama = t.opd("4.01.0.00.0.00.01.0000", "Dinas Lama")  # inactive, without budget lines
    lama.aktif = False
    lama.singkatan = "DL"
    lama.save()
    from budget.models import Pemda

    Pemda.objects.create(nama="Kabupaten Contoh", provinsi="Lampung", data_sintetis=True)
    dinkes = PerangkatDaerah.objects.get(kode="1.02.0.00.0.00.01.0000")
    op = buat_pengguna("op.dinkes", Peran.OPERATOR, dinkes)
    verif = buat_pengguna("verif", Peran.VERIFIKATOR)
    t.jenis_belanja("5.2.02", "Belanja Modal Peralatan dan Mesin", "modal")
    for th in (2024, 2025):
        murni = t.versi(th, berlaku=datetime.date(th, 1, 1), nama=f"APBD Murni {th}")
        ubah = t.versi(th, JenisVersi.PERUBAHAN, berlaku=datetime.date(th, 9, 15),
                       nama=f"APBD Perubahan {th}")
        versi = [murni, ubah]
        if th == 2025:
            ubah.dasar_hukum = "Perda No. 5 Tahun 2025"
            ubah.save()
            versi.append(t.versi(th, JenisVersi.PERGESERAN, berlaku=datetime.date(th, 4, 2),
                                 nama="Pergeseran I"))
        for i, (o, sub, sd, jb) in enumerate([
            (dinkes, "1.02.02.2.01.0001", "DAU", "5.1.02"),
            (dinkes, "1.02.02.2.01.0002", "PAD", "5.2.02"),
            (uptd, "1.02.02.2.01.0001", "DAK FISIK", "5.2.02"),
            (pupr, "1.03.03.2.01.0001", "DAU", "5.1.02"),
            (induk, "1.02.02.2.02.0003", "DBH", "5.1.02"),
        ]):
            pagu = Decimal("1234567.89") * (i + 1) + th
            t.rincian(o=o, sub=sub, sd=sd, jb=jb, pagu=pagu, v=murni,
                      realisasi={m: Decimal("10000.01") * m + i for m in range(1, 11 - i)})
            for j, v in enumerate(versi[1:], start=1):
                t.rincian(o=o, sub=sub, sd=sd, jb=jb, pagu=pagu + Decimal("0.10") * j, v=v)
            t.fisik(o, sub, 3, realisasi="12.5", target="15", t=th)
            t.fisik(o, sub, 6, realisasi="40.25", target="50", t=th)
        # a line with no pagu in any version and no realisasi
        t.rincian(o=pupr, sub="1.03.03.2.01.0009", sd="PAD", jb="5.1.02", pagu=0, v=murni)
        ta = TahunAnggaran.objects.get(tahun=th)
        PeriodePelaporan.objects.create(tahun=ta, bulan=1, dikunci=True,
                                        batas_lapor=waktu(th, 2, 10, 16, 59))
        PeriodePelaporan.objects.create(tahun=ta, bulan=2)
        for bulan, status in ((1, "diverifikasi"), (2, "dikembalikan"), (3, "diajukan"),
                              (4, "draft")):
            lap = LaporanBulanan.objects.create(
                tahun=ta, opd=dinkes, bulan=bulan, status=status, revisi=bulan * 3,
                pertama_diajukan_pada=waktu(th, bulan + 1, 5) if status != "draft" else None,
                diajukan_pada=waktu(th, bulan + 1, 8) if status != "draft" else None,
                diverifikasi_pada=waktu(th, bulan + 1, 9) if status == "diverifikasi" else None,
                catatan_verifikator="Lengkapi, \"bukti\" SP2D;\nhalaman 2" if bulan == 2 else "",
            )
            if status != "draft":
                RiwayatLaporan.objects.create(laporan=lap, dari="draft", ke="diajukan", oleh=op,
                                              pada=waktu(th, bulan + 1, 8))
                SnapshotLaporan.objects.create(
                    laporan=lap, nomor=1, dibuat_pada=waktu(th, bulan + 1, 8), oleh=op,
                    data={"baris": {"7": {"realisasi": "10000.01", "label": "Ü · \"x\""}},
                          "fisik": [1.5, None, True]})
                PenjelasanPeringatan.objects.create(laporan=lap, kode="fisik_jauh:1.02.02",
                                                    teks="Kontrak baru ditandatangani.", oleh=op)
            if status in ("diverifikasi", "dikembalikan"):
                RiwayatLaporan.objects.create(laporan=lap, dari="diajukan", ke=status, oleh=verif,
                                              pada=waktu(th, bulan + 1, 9), catatan="ok")
            if status == "draft":  # the operator's unsubmitted values: one typed, one blank
                d1, d2 = RincianAnggaran.objects.filter(tahun=ta, opd=dinkes).order_by("pk")[:2]
                IsianRealisasi.objects.create(laporan=lap, rincian=d1, jumlah=Decimal("12.34"))
                IsianRealisasi.objects.create(laporan=lap, rincian=d2, jumlah=None)
                IsianFisik.objects.create(laporan=lap, sub_kegiatan=d1.sub_kegiatan, persen=None)
        Permasalahan.objects.create(
            tahun=ta, opd=dinkes, sub_kegiatan=t.sub_kegiatan("1.02.02.2.01.0001"), bulan=3,
            kategori="pengadaan", uraian="Tender gagal, \"ulang\"", tindak_lanjut="Tender ulang",
            penanggung_jawab="PPTK", target_selesai=datetime.date(th, 5, 31))
        Permasalahan.objects.create(
            tahun=ta, opd=uptd, sub_kegiatan=t.sub_kegiatan("1.02.02.2.01.0001"), bulan=2,
            kategori="lahan", uraian="Lahan belum bebas", status="selesai", bulan_selesai=5)
    # LaporanBulanan.diubah_pada and PenjelasanPeringatan.pada are auto_now: pin them.
    LaporanBulanan.objects.update(diubah_pada=waktu(2025, 6, 1, 10, 30))
    PenjelasanPeringatan.objects.update(pada=waktu(2025, 6, 2))


# ------------------------------------------------------------------------- comparisons


def _kunci_alami(model, memo):
    """id -> tuple of the row's values with every reference replaced, recursively, by the
    referenced row's own tuple: the table's content without surrogate ids."""
    if model in memo:
        return memo[model]
    medan = [f for f in model._meta.concrete_fields if not f.primary_key]
    baris = {}
    memo[model] = baris
    rows = list(model._default_manager.values_list("pk", *[f.attname for f in medan]))
    # self references (PerangkatDaerah.induk) point at rows of the same map: resolve after
    for pk, *nilai in rows:
        baris[pk] = nilai
    for f_i, f in enumerate(medan):
        if isinstance(f, models.ForeignKey):
            target = f.related_model
            peta = _kunci_alami(target, memo) if target is not model else None
            for pk in baris:
                v = baris[pk][f_i]
                if v is None:
                    continue
                if target is model:
                    baris[pk][f_i] = ("induk", _rantai(model, baris, v, f_i))
                else:
                    baris[pk][f_i] = peta[v]
    for pk in baris:
        baris[pk] = tuple(json.dumps(v, sort_keys=True, default=str) if isinstance(v, dict | list)
                          else v for v in baris[pk])
    return baris


def _rantai(model, baris, pk, f_i):
    return tuple(v for i, v in enumerate(baris[pk]) if i != f_i)


def isi_tabel():
    memo = {User: dict(User.objects.values_list("pk", "username"))}
    return {
        m._meta.label: sorted(_kunci_alami(m, memo).values(), key=repr)
        for m in semua.DIEKSPOR
    }


def rekap_semua():
    hasil = {}
    for th in TahunAnggaran.objects.values_list("tahun", flat=True):
        for bulan in range(1, 13):
            out = io.StringIO()
            call_command("rekap", "--tahun", str(th), "--bulan", str(bulan), "--format", "json",
                         stdout=out)
            hasil[th, bulan] = out.getvalue()
    return hasil


def _kosongkan():
    semua.kosongkan()
    assert not semua.isi_ada()


def _berkas(d):
    return {p.name: p.read_bytes() for p in d.iterdir() if p.name != "manifest.json"}


# ------------------------------------------------------------------------------- tests


def test_every_model_is_exported_or_explicitly_excluded():
    dikenal = {m._meta.label for m in semua.DIEKSPOR} | set(semua.DIKECUALIKAN)
    for app in ("budget", "reporting", "exchange"):
        for m in apps.get_app_config(app).get_models():
            assert m._meta.label in dikenal, (
                f"{m._meta.label} tidak diekspor oleh exchange.semua dan tidak tercantum di "
                "DIKECUALIKAN")
    # and --ganti deletes every one of them
    assert {m._meta.label for m in semua.DIEKSPOR} | set(semua.DIKECUALIKAN) == set(
        semua.URUTAN_HAPUS)


def test_round_trip_gives_identical_rekap_and_tables(data, tmp_path,
                                                     django_assert_max_num_queries):
    sebelum_isi, sebelum_rekap = isi_tabel(), rekap_semua()
    assert len(sebelum_rekap) == 24
    assert json.loads(sebelum_rekap[2025, 11])["realisasi"] != "0.00"
    manifest = semua.ekspor_semua(tmp_path / "a")
    assert manifest["versi_format"] == 1 and manifest["pemda"] == "Kabupaten Contoh"
    assert manifest["berkas"]["realisasi_2025.csv"]["baris"] == 40
    assert manifest["berkas"]["anggaran_2025_2025-04-02.csv"]["baris"] == 5
    assert manifest["berkas"]["anggaran_2025_2025-01-01.csv"]["baris"] == 6
    _kosongkan()
    with django_assert_max_num_queries(90):
        hasil = semua.impor_semua(tmp_path / "a")
    assert hasil.jumlah["realisasi"] == 80 and hasil.peringatan == []
    assert isi_tabel() == sebelum_isi
    assert rekap_semua() == sebelum_rekap
    # exporting the restored instance gives the same files, byte for byte
    semua.ekspor_semua(tmp_path / "b")
    assert _berkas(tmp_path / "a") == _berkas(tmp_path / "b")
    uptd = PerangkatDaerah.objects.get(kode="1.02.0.00.0.00.01.0001")
    assert uptd.induk.kode == "1.02.0.00.0.00.09.0000" and uptd.nama.startswith("=Puskesmas")


def test_the_files_are_documented_csv_and_importable_one_by_one(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    m = json.loads((tmp_path / "manifest.json").read_text())
    for nama, info in m["berkas"].items():
        isi = (tmp_path / nama).read_bytes()
        assert hashlib.sha256(isi).hexdigest() == info["sha256"]
        assert isi.decode("utf-8").count("\n") >= info["baris"] + 1
    baris = (tmp_path / "realisasi_2025.csv").read_text().splitlines()
    assert baris[0] == "kode_opd,kode_sub_kegiatan,kode_sumber_dana,kode_jenis_belanja,bulan,realisasi"
    assert "30000.03" in (tmp_path / "realisasi_2025.csv").read_text()  # plain number, a dot
    assert "pengguna.csv" not in m["berkas"]
    assert "password" not in (tmp_path / "riwayat_laporan.csv").read_text()
    # the realisasi file is what `siap impor realisasi` reads: importing it changes nothing
    from exchange.impor_realisasi import impor_realisasi

    r = impor_realisasi(tmp_path / "realisasi_2025.csv", tahun=2025, dry_run=True)
    assert not r.ada_perubahan


def test_users_are_matched_by_username_or_created_inactive_with_a_warning(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    _kosongkan()
    User.objects.filter(username="verif").delete()
    hasil = semua.impor_semua(tmp_path)
    [p] = hasil.peringatan
    assert "verif" in p and "nonaktif" in p
    v = User.objects.get(username="verif")
    assert not v.is_active and not v.has_usable_password()
    assert RiwayatLaporan.objects.filter(oleh=v).count() == 4


def test_dengan_pengguna_exports_roles_and_opd_without_password_hashes(data, tmp_path):
    semua.ekspor_semua(tmp_path, dengan_pengguna=True)
    teks = (tmp_path / "pengguna.csv").read_text()
    assert "op.dinkes" in teks and "1.02.0.00.0.00.01.0000" in teks
    assert "pbkdf2" not in teks and "argon2" not in teks
    _kosongkan()
    User.objects.all().delete()
    hasil = semua.impor_semua(tmp_path)
    op = User.objects.get(username="op.dinkes")
    assert op.peran == Peran.OPERATOR and not op.has_usable_password() and op.is_active
    assert op.opd.get().kode == "1.02.0.00.0.00.01.0000"
    assert User.objects.get(username="verif").peran == Peran.VERIFIKATOR
    assert "tanpa kata sandi" in hasil.peringatan[0]


def test_a_non_empty_database_is_refused_unless_ganti(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    sebelum = isi_tabel()
    RealisasiKeuangan.objects.filter(bulan=1).delete()
    with pytest.raises(semua.SemuaGagal, match="Basis data tidak kosong.*--ganti"):
        semua.impor_semua(tmp_path)
    assert isi_tabel() != sebelum
    semua.impor_semua(tmp_path, ganti=True)
    assert isi_tabel() == sebelum
    assert RealisasiKeuangan.history.count() == 0  # the replaced audit trail went too
    # the users stay, and keep their OPD (matched by code)
    assert User.objects.get(username="op.dinkes").opd.get().kode == "1.02.0.00.0.00.01.0000"


def test_a_corrupted_file_is_refused_before_anything_is_written(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    _kosongkan()
    p = tmp_path / "realisasi_2025.csv"
    p.write_text(p.read_text().replace("30000.03", "30000.04"))
    with pytest.raises(semua.SemuaGagal, match="realisasi_2025.csv: checksum sha256 tidak cocok"):
        semua.impor_semua(tmp_path)
    assert not semua.isi_ada()


def test_drafts_round_trip_and_an_export_made_before_drafts_still_restores(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    assert (tmp_path / "isian_realisasi.csv").read_text().count("\n") == 5  # 2 a year
    _kosongkan()
    semua.impor_semua(tmp_path)
    assert sorted(IsianRealisasi.objects.values_list("jumlah", flat=True), key=str) == [
        Decimal("12.34"), Decimal("12.34"), None, None]
    # An export of a SIAP that had no draft tables yet has no such files: it restores.
    mpath = tmp_path / "manifest.json"
    m = json.loads(mpath.read_text())
    for nama in ("isian_realisasi.csv", "isian_fisik.csv"):
        (tmp_path / nama).unlink()
        del m["berkas"][nama]
    mpath.write_text(json.dumps(m))
    _kosongkan()
    hasil = semua.impor_semua(tmp_path)
    assert hasil.peringatan == [] and not IsianRealisasi.objects.exists()
    assert LaporanBulanan.objects.filter(status="draft").count() == 2  # one a year


def test_unknown_format_version_and_missing_files_are_refused(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    _kosongkan()
    mpath = tmp_path / "manifest.json"
    m = json.loads(mpath.read_text())
    (tmp_path / "urusan.csv").unlink()
    with pytest.raises(semua.SemuaGagal, match="urusan.csv tercantum di manifest.json tetapi"):
        semua.impor_semua(tmp_path)
    mpath.write_text(json.dumps({**m, "versi_format": 2}))
    with pytest.raises(semua.SemuaGagal, match="versi format 2 tidak didukung"):
        semua.impor_semua(tmp_path)
    with pytest.raises(semua.SemuaGagal, match="manifest.json tidak ada"):
        semua.impor_semua(tmp_path / "tidak-ada")


def _ubah(d, nama, lama, baru):
    """Edit a file and re-sign the manifest, as a careless hand edit would."""
    p = d / nama
    teks = p.read_text()
    assert lama in teks
    p.write_text(teks.replace(lama, baru, 1))
    mp = d / "manifest.json"
    m = json.loads(mp.read_text())
    m["berkas"][nama]["sha256"] = hashlib.sha256(p.read_bytes()).hexdigest()
    mp.write_text(json.dumps(m))


def test_a_bad_row_rolls_everything_back_and_names_file_row_column_value(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    _kosongkan()
    _ubah(tmp_path, "realisasi_2025.csv", ",30000.03\n", ",-30000.03\n")
    with pytest.raises(semua.SemuaGagal) as e:
        semua.impor_semua(tmp_path)
    [pesan] = e.value.pesan
    assert pesan.startswith("Berkas realisasi_2025.csv, baris ")
    assert "kolom realisasi, nilai '-30000.03': negatif" in pesan
    # the masters, versions and anggaran written before the bad file were rolled back
    assert not semua.isi_ada()


def test_an_unknown_reference_and_a_bad_choice_are_named(data, tmp_path):
    semua.ekspor_semua(tmp_path)
    _kosongkan()
    _ubah(tmp_path, "laporan_bulanan.csv", ",diverifikasi,", ",disetujui,")
    _ubah(tmp_path, "permasalahan.csv", "1.02.0.00.0.00.01.0000", "9.99.0.00.0.00.01.0000")
    with pytest.raises(semua.SemuaGagal, match=r"laporan_bulanan.csv, baris \d+, kolom status, "
                                               r"nilai 'disetujui': bukan salah satu dari"):
        semua.impor_semua(tmp_path)
    _ubah(tmp_path, "laporan_bulanan.csv", ",disetujui,", ",diverifikasi,")
    with pytest.raises(semua.SemuaGagal, match=r"permasalahan.csv, baris 2, kolom kode_opd, "
                                               r"nilai '9.99.0.00.0.00.01.0000': tidak ada"):
        semua.impor_semua(tmp_path)
    assert not semua.isi_ada()


def test_the_commands(data, tmp_path, capsys):
    sebelum = rekap_semua()
    main(["siap", "ekspor-semua", str(tmp_path / "x")])
    assert "ditulis ke" in capsys.readouterr().out
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("ekspor-semua".replace("-", "_"), str(tmp_path / "x"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Pemulihan ditolak"):
        call_command("impor_semua", str(tmp_path / "x"), stderr=err)
    assert "Basis data tidak kosong" in err.getvalue()
    TargetFisik.objects.all().delete()
    main(["siap", "impor-semua", str(tmp_path / "x"), "--ganti"])
    out = capsys.readouterr().out
    assert "target_fisik: 20 baris" in out and "Pemulihan selesai." in out
    assert rekap_semua() == sebelum


def test_the_demo_round_trips_to_the_sen(tmp_path):
    from demo.laporan import muat_laporan_demo
    from demo.load import muat_demo

    hari_ini = datetime.date(2026, 12, 6)
    muat_demo(hari_ini=hari_ini)
    muat_laporan_demo(hari_ini)
    sebelum_rekap = rekap_semua()
    sebelum_n = {m._meta.label: m.objects.count() for m in semua.DIEKSPOR}
    assert json.loads(sebelum_rekap[2025, 11])["realisasi"] == "839535848290.34"
    semua.ekspor_semua(tmp_path / "a")
    _kosongkan()
    semua.impor_semua(tmp_path / "a")
    assert rekap_semua() == sebelum_rekap
    assert {m._meta.label: m.objects.count() for m in semua.DIEKSPOR} == sebelum_n
    semua.ekspor_semua(tmp_path / "b")  # every table's content, byte for byte
    assert _berkas(tmp_path / "a") == _berkas(tmp_path / "b")
    assert LaporanBulanan.objects.filter(status="diverifikasi").exists()
