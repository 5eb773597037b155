"""The operator's monthly report: the OPD's budget lines with this month's realisasi and each
sub kegiatan's fisik, the warnings to explain, submission, and the open permasalahan.

Verifikator and pimpinan see the same page read-only. Every view resolves the OPD through
``accounts.akses`` first, so another OPD's operator gets 404 whatever the URL says.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.akses import boleh_mengisi, opd_atau_404, wajib_boleh_mengisi
from budget.models import TahunAnggaran
from lib.periode import nama_bulan

from .. import draf, services, tembolok, tertunda
from .. import permasalahan as layanan_permasalahan
from ..forms import (
    IsianLaporan,
    PermasalahanTambahForm,
    PermasalahanUbahForm,
    baca_isian,
    semula_json,
)
from ..gabung import Kunci, Nilai
from ..isi import muat_isi
from ..models import LaporanBulanan, PenjelasanPeringatan, Permasalahan
from ..salah_baca import pesan_salah_baca
from ..services import IsianBentrok, KonflikIsian, KonflikRevisi, LaporanDitolak
from ..validasi import Pesan, Tingkat, galat, periksa, periksa_lengkap
from .formulir_grid import daftar_permasalahan, grid
from .formulir_konflik import pilihan_diterapkan, setelah_konflik, teks_diubah_lain


def laporan_formulir(opd, tahun: int, bulan: int) -> LaporanBulanan:
    """The report, created on first visit — except for a month not yet begun, which is shown
    (read-only, with the reason) without leaving an empty report behind."""
    if not 1 <= bulan <= 12:
        raise Http404("Bulan tidak dikenal.")
    ta = get_object_or_404(TahunAnggaran, tahun=tahun)
    sekarang = timezone.localtime()
    if (sekarang.year, sekarang.month) < (tahun, bulan):
        return LaporanBulanan(tahun=ta, opd=opd, bulan=bulan)
    return services.laporan_untuk(opd, tahun, bulan, ta=ta)


def url_formulir(lap: LaporanBulanan) -> str:
    return reverse("reporting:formulir", args=[lap.opd_id, lap.tahun.tahun, lap.bulan])


def _bulan_lain(lap: LaporanBulanan) -> dict:
    t, b = lap.tahun.tahun, lap.bulan
    hasil = {}
    if b > 1:
        hasil["sebelum"] = (nama_bulan(b - 1), reverse("reporting:formulir",
                                                      args=[lap.opd_id, t, b - 1]))
    if b < 12:
        hasil["sesudah"] = (nama_bulan(b + 1), reverse("reporting:formulir",
                                                      args=[lap.opd_id, t, b + 1]))
    return hasil


# What an htmx request for a permasalahan change gets back: the section alone, swapped in
# place, so the numbers typed in the grid stay as they are.
BAGIAN_PERMASALAHAN = "reporting/_formulir_permasalahan_htmx.html"
_HALAMAN = "reporting/formulir.html"


def tampilkan_formulir(request, lap: LaporanBulanan, *, isian: IsianLaporan | None = None,
               galat_lain: list[Pesan] = (), konflik: str = "", revisi: int | None = None,
               bentrok: list[IsianBentrok] = (), semula: dict[Kunci, Nilai] | None = None,
               form_tambah=None, form_ubah=None, ubah_pk: int | None = None, status: int = 200,
               template: str = _HALAMAN, pesan_masalah: str = "", bagian=None):
    """The form page. ``semula`` is what the page's inputs held when the user first loaded
    them (kept across a refused save); by default what is stored now."""
    isi = muat_isi(lap)
    sekarang = timezone.now()
    periode = services.periode_laporan(lap)
    batas = services.batas_waktu(lap.tahun.tahun, lap.bulan, periode)
    pesan_periode = services.pesan_periode(lap, sekarang, periode)
    # Checked against what the user typed (kept on the page), else against what is stored.
    untuk_validasi = isi.untuk_validasi(isian.realisasi if isian else None,
                                        isian.fisik if isian else None)
    pesan = periksa(lap.bulan, *untuk_validasi)
    kode_lain = {p.kode for p in galat_lain}
    daftar_galat = list(galat_lain) + [p for p in galat(pesan) if p.kode not in kode_lain]
    peringatan = [p for p in pesan if p.tingkat == Tingkat.PERINGATAN]
    penjelasan = {}
    if lap.pk:
        penjelasan = dict(PenjelasanPeringatan.objects.filter(laporan=lap)
                          .values_list("kode", "teks"))
    tersimpan = dict(penjelasan)
    if isian:
        penjelasan.update(isian.penjelasan)
    dapat_mengisi = (boleh_mengisi(request.user) and lap.pk is not None and lap.dapat_diubah
                     and not pesan_periode)
    # Blanks submission will refuse: shown while the report can still be filled.
    kosong = (periksa_lengkap(f"{nama_bulan(lap.bulan)} {lap.tahun.tahun}", *untuk_validasi)
              if dapat_mengisi else [])
    subs, total = grid(isi, isian, daftar_galat + peringatan, bentrok=bentrok, kosong=kosong,
                       saya=request.user)
    sub_pilihan = [(s.sub_kegiatan_id, s.label) for s in isi.sub]
    if form_tambah is None:
        awal = {}
        if (sub := request.GET.get("sub", "")).isdigit():
            awal["sub_kegiatan"] = int(sub)
        form_tambah = PermasalahanTambahForm(prefix="pm", initial=awal)
    form_tambah.atur_pilihan(sub_pilihan)
    konteks = {
        "lap": lap,
        "isi": isi,
        "opd": lap.opd,
        "nama_bulan": nama_bulan(lap.bulan),
        "subs": subs,
        "total": total,
        "jumlah_baris": sum(len(s.baris) for s in isi.sub),
        "galat": daftar_galat,
        "peringatan": [
            {"p": p, "teks": penjelasan.get(p.kode, ""), "tersimpan": tersimpan.get(p.kode, ""),
             "dijelaskan": bool(
                penjelasan.get(p.kode, "").strip())}
            for p in peringatan
        ],
        "peringatan_belum": sum(1 for p in peringatan if not penjelasan.get(p.kode, "").strip()),
        "pesan_periode": pesan_periode,
        "batas": batas,
        "terlambat": lap.pk is not None and lap.dapat_diubah and sekarang > batas,
        "konflik": konflik,
        "bentrok": bentrok,
        "bentrok_kunci": ",".join(f"{k}-{i}" for k, i in (b.kunci for b in bentrok)),
        "semula": semula_json(isi.nilai_kini() if semula is None else semula),
        "kosong_baris": sum(1 for p in kosong if p.rincian_id is not None),
        "kosong_sub": sum(1 for p in kosong if p.sub_kegiatan_id is not None),
        "draf_tanpa_baris": isi.draf_tanpa_baris if lap.dapat_diubah else 0,
        "belum_tersimpan": isian is not None,
        "revisi": lap.revisi if revisi is None else revisi,
        "dapat_mengisi": dapat_mengisi,
        "pembaca": request.user.lihat_semua_opd,
        "bulan_lain": _bulan_lain(lap),
        "form_tambah": form_tambah,
        "form_ubah": form_ubah,
        "ubah_pk": ubah_pk,
        "url": url_formulir(lap),
        "total_permasalahan_terbuka": sum(s.permasalahan_terbuka for s in subs),
        "permasalahan": daftar_permasalahan(isi, lap, form_ubah, ubah_pk, dapat_mengisi),
        "pesan_masalah": pesan_masalah,
        # an ended session loses nothing (tertunda.py; sesi.js warns before it ends)
        "pengisi": tertunda.tanda_pengisi(request.user),
        "sesi_detik": settings.SESSION_COOKIE_AGE,
    }
    if bagian is not None:  # the plain page: rendered once per data version (tembolok.py)
        return bagian.tampilkan(request, template, konteks, status=status)
    return render(request, template, konteks, status=status)


def _simpan(request, lap: LaporanBulanan, data=None):
    """Save the grid POSTed — or ``data``, the grid kept through a sign-in (tertunda.py)."""
    data = request.POST if data is None else data
    isian = baca_isian(data)
    if isian.revisi is None:
        return HttpResponseBadRequest("Formulir tidak lengkap (revisi hilang); muat ulang halaman.")
    if isian.salah:
        galat_baca = pesan_salah_baca(muat_isi(lap), isian)
        return tampilkan_formulir(request, lap, isian=isian, galat_lain=galat_baca,
                          revisi=isian.revisi, semula=isian.semula, status=422)
    if belum_dipilih := pilihan_diterapkan(isian):
        # A conflict was shown and the user saved without choosing: nothing is guessed.
        bentrok = services.bentrok_untuk(lap, belum_dipilih, isian, request.user)
        galat_pilih = [Pesan(Tingkat.GALAT, f"pilih:{b.kunci[0]}-{b.kunci[1]}",
                             f"{b.label}: pilih nilai Anda atau nilai yang tersimpan.")
                       for b in bentrok]
        return tampilkan_formulir(request, lap, isian=isian, galat_lain=galat_pilih, bentrok=bentrok,
                          revisi=isian.revisi, semula=isian.semula, status=422)
    judul = f"Laporan {nama_bulan(lap.bulan)} {lap.tahun.tahun}"
    try:
        if lap.pk is None:  # a month not yet begun: nothing to lock, just say why
            raise LaporanDitolak(services.pesan_periode(lap, timezone.now()))
        hasil = services.simpan(lap, request.user, revisi=isian.revisi,
                                realisasi=isian.realisasi, fisik=isian.fisik,
                                semula=isian.semula, penjelasan=isian.penjelasan)
    except KonflikIsian as exc:
        setelah_konflik(isian)
        return tampilkan_formulir(request, exc.laporan, isian=isian, konflik=str(exc),
                          bentrok=exc.bentrok, revisi=exc.laporan.revisi, status=409)
    except KonflikRevisi as exc:
        return tampilkan_formulir(request, exc.laporan, isian=isian, konflik=str(exc),
                          revisi=exc.laporan.revisi, status=409)
    except LaporanDitolak as exc:
        return tampilkan_formulir(request, lap, isian=isian, galat_lain=exc.pesan, revisi=isian.revisi,
                          semula=isian.semula, status=422)

    lap.refresh_from_db()
    if hasil.diubah_lain:
        messages.info(request, teks_diubah_lain(hasil.diubah_lain, request.user))
    if data.get("aksi") == "ajukan":
        try:
            diajukan = services.ajukan(lap, request.user, revisi=lap.revisi)
        except LaporanDitolak as exc:
            messages.success(request, f"{judul} tersimpan, tetapi belum diajukan.")
            _pesan_penolakan(request, exc.pesan)
        except KonflikRevisi as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{judul} tersimpan dan diajukan untuk diverifikasi.")
            if diajukan.draf_dibuang:
                messages.warning(request, draf.pesan_dibuang(diajukan.draf_dibuang))
        return redirect(url_formulir(lap))

    # The warnings that remain are listed on the page itself, each with its explanation.
    messages.success(request, f"{judul} tersimpan sebagai draf; angka ini baru dihitung "
                              f"dalam rekap pimpinan setelah laporan diajukan.")
    return redirect(url_formulir(lap))


def _pesan_penolakan(request, pesan: list[Pesan], paling_banyak: int = 5) -> None:
    """Why submission was refused: each error, and the warnings still unexplained (listed in
    full, each with its textarea, in the page's Peringatan section)."""
    galat_ = [p for p in pesan if p.tingkat == Tingkat.GALAT]
    peringatan = [p for p in pesan if p.tingkat == Tingkat.PERINGATAN]
    for p in galat_[:paling_banyak]:
        messages.error(request, p.pesan)
    if len(galat_) > paling_banyak:
        messages.error(request, f"… dan {len(galat_) - paling_banyak} galat lainnya.")
    if peringatan:
        messages.error(request, f"Belum dapat diajukan: {len(peringatan)} peringatan belum diberi "
                                f"penjelasan. Tulis penjelasannya di bagian Peringatan di bawah "
                                f"tabel, lalu klik Simpan dan ajukan lagi.")


@tertunda.masuk_atau_tunda
@require_http_methods(["GET", "HEAD", "POST"])
def formulir(request, opd_id, tahun, bulan):
    if request.method != "POST":
        tembolok.versi_awal(request)  # the data token first, before any data is read
    opd = opd_atau_404(request.user, opd_id)
    lap = laporan_formulir(opd, tahun, bulan)
    if request.method == "POST":
        wajib_boleh_mengisi(request.user)
        return _simpan(request, lap)
    if token := request.GET.get(tertunda.PARAMETER):
        # Back from signing in after the session ended on a save: that save, now.
        data = tertunda.ambil(request, token, request.path)
        if data is not None:
            wajib_boleh_mengisi(request.user)
            messages.info(request, "Isian yang Anda kirim saat sesi berakhir kini diproses.")
            return _simpan(request, lap, data)
    bagian = tembolok.bagian_formulir(request, lap)
    if bagian is not None and bagian.ada:
        return bagian.tampilkan(request, _HALAMAN, {"lap": lap, "opd": lap.opd,
                                                    "nama_bulan": nama_bulan(lap.bulan)})
    return tampilkan_formulir(request, lap, bagian=bagian)


def _galat_ke_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for nama, daftar in exc.error_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, exc)


@tertunda.masuk_atau_tunda
@require_POST
def permasalahan_tambah(request, opd_id, tahun, bulan):
    opd = opd_atau_404(request.user, opd_id)
    wajib_boleh_mengisi(request.user)
    lap = laporan_formulir(opd, tahun, bulan)
    form = PermasalahanTambahForm(request.POST, prefix="pm")
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["sub_kegiatan_id"] = data.pop("sub_kegiatan")
        try:
            if lap.pk is None:
                raise ValidationError(services.pesan_periode(lap, timezone.now())[0].pesan)
            layanan_permasalahan.tambah(lap, request.user, **data)
        except ValidationError as exc:
            _galat_ke_form(form, exc)
    if not form.is_valid():
        return tampilkan_formulir(request, lap, form_tambah=form, status=422,
                          template=BAGIAN_PERMASALAHAN if request.htmx else _HALAMAN)
    return _selesai_permasalahan(request, lap, "Permasalahan dicatat.")


@tertunda.masuk_atau_tunda
@require_POST
def permasalahan_ubah(request, pk):
    p = get_object_or_404(Permasalahan.objects.select_related("tahun"), pk=pk)
    opd = opd_atau_404(request.user, p.opd_id)
    wajib_boleh_mengisi(request.user)
    form = PermasalahanUbahForm(request.POST, prefix=f"pm{p.pk}")
    bulan = p.bulan
    if form.is_valid():
        bulan = form.cleaned_data["bulan"]
        try:
            layanan_permasalahan.ubah(p, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _galat_ke_form(form, exc)
    lap = laporan_formulir(opd, p.tahun.tahun, bulan)
    if not form.is_valid():
        return tampilkan_formulir(request, lap, form_ubah=form, ubah_pk=p.pk, status=422,
                          template=BAGIAN_PERMASALAHAN if request.htmx else _HALAMAN)
    selesai = form.cleaned_data["selesai"]
    return _selesai_permasalahan(request, lap, "Permasalahan ditandai selesai." if selesai
                                 else "Tindak lanjut permasalahan disimpan.")


def _selesai_permasalahan(request, lap: LaporanBulanan, pesan: str):
    """After a permasalahan change: in place (htmx) the fresh section with the message in it;
    without JavaScript, back to the page (post/redirect/get)."""
    if request.htmx:
        return tampilkan_formulir(request, lap, template=BAGIAN_PERMASALAHAN, pesan_masalah=pesan)
    messages.success(request, pesan)
    return redirect(url_formulir(lap) + "#permasalahan")

