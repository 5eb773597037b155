"""The verifier's side of the monthly report: the reporting home (daftar), the verification
page of one report with its changes, warnings, workflow log and audit trail, the verifier's
actions, and the reporting matrix. Every page costs a constant number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.akses import (
    boleh_verifikasi,
    dalam_cakupan_atau_404,
    opd_terlihat,
    terbatas,
    wajib_verifikator,
)
from budget.models import RincianAnggaran, TahunAnggaran
from lib import figures
from lib.periode import NAMA_BULAN, nama_bulan
from lib.rupiah import KOSONG, persen, rupiah

from .. import services
from ..isi import muat_isi
from ..jejak import jejak_audit
from ..matriks import Ketepatan, ketepatan
from ..matriks import matriks as hitung_matriks
from ..models import (
    LaporanBulanan,
    PeriodePelaporan,
    RiwayatLaporan,
    StatusLaporan,
)
from ..services import LaporanDitolak

BULAN_SINGKAT = [n[:3] for n in NAMA_BULAN]
JUMLAH_KEPUTUSAN_TERAKHIR = 20
JEJAK_DITAMPILKAN = 40  # the rest of the audit trail is one click away (<details>)


def _tahun_tersedia() -> list[int]:
    ada_rincian = RincianAnggaran.objects.filter(tahun=OuterRef("pk"))
    return list(TahunAnggaran.objects.filter(Exists(ada_rincian)).order_by("-tahun")
                .values_list("tahun", flat=True))


def _pilih_tahun(teks: str, tersedia: list[int], sekarang: datetime.datetime) -> int | None:
    """The year asked for, the current one by default (else the latest with a budget);
    None for a year SIAP has no budget of."""
    if not teks.strip():
        tahun_ini = timezone.localtime(sekarang).year
        return tahun_ini if tahun_ini in tersedia else tersedia[0]
    try:
        tahun = int(teks)
    except ValueError:
        return None
    return tahun if tahun in tersedia else None


def _tahun_tidak_ada(teks, tersedia: list[int]) -> str:
    return (f"Belum ada data anggaran untuk tahun “{teks}”. Tahun yang tersedia: "
            f"{', '.join(map(str, tersedia))}.")


def _ketepatan_teks(jenis: Ketepatan, hari: int) -> str:
    if jenis == Ketepatan.TERLAMBAT:
        return f"Terlambat {hari} hari"
    if jenis == Ketepatan.BELUM_LAPOR:
        return f"Belum lapor, lewat {hari} hari"
    return jenis.label


def _bulan_terbuka(baris, tahun: int, sekarang) -> int | None:
    """The month the operator should be working on: the earliest month already begun whose
    deadline has not passed and that has not been submitted yet."""
    lokal = timezone.localtime(sekarang)
    for sel in baris.sel:
        if (tahun, sel.bulan) > (lokal.year, lokal.month):
            return None
        if sel.ketepatan == Ketepatan.BELUM_JATUH_TEMPO:
            return sel.bulan
    return None


@login_required
@require_safe
def daftar(request):
    sekarang = timezone.now()
    tersedia = _tahun_tersedia()
    konteks = {"tahun_tersedia": tersedia, "hari_batas": settings.SIAP_HARI_BATAS_LAPOR}
    if not tersedia:
        return render(request, "reporting/daftar.html", konteks)
    tahun = _pilih_tahun(request.GET.get("tahun", ""), tersedia, sekarang)
    if tahun is None:
        konteks["pesan"] = _tahun_tidak_ada(request.GET["tahun"], tersedia)
        return render(request, "reporting/daftar.html", konteks, status=404)
    terlihat = opd_terlihat(request.user)
    m = hitung_matriks(tahun, opd_qs=terlihat, sekarang=sekarang)
    konteks.update({"tahun": tahun, "sekarang": sekarang, "matriks": m,
                    "boleh_verifikasi": boleh_verifikasi(request.user)})
    if terbatas(request.user):
        konteks["operator"] = True
        konteks["opd"] = _daftar_operator(m, tahun, sekarang)
        konteks["tanpa_opd"] = not terlihat.exists()
        return render(request, "reporting/daftar.html", konteks)

    periode = {p.bulan: p for p in PeriodePelaporan.objects.filter(tahun__tahun=tahun)}
    antrean = []
    for lap in (LaporanBulanan.objects.filter(tahun__tahun=tahun, status=StatusLaporan.DIAJUKAN)
                .select_related("opd").annotate(jumlah_pengajuan=Count("snapshot"))
                .order_by("diajukan_pada", "opd__kode", "bulan")):
        batas = services.batas_waktu(tahun, lap.bulan, periode.get(lap.bulan))
        jenis, hari = ketepatan(batas, lap.pertama_diajukan_pada, sekarang)
        antrean.append({"lap": lap, "nama_bulan": nama_bulan(lap.bulan), "batas": batas,
                        "ketepatan": jenis, "ketepatan_teks": _ketepatan_teks(jenis, hari),
                        "menunggu": (sekarang - lap.diajukan_pada).days})
    per_status = dict(LaporanBulanan.objects.filter(tahun__tahun=tahun).values_list("status")
                      .annotate(n=Count("pk")).values_list("status", "n"))
    keputusan = (RiwayatLaporan.objects
                 .filter(laporan__tahun__tahun=tahun,
                         ke__in=[StatusLaporan.DIKEMBALIKAN, StatusLaporan.DIVERIFIKASI])
                 .select_related("laporan__opd", "oleh")
                 .order_by("-pada", "-pk")[:JUMLAH_KEPUTUSAN_TERAKHIR])
    konteks.update({
        "antrean": antrean,
        "per_status": {s: per_status.get(s, 0) for s in StatusLaporan.values},
        "belum_lapor": m.total.diharapkan - m.total.diterima,
        "keputusan": [{"r": r, "nama_bulan": nama_bulan(r.laporan.bulan)} for r in keputusan],
        "jumlah_keputusan": JUMLAH_KEPUTUSAN_TERAKHIR,
    })
    return render(request, "reporting/daftar.html", konteks)


def _daftar_operator(m, tahun: int, sekarang) -> list[dict]:
    """Each of the operator's OPD with its twelve months, from the same matrix the
    verifier sees (so the timeliness can never differ) and the reports' own details."""
    ids = [s.laporan_id for b in m.baris for s in b.sel if s.laporan_id]
    detail = {lap.pk: lap for lap in LaporanBulanan.objects.filter(pk__in=ids)}
    lokal = timezone.localtime(sekarang)
    hasil = []
    for baris in m.baris:
        terbuka = _bulan_terbuka(baris, tahun, sekarang)
        bulan = []
        for sel in baris.sel:
            lap = detail.get(sel.laporan_id)
            dibuka = (tahun, sel.bulan) <= (lokal.year, lokal.month)
            bulan.append({
                "sel": sel, "lap": lap, "nama": nama_bulan(sel.bulan), "dibuka": dibuka,
                "terbuka": sel.bulan == terbuka,
                "ketepatan_teks": _ketepatan_teks(sel.ketepatan, sel.hari_terlambat),
                "dapat_diisi": dibuka and (lap is None or lap.dapat_diubah),
            })
        hasil.append({"opd": baris.opd, "bulan": bulan, "tingkat": baris.tingkat,
                      "terbuka": terbuka and nama_bulan(terbuka)})
    return hasil


# ---------- The verification page ----------

def _ringkasan(isi) -> tuple[figures.Angka, list[dict], Decimal]:
    """The report's figures with the Rakor POP's own arithmetic (``lib.figures``):
    the total, each sub kegiatan, and this month's realisasi. The summary card and the
    table show the same figures: a sub kegiatan without this month's fisik counts with its
    latest earlier fisik (as the Rakor figures do), and the table says so."""
    baris, bulan_ini = [], Decimal(0)
    for s in isi.sub:
        fisik = s.fisik if s.fisik is not None else (s.fisik_sebelumnya or Decimal(0))
        for b in s.baris:
            bulan_ini += b.realisasi or 0
            baris.append(figures.Baris(
                opd=None, sub_kegiatan=s.sub_kegiatan_id, sumber_dana=b.sumber_dana,
                jenis_belanja=b.jenis_belanja, pagu=b.pagu, target=b.ak_kumulatif,
                realisasi=b.kumulatif, fisik=fisik, target_fisik=s.target_fisik or Decimal(0),
            ))
    per_sub = figures.kelompokkan(baris, lambda b: b.sub_kegiatan)
    total = figures.hitung_angka(sum(per_sub.values(), figures.Jumlah()))
    sub = [{"s": s, "angka": figures.hitung_angka(per_sub[s.sub_kegiatan_id]),
            "bulan_ini": sum((b.realisasi or 0 for b in s.baris), Decimal(0)),
            "fisik_ket": "" if s.fisik is not None else
            "belum diisi; dihitung fisik bulan lalu" if s.fisik_sebelumnya is not None else
            "belum diisi; dihitung 0"}
           for s in isi.sub if s.sub_kegiatan_id in per_sub]
    return total, sub, bulan_ini


def _perubahan(lap) -> list[dict]:
    hasil = []
    for p in services.perubahan_sejak_sebelumnya(lap):
        lama = Decimal(p["lama"]) if p["lama"] is not None else None
        baru = Decimal(p["baru"]) if p["baru"] is not None else None
        fmt = rupiah if p["kolom"] == "realisasi" else persen
        selisih = baru - lama if lama is not None and baru is not None else None
        hasil.append({
            "label": p["label"],
            "kolom": "Keuangan bulan ini" if p["kolom"] == "realisasi" else "Fisik kumulatif",
            "lama": fmt(lama), "baru": fmt(baru),
            "selisih": (("+" if selisih > 0 else "") + fmt(selisih)) if selisih is not None
            else KOSONG,
        })
    return hasil


def _laporan(user, pk: int) -> LaporanBulanan:
    """The report ``pk`` with its year and OPD if ``user`` may see its OPD; else 404 (the
    report does not exist for another OPD's operator)."""
    return dalam_cakupan_atau_404(user, LaporanBulanan.objects.select_related("tahun", "opd"),
                                  pk=pk)


@login_required
def pemeriksaan(request, pk):
    lap = _laporan(request.user, pk)
    if request.method not in ("GET", "HEAD"):  # decisions are posted to ``aksi``
        return HttpResponseNotAllowed(["GET", "HEAD"])
    sekarang = timezone.now()
    periode = PeriodePelaporan.objects.filter(tahun_id=lap.tahun_id, bulan=lap.bulan).first()
    batas = services.batas_waktu(lap.tahun.tahun, lap.bulan, periode)
    jenis, hari = ketepatan(batas, lap.pertama_diajukan_pada, sekarang)
    isi = muat_isi(lap)
    total, per_sub, bulan_ini = _ringkasan(isi)

    penjelasan = {p.kode: p for p in lap.penjelasan.select_related("oleh")}
    peringatan = [{"pesan": p, "penjelasan": penjelasan.pop(p.kode, None)}
                  for p in services.periksa_laporan(lap, isi)]
    verifikator = boleh_verifikasi(request.user)
    jejak = jejak_audit(lap)
    berikutnya = None
    if verifikator:
        berikutnya = (LaporanBulanan.objects.filter(status=StatusLaporan.DIAJUKAN)
                      .exclude(pk=lap.pk).select_related("opd", "tahun")
                      .order_by("diajukan_pada", "pk").first())
    return render(request, "reporting/pemeriksaan.html", {
        "lap": lap,
        "nama_bulan": nama_bulan(lap.bulan),
        "batas": batas,
        "ketepatan": jenis,
        "ketepatan_teks": _ketepatan_teks(jenis, hari),
        "dikunci": bool(periode and periode.dikunci),
        "jumlah_pengajuan": lap.snapshot.count(),
        "total": total,
        "bulan_ini": bulan_ini,
        "per_sub": per_sub,
        "versi": isi.versi,
        "ada_draf": isi.ada_draf,
        "permasalahan": [(s, p) for s in isi.sub for p in s.permasalahan],
        "perubahan": _perubahan(lap),
        "peringatan": peringatan,
        "belum_dijelaskan": sum(1 for w in peringatan
                                if w["penjelasan"] is None and w["pesan"].tingkat == "peringatan"),
        "penjelasan_lain": list(penjelasan.values()),
        "riwayat": lap.riwayat.select_related("oleh"),
        "jejak": jejak,
        "jejak_awal": jejak[:JEJAK_DITAMPILKAN],
        "jejak_lain": jejak[JEJAK_DITAMPILKAN:],
        "boleh_verifikasi": verifikator,
        "berikutnya": berikutnya,
        "berikutnya_bulan": berikutnya and nama_bulan(berikutnya.bulan),
    })


@login_required
def aksi(request, pk):
    # Scope first, then role, then method: whoever may not act learns nothing from a GET.
    lap = _laporan(request.user, pk)
    wajib_verifikator(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    tindakan = request.POST.get("tindakan", "")
    catatan = request.POST.get("catatan", "").strip()
    judul = f"Laporan {lap.opd.nama} bulan {nama_bulan(lap.bulan)} {lap.tahun.tahun}"
    try:
        if tindakan == "verifikasi":
            services.verifikasi(lap, request.user)
            messages.success(request, f"{judul} telah diverifikasi dan dikunci.")
        elif tindakan == "kembalikan":
            if not catatan:
                raise LaporanDitolak("Catatan pengembalian wajib diisi: tuliskan apa yang harus "
                                     "diperbaiki oleh operator.")
            services.kembalikan(lap, request.user, catatan)
            messages.success(request, f"{judul} dikembalikan kepada operator dengan catatan.")
        elif tindakan == "buka":
            if not catatan:
                raise LaporanDitolak("Alasan membuka kembali wajib diisi.")
            services.buka_kembali(lap, request.user, catatan)
            messages.success(request, f"{judul} dibuka kembali; operator dapat memperbaikinya.")
        else:
            raise LaporanDitolak(f"Tindakan “{tindakan}” tidak dikenal.")
    except LaporanDitolak as exc:
        messages.error(request, f"{judul} tidak diubah. {exc}")
    return redirect("reporting:pemeriksaan", pk=lap.pk)


# ---------- The reporting matrix ----------

SEL = {
    Ketepatan.TEPAT_WAKTU: ("tepat", "✓"),
    Ketepatan.TERLAMBAT: ("terlambat", "+{hari} hr"),
    Ketepatan.BELUM_LAPOR: ("belum", "✗"),
    Ketepatan.BELUM_JATUH_TEMPO: ("nanti", "·"),
}
LABEL_STATUS = dict(StatusLaporan.choices)


def _sel(sel, opd, tahun: int, operator: bool) -> dict:
    kelas, simbol = SEL[sel.ketepatan]
    simbol = simbol.format(hari=sel.hari_terlambat)
    judul = _ketepatan_teks(sel.ketepatan, sel.hari_terlambat)
    # Returned (or being fixed after a return): the report is in but not accepted yet.
    kembali = sel.dikembalikan or (sel.status == StatusLaporan.DRAFT and sel.diterima)
    if kembali:
        kelas = "kembali"
        simbol = "↩" + (f" +{sel.hari_terlambat}" if sel.hari_terlambat else "")
        judul += " · dikembalikan" if sel.dikembalikan else " · dikembalikan, sedang diperbaiki"
    elif sel.status:
        judul += f" · {LABEL_STATUS[sel.status]}"
    menunggu = sel.status == StatusLaporan.DIAJUKAN
    url = None
    if operator:
        url = reverse("reporting:formulir", args=[opd.pk, tahun, sel.bulan]) \
            if sel.ketepatan != Ketepatan.BELUM_JATUH_TEMPO or sel.laporan_id else None
    elif sel.laporan_id:
        url = reverse("reporting:pemeriksaan", args=[sel.laporan_id])
    return {"kelas": kelas, "simbol": simbol, "menunggu": menunggu, "url": url,
            "judul": f"{opd.nama}, {nama_bulan(sel.bulan)} {tahun}: {judul}"
                     + (" · menunggu verifikasi" if menunggu else "")}


@login_required
@require_safe
def matriks(request, tahun):
    tersedia = _tahun_tersedia()
    if tahun not in tersedia:
        # The page itself, with the years that exist, rather than a bare 404: the nav links
        # to the current year, which has no budget until the Bagian enters it.
        return render(request, "reporting/matriks.html", {
            "tahun": tahun, "tahun_tersedia": tersedia,
            "pesan": _tahun_tidak_ada(tahun, tersedia) if tersedia
            else "Belum ada data anggaran di SIAP.",
        }, status=404)
    sekarang = timezone.now()
    m = hitung_matriks(tahun, opd_qs=opd_terlihat(request.user), sekarang=sekarang)
    operator = terbatas(request.user)
    baris = [{"opd": b.opd, "tingkat": b.tingkat,
              "sel": [_sel(s, b.opd, tahun, operator) for s in b.sel]} for b in m.baris]
    return render(request, "reporting/matriks.html", {
        "tahun": tahun, "tahun_tersedia": tersedia, "sekarang": sekarang, "matriks": m,
        "baris": baris, "bulan": BULAN_SINGKAT, "terbatas": operator,
        "belum_lapor": m.total.diharapkan - m.total.diterima,
        "per_bulan": list(zip(NAMA_BULAN, m.per_bulan, strict=True)),
    })
