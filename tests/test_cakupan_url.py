"""The scoping guarantee (DESIGN.md: an operator must never see or change another OPD's data,
whatever URL they try), checked over EVERY URL of the project.

The URL patterns are enumerated from the resolver, so a new view is covered the day it is
added: its name must be entered in ``REGISTRI`` below — how to build its arguments from the
sample data and what it shows — or this suite fails and says so. For every URL:

(a) an anonymous GET is sent to the login page;
(b) a URL built from OPD B's objects answers operator A with 404 or 403, on GET and on POST,
    and nothing in the database changes; a page that lists OPD (dashboard, report list,
    matrix) answers 200 without a trace of OPD B;
(c) the URL is right: whoever may use it (B's operator, or the verifier) is not refused — so
    a 404 in (b) means "scoped", not "wrong arguments".

Not covered here: the Django admin (staff only, tested separately), the login page, logout
and static files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from api.models import TokenAPI
from budget import testing as t
from kinerja.akses import grup_bappeda
from kinerja.models import IndikatorKinerja, IndikatorPemda
from reporting import services
from reporting.models import KategoriPermasalahan, LaporanBulanan, Permasalahan, StatusLaporan
from tugas.layanan import simpan_berkas
from tugas.models import JenisTugas, StatusTugas, Tugas

LEWATI_NAMA = {"login", "logout"}
# "api/": token-authenticated (401, not a login redirect); api/tests/test_cakupan_api.py makes the
# same three checks for every operation enumerated from the OpenAPI schema, and for /api/docs.
LEWATI_AWALAN = ("admin/", settings.STATIC_URL.lstrip("/"), "api/")

MILIK_OPD = "milik_opd"  # shows or changes one OPD's data: another OPD's operator gets 404/403
DAFTAR = "daftar"  # lists OPD: 200 for everyone, each operator seeing only their own OPD
AKUN = "akun"  # the user's own account, no OPD data: 200, and still no trace of another OPD


@dataclass(frozen=True)
class Sampel:
    opd_a: object
    opd_b: object
    rincian_b: object
    laporan_b: object  # February, submitted: what a verifier decides on
    draf_b: object  # March, draft: what an operator fills
    masalah_b: object
    operator_a: User
    operator_b: User
    verifikator: User
    admin: User | None = None  # peran Admin: the user-management pages (akun:pengguna_*)
    token_b: object = None  # operator B's API token
    tugas_b: object = None  # operator B's finished background job, with its file
    bappeda: User | None = None  # group Bappeda: the pemda's outcome indicators (kinerja)
    indikator_b: object = None  # an indikator kinerja of OPD B
    indikator_pemda: object = None


@dataclass(frozen=True)
class Pola:
    """How to build a URL from the sample data, what it is, and who may use it."""

    kwargs: Callable[[Sampel], dict]
    jenis: str
    post: Callable[[Sampel], dict] = field(default=lambda s: {})
    # POST-only views answer a GET with 405 before looking anything up, which reveals nothing;
    # their POST is what must be refused.
    hanya_post: bool = False
    kontrol: str = "operator_b"  # the user who may use this URL
    kontrol_post: bool = False  # … checked by POST (POST-only views)


def _pemetaan_unit(s: Sampel):
    from exchange.sipd.models import PemetaanUnitSipd

    return PemetaanUnitSipd.objects.get_or_create(kode="1.03.0.00.0.00.01.0001",
                                                  defaults={"opd": s.opd_b})[0]


def _formulir(s: Sampel) -> dict:
    return {"opd_id": s.opd_b.pk, "tahun": 2025, "bulan": 3}


REGISTRI: dict[str, Pola] = {
    "akun:kata_sandi": Pola(lambda s: {}, AKUN),
    "akun:sesi": Pola(lambda s: {}, AKUN),
    "akun:dua_langkah": Pola(lambda s: {}, AKUN),
    "akun:dua_langkah_daftar": Pola(lambda s: {}, AKUN),
    # user management: admins only, every operator (and verifier) is refused
    "akun:pengguna_daftar": Pola(lambda s: {}, MILIK_OPD, kontrol="admin"),
    "akun:pengguna_tambah": Pola(
        lambda s: {}, MILIK_OPD, kontrol="admin",
        post=lambda s: {"username": "penyusup", "nama_lengkap": "X", "peran": "admin"}),
    "akun:pengguna_rinci": Pola(lambda s: {"pk": s.operator_b.pk}, MILIK_OPD, kontrol="admin"),
    "akun:pengguna_ubah": Pola(
        lambda s: {"pk": s.operator_b.pk}, MILIK_OPD, kontrol="admin",
        post=lambda s: {"nama_lengkap": "X", "peran": "operator", "opd": [s.opd_a.pk],
                        "is_active": "on"}),
    "akun:pengguna_atur_ulang_sandi": Pola(lambda s: {"pk": s.operator_b.pk}, MILIK_OPD,
                                           hanya_post=True, kontrol="admin", kontrol_post=True),
    "akun:pengguna_atur_ulang_dua_langkah": Pola(lambda s: {"pk": s.operator_b.pk}, MILIK_OPD,
                                                 hanya_post=True, kontrol="admin",
                                                 kontrol_post=True),
    "akun:pengguna_buka_kunci": Pola(lambda s: {"pk": s.operator_b.pk}, MILIK_OPD,
                                     hanya_post=True, kontrol="admin", kontrol_post=True),
    "token:saya": Pola(lambda s: {}, AKUN),
    # another user's token is "not found" (404), the owner revokes it
    "token:cabut": Pola(lambda s: {"pk": s.token_b.pk}, MILIK_OPD, hanya_post=True,
                        kontrol_post=True),
    # a background job is its owner's only: anyone else finds nothing (404)
    "tugas:lihat": Pola(lambda s: {"pk": s.tugas_b.pk}, MILIK_OPD),
    "tugas:status": Pola(lambda s: {"pk": s.tugas_b.pk}, MILIK_OPD),
    "tugas:unduh": Pola(lambda s: {"pk": s.tugas_b.pk}, MILIK_OPD),
    "evaluation:dasbor": Pola(lambda s: {}, DAFTAR),
    "evaluation:opd": Pola(lambda s: {"opd_id": s.opd_b.pk}, MILIK_OPD),
    "evaluation:sub_kegiatan": Pola(
        lambda s: {"opd_id": s.opd_b.pk, "sub_kegiatan_id": s.rincian_b.sub_kegiatan_id},
        MILIK_OPD,
    ),
    "evaluation:permasalahan": Pola(lambda s: {}, DAFTAR),
    # for leaders only: every operator is refused, the verifier is not
    "evaluation:bahan_rakor": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator"),
    "evaluation:rakor_unduh": Pola(lambda s: {"fmt": "csv"}, MILIK_OPD, kontrol="verifikator"),
    "evaluation:indeks": Pola(lambda s: {}, DAFTAR),
    "evaluation:proyeksi": Pola(lambda s: {}, DAFTAR),
    "reporting:daftar": Pola(lambda s: {}, DAFTAR),
    "reporting:matriks": Pola(lambda s: {"tahun": 2025}, DAFTAR),
    # the periods of the whole pemda: verifikator and admin only, every operator is refused
    "reporting:periode": Pola(lambda s: {"tahun": 2025}, MILIK_OPD, kontrol="verifikator"),
    "reporting:periode_ubah": Pola(
        lambda s: {"tahun": 2025, "bulan": 3}, MILIK_OPD, hanya_post=True, kontrol="verifikator",
        kontrol_post=True, post=lambda s: {"tindakan": "kunci", "k3-alasan": "Dikunci operator."}),
    "reporting:formulir": Pola(
        _formulir, MILIK_OPD,
        post=lambda s: {"revisi": str(s.draf_b.revisi), f"r-{s.rincian_b.pk}": "999",
                        f"f-{s.rincian_b.sub_kegiatan_id}": "50", "aksi": "ajukan"},
    ),
    "reporting:permasalahan_tambah": Pola(
        _formulir, MILIK_OPD, hanya_post=True, kontrol_post=True,
        post=lambda s: {"pm-sub_kegiatan": str(s.rincian_b.sub_kegiatan_id),
                        "pm-kategori": KategoriPermasalahan.SDM,
                        "pm-uraian": "Dicatat oleh operator perangkat daerah lain."},
    ),
    "reporting:lembar_unduh": Pola(_formulir, MILIK_OPD),
    "reporting:lembar_unggah": Pola(_formulir, MILIK_OPD, hanya_post=True, kontrol_post=True),
    "reporting:permasalahan_ubah": Pola(
        lambda s: {"pk": s.masalah_b.pk}, MILIK_OPD, hanya_post=True, kontrol_post=True,
        post=lambda s: {f"pm{s.masalah_b.pk}-bulan": "3",
                        f"pm{s.masalah_b.pk}-tindak_lanjut": "Diubah operator lain.",
                        f"pm{s.masalah_b.pk}-selesai": "on"},
    ),
    "reporting:pemeriksaan": Pola(lambda s: {"pk": s.laporan_b.pk}, MILIK_OPD),
    "reporting:aksi": Pola(
        lambda s: {"pk": s.laporan_b.pk}, MILIK_OPD, kontrol="verifikator", kontrol_post=True,
        post=lambda s: {"tindakan": "verifikasi"},
    ),
    # import of whole-pemda files: verifikator and admin only, every operator is refused; an
    # unknown upload token sends the verifier back to the upload page
    "exchange:impor": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator"),
    "exchange:templat": Pola(lambda s: {"jenis": "realisasi", "fmt": "xlsx"}, MILIK_OPD,
                             kontrol="verifikator"),
    "exchange:pratinjau": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, kontrol="verifikator"),
    "exchange:galat_csv": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, kontrol="verifikator"),
    "exchange:hasil": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, kontrol="verifikator"),
    "exchange:konfirmasi": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, hanya_post=True,
                                kontrol="verifikator", kontrol_post=True),
    "exchange:batal": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, hanya_post=True,
                           kontrol="verifikator", kontrol_post=True),
    # SIPD: whole-pemda files and every OPD's reconciliation, verifikator and admin only
    "sipd:impor": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator"),
    "sipd:rekonsiliasi": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator"),
    "sipd:terima": Pola(lambda s: {"pk": s.laporan_b.pk}, MILIK_OPD, hanya_post=True,
                        kontrol="verifikator", kontrol_post=True),
    "sipd:riwayat": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator"),
    "sipd:unit": Pola(lambda s: {}, MILIK_OPD, kontrol="verifikator",
                      post=lambda s: {"kode": "9.99", "opd": s.opd_a.pk}),
    "sipd:unit_hapus": Pola(lambda s: {"pk": _pemetaan_unit(s).pk}, MILIK_OPD, hanya_post=True,
                            kontrol="verifikator", kontrol_post=True),
    "sipd:pratinjau": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, kontrol="verifikator"),
    "sipd:pemetaan": Pola(lambda s: {"token": "0" * 32, "peran": "utama"}, MILIK_OPD,
                          kontrol="verifikator"),
    "sipd:galat_csv": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, kontrol="verifikator"),
    "sipd:konfirmasi": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, hanya_post=True,
                            kontrol="verifikator", kontrol_post=True),
    "sipd:batal": Pola(lambda s: {"token": "0" * 32}, MILIK_OPD, hanya_post=True,
                       kontrol="verifikator", kontrol_post=True),
    # kinerja: OPD B's indicators, its quarterly section (TW I, with March's draft report),
    # its forms; the pemda's forms for leaders; the outcome indicators, written by Bappeda
    "kinerja:triwulan": Pola(
        lambda s: {"opd_id": s.opd_b.pk, "tahun": 2025, "triwulan": 1}, MILIK_OPD,
        post=lambda s: {"revisi": "0", f"k-{s.indikator_b.pk}": "7",
                        "faktor_pendorong": "Diisi operator perangkat daerah lain."}),
    "kinerja:beranda": Pola(lambda s: {}, DAFTAR),
    "kinerja:opd": Pola(lambda s: {"opd_id": s.opd_b.pk}, MILIK_OPD),
    "kinerja:e81_unduh": Pola(
        lambda s: {"opd_id": s.opd_b.pk, "tahun": 2025, "triwulan": 1, "fmt": "xlsx"}, MILIK_OPD),
    "kinerja:indikator_unduh": Pola(
        lambda s: {"opd_id": s.opd_b.pk, "tahun": 2025, "fmt": "csv"}, MILIK_OPD),
    "kinerja:e79_unduh": Pola(lambda s: {"tahun": 2025, "triwulan": 1, "fmt": "xlsx"},
                              MILIK_OPD, kontrol="verifikator"),
    "kinerja:form_a": Pola(lambda s: {"opd_id": s.opd_b.pk}, MILIK_OPD),
    "kinerja:rfk_opd": Pola(lambda s: {"opd_id": s.opd_b.pk}, MILIK_OPD),
    "kinerja:form_b": Pola(lambda s: {}, DAFTAR),
    "kinerja:rfk": Pola(lambda s: {}, DAFTAR),
    "kinerja:pemda": Pola(lambda s: {}, AKUN,
                          post=lambda s: {"baru-nama": "Penyusup", "baru-satuan": "%",
                                          "baru-arah": "naik", "baru-urutan": "1"}),
    "kinerja:pemda_ubah": Pola(lambda s: {"pk": s.indikator_pemda.pk}, MILIK_OPD,
                               kontrol="bappeda",
                               post=lambda s: {"aksi": "hapus_indikator"}),
    "kinerja:evaluasi_pemda": Pola(lambda s: {"tahun": 2025, "triwulan": 1}, MILIK_OPD,
                                   kontrol="verifikator",
                                   post=lambda s: {"faktor_pendorong": "Diubah operator."}),
}


def _telusuri(pola, awalan: str = "", ns: str | None = None):
    for p in pola:
        rute = awalan + str(p.pattern)
        if rute.startswith(LEWATI_AWALAN):
            continue
        if isinstance(p, URLResolver):
            sub_ns = ":".join(filter(None, [ns, p.namespace])) or None
            yield from _telusuri(p.url_patterns, rute, sub_ns)
        elif isinstance(p, URLPattern):
            if p.name in LEWATI_NAMA and ns is None:
                continue
            nama = f"{ns}:{p.name}" if ns and p.name else (p.name or f"<tanpa nama> {rute}")
            yield nama


SEMUA_NAMA = sorted(set(_telusuri(get_resolver().url_patterns)))


def _pola(nama: str) -> Pola:
    if nama not in REGISTRI:
        pytest.fail(
            f"URL “{nama}” belum terdaftar di REGISTRI tests/test_cakupan_url.py. Tambahkan cara "
            f"membentuk argumennya dari data sampel dan jenisnya ({MILIK_OPD} atau {DAFTAR}), "
            f"agar uji cakupan perangkat daerah mencakup view ini. Setiap view yang menyentuh data "
            f"OPD harus menyaring lewat accounts.akses (opd_terlihat, opd_atau_404).",
            pytrace=False,
        )
    return REGISTRI[nama]


def test_the_url_walk_finds_the_reporting_and_dashboard_views():
    assert {"evaluation:dasbor", "reporting:daftar", "reporting:aksi"} <= set(SEMUA_NAMA)
    assert not any(n.startswith("admin:") or n in LEWATI_NAMA for n in SEMUA_NAMA)


def test_the_registry_lists_no_url_that_no_longer_exists():
    assert set(REGISTRI) - set(SEMUA_NAMA) == set(), "hapus entri REGISTRI untuk URL yang sudah tidak ada"


@pytest.fixture(autouse=True)
def waktu_beku():
    # 5 April 2025: March is open for reporting, February's report is in.
    with time_machine.travel(timezone.make_aware(timezone.datetime(2025, 4, 5, 10)), tick=False):
        yield


@pytest.fixture
def sampel(db, settings, tmp_path) -> Sampel:
    settings.DATA_DIR = tmp_path
    opd_a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    opd_b = t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang")
    t.rincian(o=opd_a, sub="1.02.02.2.01.0001", pagu=1200, ak=[100] * 12,
              realisasi={1: 100, 2: 100})
    rincian_b = t.rincian(o=opd_b, sub="1.03.03.2.01.0001", pagu=2400, ak=[200] * 12,
                          realisasi={1: 150, 2: 200})
    ta = t.tahun(2025)
    diajukan = timezone.make_aware(timezone.datetime(2025, 3, 7, 9))
    laporan = {}
    for o in (opd_a, opd_b):
        laporan[o.pk] = LaporanBulanan.objects.create(
            tahun=ta, opd=o, bulan=2, status=StatusLaporan.DIAJUKAN,
            pertama_diajukan_pada=diajukan, diajukan_pada=diajukan)
        services.laporan_untuk(o, 2025, 3)
    masalah_b = Permasalahan.objects.create(
        tahun=ta, opd=opd_b, sub_kegiatan_id=rincian_b.sub_kegiatan_id, bulan=3,
        kategori=KategoriPermasalahan.LAHAN, uraian="Lahan belum bebas.")
    operator_a = buat_pengguna("op.a", Peran.OPERATOR, opd_a)
    operator_b = buat_pengguna("op.b", Peran.OPERATOR, opd_b)
    verifikator = buat_pengguna("verif", Peran.VERIFIKATOR)
    bappeda = buat_pengguna("bappeda", Peran.PIMPINAN)
    bappeda.groups.add(grup_bappeda())
    indikator_b = IndikatorKinerja.objects.create(
        tahun=ta, opd=opd_b, tingkat="sub_kegiatan", sub_kegiatan_id=rincian_b.sub_kegiatan_id,
        uraian="Jumlah sambungan rumah", satuan="SR", target=200)
    return Sampel(opd_a, opd_b, rincian_b, laporan[opd_b.pk],
                  LaporanBulanan.objects.get(opd=opd_b, bulan=3), masalah_b,
                  operator_a, operator_b, verifikator,
                  admin=buat_pengguna("adm", Peran.ADMIN),
                  token_b=TokenAPI.buat(operator_b)[0], tugas_b=_tugas(operator_b),
                  bappeda=bappeda, indikator_b=indikator_b,
                  indikator_pemda=IndikatorPemda.objects.create(nama="Jumlah balita stunting",
                                                                satuan="balita"))


def _tugas(pemilik):
    tugas = Tugas.objects.create(jenis=JenisTugas.RAKOR_PDF, pemilik=pemilik, judul="PDF",
                                 status=StatusTugas.SELESAI)
    simpan_berkas(tugas, b"%PDF-", "rakor.pdf", "application/pdf")
    tugas.save()
    return tugas


def _isi_basis_data() -> dict:
    """Every row of every table but the sessions (a request may touch its own session)."""
    return {
        m._meta.label: list(m.objects.order_by("pk").values())
        for m in apps.get_models() if m._meta.label != "sessions.Session"
    }


@pytest.mark.parametrize("nama", SEMUA_NAMA)
def test_an_anonymous_visitor_is_sent_to_login(client, sampel, nama):
    pola = _pola(nama)
    resp = client.get(reverse(nama, kwargs=pola.kwargs(sampel)))
    assert resp.status_code == 302, f"{nama}: pengunjung tanpa login mendapat {resp.status_code}"
    assert resp.url.startswith(reverse("login")), f"{nama}: dialihkan ke {resp.url}"


@pytest.mark.parametrize("nama", SEMUA_NAMA)
def test_another_opds_operator_gets_nothing_and_changes_nothing(client, sampel, nama):
    pola = _pola(nama)
    url = reverse(nama, kwargs=pola.kwargs(sampel))
    client.force_login(sampel.operator_a)
    sebelum = _isi_basis_data()

    get = client.get(url)
    post = client.post(url, pola.post(sampel))

    assert _isi_basis_data() == sebelum, f"{nama}: operator OPD A mengubah basis data"
    if pola.jenis == MILIK_OPD:
        boleh_get = {403, 404} | ({405} if pola.hanya_post else set())
        assert get.status_code in boleh_get, f"{nama}: GET operator OPD A → {get.status_code}"
        assert post.status_code in {403, 404}, f"{nama}: POST operator OPD A → {post.status_code}"
    else:
        assert get.status_code == 200, f"{nama}: GET operator OPD A → {get.status_code}"
        halaman = get.content.decode()
        if pola.jenis == DAFTAR:
            assert sampel.opd_a.nama in halaman, f"{nama}: baris OPD A sendiri tidak tampil"
        for resp in (get, post):
            isi = resp.content.decode()
            assert resp.status_code < 500
            assert sampel.opd_b.nama not in isi and sampel.opd_b.kode not in isi, \
                f"{nama}: operator OPD A melihat OPD B"


@pytest.mark.parametrize("nama", [n for n in SEMUA_NAMA
                                  if REGISTRI.get(n, Pola(dict, DAFTAR)).jenis == MILIK_OPD])
def test_the_registry_builds_urls_that_their_rightful_user_can_use(client, sampel, nama):
    pola = _pola(nama)
    url = reverse(nama, kwargs=pola.kwargs(sampel))
    client.force_login(getattr(sampel, pola.kontrol))
    resp = client.post(url, {}) if pola.kontrol_post else client.get(url)
    assert resp.status_code not in {403, 404} and resp.status_code < 500, (
        f"{nama}: {pola.kontrol} sendiri mendapat {resp.status_code}; argumen di REGISTRI "
        f"tidak menunjuk objek OPD B yang benar, sehingga 404 untuk OPD A tidak membuktikan apa-apa"
    )
