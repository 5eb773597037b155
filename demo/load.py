"""Storing the demo: into an empty database only, all or nothing, with bulk inserts.

The numbers come from ``generator.buat_demo`` (no database) for the day the demo is loaded
(by default today, in Asia/Jakarta); here they are written in one ``transaction.atomic()``
with a few bulk statements per table, whatever the number of rows.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from accounts.models import tanpa_jaga_admin_terakhir
from budget.models import (
    BULAN_AK,
    BidangUrusan,
    JenisBelanja,
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

from .akun import AKUN_DEMO, PASSWORD_DEMO
from .generator import DataDemo, TahunDemo, buat_demo
from .master import JENIS_BELANJA, PEMDA, SUMBER_DANA
from .rencana import TAHUN_PERTAMA

BATCH = 2000
BATCH_SISIP = 50_000
SALT_DEMO = "SiapDemoLampungBarat25"  # 22 characters: as strong as Django's own salts
BERGABUNG = datetime.datetime(2023, 1, 2, 8, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


class DemoError(Exception):
    """Why the demo cannot be loaded, in Indonesian, for the user."""


@dataclass
class Ringkasan:
    opd: int = 0
    sub_kegiatan: int = 0
    rincian: dict[int, int] = field(default_factory=dict)  # tahun -> lines
    realisasi: int = 0  # monthly realisasi rows
    fisik: int = 0  # target and realisasi fisik rows
    hari_ini: datetime.date | None = None  # the day the demo stands on


def _tulis(stdout, teks: str) -> None:
    if stdout is not None:
        stdout.write(teks + "\n")


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _rp(sen: int) -> Decimal:
    return Decimal(sen).scaleb(-2)


def isi_basis_data() -> dict[str, int]:
    """What the database already holds that the demo would collide with (non-zero only)."""
    User = get_user_model()
    jumlah = {
        "pemda": Pemda.objects.count(),
        "perangkat daerah": PerangkatDaerah.objects.count(),
        "tahun anggaran": TahunAnggaran.objects.count(),
        "urusan": Urusan.objects.count(),
        "sumber dana": SumberDana.objects.count(),
        "jenis belanja": JenisBelanja.objects.count(),
        "akun demo": User.objects.filter(username__in=[a.username for a in AKUN_DEMO]).count(),
    }
    return {k: v for k, v in jumlah.items() if v}


def muat_demo(stdout=None, skala: int = 1, ganti: bool = False,
              hari_ini: datetime.date | None = None,
              tahun: Collection[int] | None = None) -> Ringkasan:
    """Load the Lampung Barat demo as it stands on ``hari_ini`` (default: today in
    Asia/Jakarta); ``tahun`` loads only some of its years (tests). Refuses (``DemoError``) a
    database that already holds data unless ``ganti``, which first deletes the existing demo
    data — never official data."""
    hari_ini = hari_ini or timezone.localdate()
    if hari_ini.year < TAHUN_PERTAMA:
        raise DemoError(f"Data demo dibuat untuk tanggal 1 Januari {TAHUN_PERTAMA} atau "
                        f"sesudahnya, bukan {hari_ini.isoformat()}.")
    with transaction.atomic():
        isi = isi_basis_data()
        if isi:
            if not ganti:
                rincian = ", ".join(f"{k}: {_ribuan(v)}" for k, v in isi.items())
                raise DemoError(
                    f"Basis data tidak kosong ({rincian}). Data demo hanya dimuat ke basis "
                    "data kosong; jalankan `siap demo-data --ganti` untuk menghapus data demo "
                    "yang ada lalu memuatnya ulang."
                )
            resmi = Pemda.objects.filter(data_sintetis=False).first()
            if resmi is not None:
                raise DemoError(
                    f"Basis data berisi data {resmi.nama} yang tidak bertanda data sintetis; "
                    "--ganti hanya mengganti data demo dan tidak menghapus data resmi."
                )
            _tulis(stdout, "Menghapus data demo yang ada…")
            hapus_demo()
        ringkasan = _simpan(buat_demo(hari_ini, skala=skala, tahun=tahun), stdout)
    ringkasan.hari_ini = hari_ini
    return ringkasan


def _simpan(data: DataDemo, stdout) -> Ringkasan:
    ringkasan = Ringkasan(opd=len(data.opd), sub_kegiatan=len(data.nomenklatur.sub))
    Pemda.objects.create(**PEMDA)
    sd = {s.kode: s for s in SumberDana.objects.bulk_create(
        [SumberDana(kode=k, nama=n, urutan=u) for k, n, u in SUMBER_DANA])}
    jb = {j.kode: j for j in JenisBelanja.objects.bulk_create(
        [JenisBelanja(kode=k, nama=n, kelompok=g) for k, n, g in JENIS_BELANJA])}
    sub = _simpan_nomenklatur(data)
    opd = _simpan_opd(data)
    _tulis(stdout, f"Master: {len(opd)} perangkat daerah, {_ribuan(len(sub))} sub kegiatan.")
    for t in data.tahun:
        ringkasan.rincian[t.rencana.tahun] = len(t.baris)
        r, f = _simpan_tahun(t, opd, sub, sd, jb)
        ringkasan.realisasi += r
        ringkasan.fisik += f
        _tulis(stdout, f"Tahun {t.rencana.tahun}: {_ribuan(len(t.baris))} rincian anggaran, "
                       f"{len(t.rencana.versi)} versi, {_ribuan(r)} realisasi bulanan.")
    _simpan_akun(opd)
    return ringkasan


def _simpan_nomenklatur(data: DataDemo) -> dict[str, SubKegiatan]:
    nom = data.nomenklatur
    urusan = {u.kode: u for u in Urusan.objects.bulk_create(
        [Urusan(kode=k, nama=n) for k, n in sorted(nom.urusan.items())])}
    bidang = {b.kode: b for b in BidangUrusan.objects.bulk_create(
        [BidangUrusan(kode=k, nama=n, urusan=urusan[k[0]]) for k, n in sorted(nom.bidang.items())])}
    program = {p.kode: p for p in Program.objects.bulk_create(
        [Program(kode=k, nama=n, bidang=bidang[k[:4]]) for k, n in sorted(nom.program.items())])}
    kegiatan = {k.kode: k for k in Kegiatan.objects.bulk_create(
        [Kegiatan(kode=k, nama=n, program=program[k[:7]])
         for k, n in sorted(nom.kegiatan.items())], batch_size=BATCH)}
    return {s.kode: s for s in SubKegiatan.objects.bulk_create(
        [SubKegiatan(kode=s.kode, nama=s.nama, kegiatan=kegiatan[s.kegiatan])
         for s in sorted(nom.sub.values(), key=lambda s: s.kode)], batch_size=BATCH)}


def _simpan_opd(data: DataDemo) -> dict[str, PerangkatDaerah]:
    opd: dict[str, PerangkatDaerah] = {}
    # Parents first, so each UPTD can point at its dinas.
    for tingkat in (False, True):
        baru = PerangkatDaerah.objects.bulk_create([
            PerangkatDaerah(kode=o.kode, nama=o.nama, singkatan=o.singkatan, jenis=o.jenis,
                            induk=opd[o.induk] if o.induk else None)
            for o in data.opd if (o.induk is not None) == tingkat
        ], batch_size=BATCH)
        opd.update({o.kode: o for o in baru})
    return opd


def _simpan_tahun(t: TahunDemo, opd, sub, sd, jb) -> tuple[int, int]:
    ta = TahunAnggaran.objects.create(tahun=t.rencana.tahun)
    versi = {v.kunci: VersiAnggaran(tahun=ta, jenis=v.jenis, nama=v.nama,
                                    berlaku_mulai=v.berlaku, dasar_hukum=v.dasar_hukum)
             for v in t.rencana.versi}
    VersiAnggaran.objects.bulk_create(versi.values())
    kunci = [(opd[b.opd].pk, sub[b.sub].pk, sd[b.sumber_dana].pk, jb[b.jenis_belanja].pk)
             for b in t.baris]
    _sisipkan(RincianAnggaran, ["tahun_id", "opd_id", "sub_kegiatan_id", "sumber_dana_id",
                                "jenis_belanja_id"], ((ta.pk, *k) for k in kunci))
    id_rincian = {
        tuple(k): i for i, *k in RincianAnggaran.objects.filter(tahun=ta).values_list(
            "id", "opd_id", "sub_kegiatan_id", "sumber_dana_id", "jenis_belanja_id")
    }
    rincian = [id_rincian[k] for k in kunci]
    _sisipkan(PaguAnggaran, ["versi_id", "rincian_id", "pagu", *BULAN_AK], (
        (versi[k].pk, r, _rp(p), *(_rp(x) for x in b.ak[k]))
        for b, r in zip(t.baris, rincian, strict=True) for k, p in b.pagu.items()
    ))
    realisasi = _sisipkan(RealisasiKeuangan, ["rincian_id", "bulan", "jumlah"], (
        (r, bulan, _rp(x))
        for b, r in zip(t.baris, rincian, strict=True)
        for bulan, x in enumerate(b.realisasi, start=1) if x  # no SP2D, no row
    ))
    fisik = 0
    for model, kolom in ((TargetFisik, "target"), (RealisasiFisik, "realisasi")):
        fisik += _sisipkan(model, ["tahun_id", "opd_id", "sub_kegiatan_id", "bulan", "persen"], (
            (ta.pk, opd[f.opd].pk, sub[f.sub].pk, bulan, _rp(p))
            for f in t.fisik for bulan, p in enumerate(getattr(f, kolom), start=1)
        ))
    return realisasi, fisik


def _sisipkan(model, kolom: list[str], rows) -> int:
    """Insert plain rows into ``model``'s table; returns how many. The demo's large tables
    (100x: millions of rows) go in without building a model instance per row: COPY on
    PostgreSQL, ``executemany`` elsewhere. No model logic runs on insert (nor did it with
    ``bulk_create``): the rows are checked by the database constraints."""
    q = connection.ops.quote_name
    tabel = q(model._meta.db_table)
    daftar = ", ".join(q(k) for k in kolom)
    n = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabel} ({daftar}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
            return n
        sql = f"INSERT INTO {tabel} ({daftar}) VALUES ({', '.join(['%s'] * len(kolom))})"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_SISIP:
                cursor.executemany(sql, batch)
                n += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            n += len(batch)
    return n


def _simpan_akun(opd: dict[str, PerangkatDaerah]) -> None:
    User = get_user_model()
    # The password is public and the same for every demo account: hash it once (each hash
    # costs a deliberate fraction of a second), with a fixed salt and a fixed join date so
    # that two loads give identical rows.
    sandi = make_password(PASSWORD_DEMO, salt=SALT_DEMO)
    for a in AKUN_DEMO:
        u = User.objects.create(username=a.username, peran=a.peran, jabatan=a.jabatan,
                                password=sandi, is_staff=a.admin, is_superuser=a.admin,
                                date_joined=BERGABUNG)
        u.opd.set([opd[k] for k in a.opd if k in opd])


def hapus_demo() -> None:
    """Delete the demo: the budget data, the pemda, the demo accounts, and whatever refers to
    them (e.g. monthly reports about demo OPD). Used by ``--ganti`` and by tests."""
    User = get_user_model()
    with transaction.atomic(), tanpa_jaga_admin_terakhir():
        riwayat = [m for m in apps.get_app_config("budget").get_models()
                   if m._meta.model_name.startswith("historical")]
        for model in (RealisasiKeuangan, RealisasiFisik, TargetFisik, PaguAnggaran, *riwayat):
            _kosongkan(model)
        for qs in (
            RincianAnggaran.objects.all(), VersiAnggaran.objects.all(),
            TahunAnggaran.objects.all(), SubKegiatan.objects.all(), Kegiatan.objects.all(),
            Program.objects.all(), BidangUrusan.objects.all(), Urusan.objects.all(),
            SumberDana.objects.all(), JenisBelanja.objects.all(),
            PerangkatDaerah.objects.filter(induk__isnull=False), PerangkatDaerah.objects.all(),
            Pemda.objects.all(), User.objects.filter(username__in=[a.username for a in AKUN_DEMO]),
        ):
            _hapus(qs)


def _kosongkan(model) -> None:
    """Empty a large table with one DELETE: no per-row signals (the audit history would
    otherwise write a row for every deleted realisasi). Only for tables nothing refers to."""
    if model._meta.related_objects:
        _hapus(model._default_manager.all())
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _hapus(qs, percobaan: int = 10) -> None:
    """Delete ``qs``; rows of other apps that protect it (PROTECT/RESTRICT) are demo data
    too, so they go first."""
    try:
        qs.delete()
    except (ProtectedError, RestrictedError) as exc:
        if percobaan == 0:
            raise DemoError(f"Data demo tidak dapat dihapus: {exc.args[0]}") from exc
        penghalang = getattr(exc, "protected_objects", None) or exc.restricted_objects
        per_model = defaultdict(list)
        for obj in penghalang:
            per_model[type(obj)].append(obj.pk)
        for model, pks in per_model.items():
            _hapus(model._default_manager.filter(pk__in=pks), percobaan - 1)
        _hapus(qs, percobaan - 1)
