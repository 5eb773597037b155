"""Restoring a whole instance from a directory written by ``semua_ekspor.ekspor_semua``:
the manifest checked first, then every table in one transaction, in batches."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from budget.models import (
    BULAN_AK,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiFisik,
    RealisasiKeuangan,
    TargetFisik,
)

from .semua_baca import Pembaca, PetaKunci, baca_manifest
from .semua_draf import TABEL_DRAF
from .semua_tabel import (  # the tables and their columns, shared with the export
    BATCH,
    DIKECUALIKAN,
    KOLOM_PENGGUNA,
    REF_OPD,
    REF_SUB,
    TABEL_LAPORAN,
    TABEL_MASTER,
    URUTAN_HAPUS,
    Kolom,
    Ref,
    SemuaGagal,
    Tabel,
)
from .umum import KODE_RINCIAN, KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI


@dataclass
class HasilImpor:
    jumlah: dict[str, int] = field(default_factory=dict)  # table -> rows written
    peringatan: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _tanpa_auto_now(*models):
    """Keep the exported timestamps: auto_now fields would otherwise be set to now."""
    medan = [f for m in models for f in m._meta.concrete_fields if getattr(f, "auto_now", False)]
    for f in medan:
        f.auto_now = False
    try:
        yield
    finally:
        for f in medan:
            f.auto_now = True


def _pilihan(model, medan: str):
    f = model._meta.get_field(medan)
    return [str(k) for k, _ in f.choices] if f.choices else None


def _impor_tabel(direktori: Path, info: dict, t: Tabel, peta: PetaKunci) -> int:
    p = Pembaca(direktori, f"{t.nama}.csv", t.kolom, info["baris"])
    objek, tunda = [], []
    diri = [x for x in t.isi if isinstance(x, Ref) and x.peta == t.peta]  # self reference
    pilihan = {x.medan: _pilihan(t.model, x.medan) for x in t.isi
               if isinstance(x, Kolom) and x.jenis == "teks"}
    for b in p:
        isi = {}
        for x in t.isi:
            if isinstance(x, Kolom):
                isi[x.medan] = p.nilai(x.nama, b[x.nama], x.jenis, x.null, pilihan.get(x.medan))
            elif x in diri:
                tunda.append((p.nomor, b, x))
            else:
                isi[x.medan] = peta.cari(p, x, b)
        objek.append(t.model(**isi))
    p.selesai()
    t.model._default_manager.bulk_create(objek, batch_size=BATCH)
    if t.peta:
        peta.muat(t.peta)
    if tunda:  # a row may refer to one further down the file: set those after inserting
        ubah = {}
        for nomor, b, x in tunda:
            p.nomor = nomor
            induk = peta.cari(p, x, b)
            if induk is not None:
                ubah[peta.peta[t.peta][(b["kode"],)]] = induk
        p.selesai()
        diubah = list(t.model._default_manager.filter(pk__in=ubah))
        for o in diubah:
            setattr(o, diri[0].medan, ubah[o.pk])
        t.model._default_manager.bulk_update(diubah, [diri[0].medan], batch_size=BATCH)
    return len(objek)


def _impor_anggaran(direktori: Path, nama: str, info: dict, peta: PetaKunci) -> int:
    p = Pembaca(direktori, nama, KOLOM_ANGGARAN, info["baris"])
    tahun = str(info.get("tahun"))
    versi = peta.peta["versi"].get((tahun, str(info.get("berlaku_mulai"))))
    if versi is None:
        raise SemuaGagal(f"Berkas {nama}: versi anggaran tahun {tahun} berlaku "
                         f"{info.get('berlaku_mulai')} tidak ada di versi_anggaran.csv.")
    rincian = peta.peta["rincian"]
    objek = []
    for b in p:
        kunci = (tahun, *(b[k] for k in KODE_RINCIAN))
        rid = rincian.get(kunci)
        if rid is None:
            p.salah(", ".join(KODE_RINCIAN), " · ".join(kunci[1:]),
                    f"rincian anggaran ini tidak ada di rincian_anggaran.csv tahun {tahun}")
        jumlah = [p.nilai(k, b[k], "dec") for k in ("pagu", *BULAN_AK)]
        if None in jumlah:
            continue
        if sum(jumlah[1:]) != jumlah[0]:
            p.salah("ak_01–ak_12", f"{sum(jumlah[1:]):f}",
                    f"jumlah anggaran kas tidak sama dengan pagu {jumlah[0]:f}")
        objek.append(PaguAnggaran(versi_id=versi, rincian_id=rid,
                                  **dict(zip(("pagu", *BULAN_AK), jumlah, strict=True))))
    p.selesai()
    PaguAnggaran.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _impor_realisasi(direktori: Path, nama: str, info: dict, peta: PetaKunci) -> int:
    p = Pembaca(direktori, nama, KOLOM_REALISASI, info["baris"])
    tahun = str(info.get("tahun"))
    rincian = peta.peta["rincian"]
    objek = []
    for b in p:
        kunci = (tahun, *(b[k] for k in KODE_RINCIAN))
        rid = rincian.get(kunci)
        if rid is None:
            p.salah(", ".join(KODE_RINCIAN), " · ".join(kunci[1:]),
                    f"rincian anggaran ini tidak ada di rincian_anggaran.csv tahun {tahun}")
        objek.append(RealisasiKeuangan(rincian_id=rid, bulan=p.nilai("bulan", b["bulan"], "bulan"),
                                       jumlah=p.nilai("realisasi", b["realisasi"], "dec")))
    p.selesai()
    RealisasiKeuangan.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _impor_fisik(direktori: Path, nama: str, info: dict, peta: PetaKunci, model) -> int:
    p = Pembaca(direktori, nama, KOLOM_FISIK, info["baris"])
    tahun = peta.peta["tahun"].get((str(info.get("tahun")),))
    if tahun is None:
        raise SemuaGagal(f"Berkas {nama}: tahun {info.get('tahun')} tidak ada di "
                         "tahun_anggaran.csv.")
    objek = []
    for b in p:
        opd = peta.cari(p, REF_OPD, b)
        sub = peta.cari(p, REF_SUB, b)
        objek.append(model(tahun_id=tahun, opd_id=opd, sub_kegiatan_id=sub,
                           bulan=p.nilai("bulan", b["bulan"], "bulan"),
                           persen=p.nilai("fisik", b["fisik"], "persen")))
    p.selesai()
    model.objects.bulk_create(objek, batch_size=BATCH)
    return len(objek)


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def isi_ada() -> dict[str, int]:
    """Tables of the instance that hold rows (what a restore would replace)."""
    hasil = {}
    for label in URUTAN_HAPUS:
        m = _model(label)
        if (not m._meta.model_name.startswith("historical") and label not in DIKECUALIKAN
                and m._default_manager.exists()):
            hasil[str(m._meta.verbose_name_plural)] = m._default_manager.count()
    return hasil


def kosongkan() -> None:
    """Delete every exported table and the audit history of the replaced data, children first
    (one DELETE per table, no per-row signals). Call inside a transaction."""
    PerangkatDaerah.objects.filter(induk__isnull=False).update(induk=None)
    User = get_user_model()  # noqa: N806
    User.opd.through.objects.all()._raw_delete(connection.alias)
    for label in URUTAN_HAPUS:
        m = _model(label)
        m._default_manager.all()._raw_delete(connection.alias)


def _pengguna_dirujuk(direktori: Path, manifest: dict) -> set[str]:
    nama = set()
    for t in TABEL_LAPORAN:
        if any(isinstance(x, Ref) and x.peta == "pengguna" for x in t.isi):
            info = manifest["berkas"][f"{t.nama}.csv"]
            p = Pembaca(direktori, f"{t.nama}.csv", t.kolom, info["baris"])
            nama.update(b["oleh"] for b in p)
            p.selesai()
    return nama


def _impor_pengguna(direktori: Path, info: dict, peta: PetaKunci, hasil: HasilImpor) -> None:
    from accounts.models import Peran

    User = get_user_model()  # noqa: N806
    p = Pembaca(direktori, "pengguna.csv", KOLOM_PENGGUNA, info["baris"])
    ada = set(User.objects.values_list("username", flat=True))
    baru, opd = [], []
    for b in p:
        if b["peran"] not in Peran.values:
            p.salah("peran", b["peran"], f"bukan salah satu dari {', '.join(Peran.values)}")
        for kode in filter(None, b["kode_opd"].split(";")):
            pk = peta.peta["opd"].get((kode,))
            if pk is None:
                p.salah("kode_opd", kode, "perangkat daerah tidak dikenal")
            opd.append((b["username"], pk))
        if b["username"] in ada:
            continue
        u = User(username=b["username"], first_name=b["nama_depan"], last_name=b["nama_belakang"],
                 email=b["email"], peran=b["peran"], jabatan=b["jabatan"],
                 is_active=p.nilai("aktif", b["aktif"], "bool"),
                 is_staff=p.nilai("staf", b["staf"], "bool"),
                 is_superuser=p.nilai("superuser", b["superuser"], "bool"))
        u.set_unusable_password()
        baru.append(u)
    p.selesai()
    User.objects.bulk_create(baru, batch_size=BATCH)
    if baru:
        hasil.peringatan.append(f"{len(baru)} pengguna dibuat tanpa kata sandi (atur kata sandinya "
                                "di /admin/): " + ", ".join(sorted(u.username for u in baru)))
    hasil.jumlah["pengguna"] = len(baru)
    peta.muat_pengguna()
    _tautkan_opd(opd, peta)


def _tautkan_opd(pasangan: list[tuple[str, int]], peta: PetaKunci) -> None:
    through = get_user_model().opd.through
    ada = set(through.objects.values_list("user_id", "perangkatdaerah_id"))
    baru = {(peta.peta["pengguna"][(u,)], o) for u, o in pasangan
            if (u,) in peta.peta["pengguna"] and o is not None}
    through.objects.bulk_create([through(user_id=u, perangkatdaerah_id=o) for u, o in baru - ada],
                                batch_size=BATCH)


def impor_semua(direktori, *, ganti: bool = False) -> HasilImpor:
    direktori = Path(direktori)
    manifest = baca_manifest(direktori)
    berkas = manifest["berkas"]
    hasil = HasilImpor()
    with transaction.atomic():
        isi = isi_ada()
        tautan_lama: list[tuple[str, str]] = []
        if isi:
            if not ganti:
                rincian = ", ".join(f"{k}: {v}" for k, v in isi.items())
                raise SemuaGagal(f"Basis data tidak kosong ({rincian}). Pemulihan hanya ke basis "
                                 "data kosong; pakai --ganti untuk menghapus SELURUH data "
                                 "anggaran dan laporan yang ada lalu menggantinya.")
            User = get_user_model()  # noqa: N806
            tautan_lama = list(User.opd.through.objects.values_list(
                "user__username", "perangkatdaerah__kode"))
            kosongkan()
        peta = PetaKunci()
        for t in TABEL_MASTER:
            hasil.jumlah[t.nama] = _impor_tabel(direktori, berkas[f"{t.nama}.csv"], t, peta)
        per_jenis = defaultdict(list)
        for nama, info in berkas.items():
            per_jenis[info.get("tabel")].append((nama, info))
        for jenis, fungsi in (
            ("anggaran", _impor_anggaran), ("realisasi", _impor_realisasi),
            ("fisik", lambda d, n, i, pt: _impor_fisik(d, n, i, pt, RealisasiFisik)),
            ("target_fisik", lambda d, n, i, pt: _impor_fisik(d, n, i, pt, TargetFisik)),
        ):
            hasil.jumlah[jenis] = sum(fungsi(direktori, nama, info, peta)
                                      for nama, info in sorted(per_jenis[jenis]))
        # Users: from pengguna.csv if exported with them; the others referenced by reports are
        # matched by username, or created inactive without a password.
        peta.muat_pengguna()
        if "pengguna.csv" in berkas:
            _impor_pengguna(direktori, berkas["pengguna.csv"], peta, hasil)
        hilang = sorted(u for u in _pengguna_dirujuk(direktori, manifest)
                        if (u,) not in peta.peta["pengguna"])
        if hilang:
            User = get_user_model()  # noqa: N806
            baru = [User(username=u, is_active=False) for u in hilang]
            for u in baru:
                u.set_unusable_password()
            User.objects.bulk_create(baru)
            peta.muat_pengguna()
            hasil.peringatan.append(
                f"{len(hilang)} pengguna yang tercatat di laporan tidak ada di SIAP ini; dibuat "
                f"sebagai akun nonaktif tanpa kata sandi: {', '.join(hilang)}")
        with _tanpa_auto_now(*(t.model for t in TABEL_LAPORAN)):
            for t in TABEL_LAPORAN:
                hasil.jumlah[t.nama] = _impor_tabel(direktori, berkas[f"{t.nama}.csv"], t, peta)
        for t in TABEL_DRAF:  # absent from exports made before drafts were kept apart
            if f"{t.nama}.csv" in berkas:
                hasil.jumlah[t.nama] = _impor_tabel(direktori, berkas[f"{t.nama}.csv"], t, peta)
        if tautan_lama:
            _tautkan_opd([(u, peta.peta["opd"].get((k,))) for u, k in tautan_lama], peta)
    return hasil
