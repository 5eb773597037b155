"""The Rakor POP dashboard: the pemda's figures at a cut-off, OPD ranked, as the leaders see
them in the meeting — and, for an operator, the same page limited to their own OPD's rows."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from accounts.akses import cakupan_opd
from budget.models import RincianAnggaran, TahunAnggaran
from lib import tembolok as tembolok_proses
from lib.figures import gabungkan_angka
from lib.kolom import KOLOM_TABEL
from lib.periode import NAMA_BULAN, TRIWULAN_ROMAWI, akhir_bulan, tanggal_panjang

from . import tembolok
from .baris import BarisKelompok, BarisOPD, baris_kelompok, baris_sebaran, label_opd
from .cakupan import Cakupan
from .cakupan_data import ambil_cakupan, periode_jatuh_tempo, peta_batas
from .grafik import grafik_kurva
from .kurva import seri_kurva
from .narasi import kalimat_utama
from .queries import hitung_rekap
from .ringkasan import dak_fisik, kecamatan, per_kelompok_belanja, sebaran_fisik_rekap
from .tugas_rakor import siapkan_pdf


def bulan_bawaan(tahun: int, hari_ini: datetime.date) -> int:
    """An operator's cut-off month when none is asked for: the month they are reporting, the
    last complete month of the current year (January while January itself is running: there
    is nothing earlier), December for a past year, January for a year not yet begun."""
    if tahun < hari_ini.year:
        return 12
    if tahun > hari_ini.year:
        return 1
    return max(hari_ini.month - 1, 1)


def periode_bawaan(user, sekarang: datetime.datetime, batas) -> tuple[int, int]:
    """The period a page opens on. Leaders (and the Bagian Administrasi Pembangunan, who see
    every OPD): the last month whose reporting deadline has passed, so that the figures are
    not those of a month still being reported. Operators: the month they are reporting."""
    if user.lihat_semua_opd:
        return periode_jatuh_tempo(sekarang, batas)
    hari_ini = timezone.localdate(sekarang)
    return hari_ini.year, bulan_bawaan(hari_ini.year, hari_ini)


class ParameterSalah(Exception):
    """A GET parameter the page cannot use; ``str()`` is the message for the user."""

    def __init__(self, pesan: str, status: int = 400):
        super().__init__(pesan)
        self.status = status


def _baca_periode(get, tahun_tersedia: list[int], bawaan: tuple[int, int]) -> tuple[int, int]:
    """The period asked for in the GET parameters; what is not asked for comes from
    ``bawaan`` (``periode_bawaan``), or the nearest year with a budget."""
    teks_tahun = get.get("tahun", "").strip()
    if not teks_tahun:
        if bawaan[0] in tahun_tersedia and not get.get("bulan", "").strip():
            return bawaan
        tahun = bawaan[0] if bawaan[0] in tahun_tersedia else tahun_tersedia[0]
    else:
        try:
            tahun = int(teks_tahun)
        except ValueError:
            raise ParameterSalah(
                f"Tahun “{teks_tahun}” tidak dikenali; tulis tahun dengan empat angka, "
                f"mis. {tahun_tersedia[0]}."
            ) from None
        if tahun not in tahun_tersedia:
            raise ParameterSalah(
                f"Belum ada data anggaran untuk tahun {tahun}. Tahun yang tersedia: "
                f"{', '.join(map(str, tahun_tersedia))}.",
                status=404,
            )
    teks_bulan = get.get("bulan", "").strip()
    if not teks_bulan:
        if tahun == bawaan[0]:
            return bawaan
        return tahun, 12 if tahun < bawaan[0] else 1
    try:
        bulan = int(teks_bulan)
    except ValueError:
        bulan = 0
    if not 1 <= bulan <= 12:
        raise ParameterSalah(
            f"Bulan “{teks_bulan}” tidak dikenali; pilih 1 (Januari) sampai 12 (Desember)."
        )
    return tahun, bulan


# Sortable columns of the OPD table: key -> (value of a row, first direction is descending).
# Rows whose value is None (a percentage that cannot be computed) always go last.
KOLOM_URUT = {
    "peringkat": (lambda r: r.peringkat, False),
    "opd": (lambda r: r.nama.casefold(), False),
    "pagu": (lambda r: r.angka.pagu, True),
    "target": (lambda r: r.angka.target_anggaran_kas, True),
    "realisasi": (lambda r: r.angka.realisasi, True),
    "persen_realisasi": (lambda r: r.angka.persen_realisasi, True),
    "persen_target": (lambda r: r.angka.persen_target, True),
    "capaian": (lambda r: r.angka.capaian_anggaran_kas, True),
    "deviasi": (lambda r: r.angka.deviasi, True),
    "fisik": (lambda r: r.angka.fisik, True),
}


def _baca_urut(teks: str) -> tuple[str, bool]:
    """``"-pagu"`` -> ("pagu", descending). Unknown keys fall back to the ranking."""
    turun = teks.startswith("-")
    kunci = teks.lstrip("-")
    if kunci not in KOLOM_URUT:
        return "peringkat", False
    return kunci, turun


def _urutkan(baris: list[BarisOPD], kunci: str, turun: bool) -> list[BarisOPD]:
    nilai = KOLOM_URUT[kunci][0]
    ada = [b for b in baris if nilai(b) is not None]
    kosong = [b for b in baris if nilai(b) is None]
    # Ties keep the ranking order (sorted() is stable and ``baris`` arrives ranked).
    return sorted(ada, key=nilai, reverse=turun) + kosong


# The sort key (``?urut=``) of a figure column whose key in ``lib.kolom`` is longer.
URUT_KOLOM = {"target_anggaran_kas": "target", "capaian_anggaran_kas": "capaian"}

# The OPD table's sortable headers, in display order: (key, label, CSS class); the figure
# columns are the Rakor table's (``lib.kolom``).
JUDUL_OPD = (
    ("peringkat", "No.", "kolom-no"),
    ("opd", "Perangkat daerah", "kolom-nama"),
    *((URUT_KOLOM.get(k.kunci, k.kunci), k.label_pendek, "angka") for k in KOLOM_TABEL),
)


def _judul_kolom(dasar: dict, kunci_aktif: str, turun_aktif: bool) -> list[dict]:
    """Each sortable header with the link that sorts by it (the active column's link flips
    the direction) and, for the active column, its aria-sort state."""
    hasil = []
    for kunci, label, kelas in JUDUL_OPD:
        if kunci == kunci_aktif:
            turun = not turun_aktif
            aria = "descending" if turun_aktif else "ascending"
        else:
            turun, aria = KOLOM_URUT[kunci][1], ""
        urut = ("-" if turun else "") + kunci
        hasil.append({
            "label": label,
            "kelas": kelas,
            "url": "?" + urlencode({**dasar, "urut": urut}) + "#peringkat-opd",
            "aria": aria,
        })
    return hasil


def _tahun_tersedia() -> list[int]:
    ada_rincian = RincianAnggaran.objects.filter(tahun=OuterRef("pk"))
    return list(
        TahunAnggaran.objects.filter(Exists(ada_rincian))
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )


@login_required
def dasbor(request):
    tembolok.versi_awal(request)  # before any data is read (evaluation/tembolok.py)
    # Kept per data version (evaluation/tembolok.py): the token is read here if not before.
    versi = tembolok.versi_awal(request)
    tahun_tersedia = tembolok_proses.ambil(("tahun-tersedia",), _tahun_tersedia, versi=versi)
    konteks = {"tahun_tersedia": tahun_tersedia, "nama_bulan": list(enumerate(NAMA_BULAN, 1))}
    if not tahun_tersedia:
        konteks["pesan"] = (
            "Belum ada data anggaran di SIAP. Data master dan pagu diisi oleh Bagian "
            "Administrasi Pembangunan."
        )
        return render(request, "evaluation/dasbor.html", konteks)
    sekarang, batas = timezone.now(), peta_batas()
    try:
        tahun, bulan = _baca_periode(request.GET, tahun_tersedia,
                                     periode_bawaan(request.user, sekarang, batas))
    except ParameterSalah as exc:
        konteks["pesan"] = str(exc)
        return render(request, "evaluation/dasbor.html", konteks, status=exc.status)

    if request.user.lihat_semua_opd:  # the pack's PDF laid out ahead for the leader's download
        siapkan_pdf(tahun, bulan, versi)
    isi, tersimpan = tembolok.dasbor(request, konteks, tahun, bulan, sekarang, batas)
    if tersimpan is not None:  # kept per data version, period, order, viewer, deadlines
        return tersimpan
    hasil = hitung_rekap(tahun, bulan)
    cakupan = ambil_cakupan(tahun, bulan, sekarang, batas)
    data, r = hasil.data, hasil.rekap

    terlihat = cakupan_opd(request.user)
    semua_baris = []
    for k in r.opd:
        if k.kunci not in terlihat:
            continue
        kode, nama = label_opd(data, k.kunci)
        semua_baris.append(BarisOPD(k.peringkat, kode, nama, k.angka, k.kunci,
                                    cakupan.untuk(k.kunci)))
    kunci_urut, turun = _baca_urut(request.GET.get("urut", ""))
    baris_opd = _urutkan(semua_baris, kunci_urut, turun)

    akhir = akhir_bulan(tahun, bulan)
    t = r.total
    dasar = {"tahun": tahun, "bulan": bulan}
    urut = ("-" if turun else "") + kunci_urut
    # A chosen order survives a change of period; the default one stays out of the URL.
    urut_tetap = {} if urut == "peringkat" else {"urut": urut}
    konteks.update(konteks_cakupan(cakupan, sekarang, batas))
    konteks.update({
        "tahun": tahun,
        "bulan": bulan,
        "batas": tanggal_panjang(akhir),
        "nama_bulan_batas": NAMA_BULAN[bulan - 1],
        "versi": data.versi,
        "total": t,
        "kalimat_utama": kalimat_utama(
            akhir,
            pagu=t.pagu,
            target_anggaran_kas=t.target_anggaran_kas,
            realisasi=t.realisasi,
            persen_realisasi=t.persen_realisasi,
            persen_target=t.persen_target,
            capaian_anggaran_kas=t.capaian_anggaran_kas,
        ),
        "triwulan": pintasan_triwulan(tahun, **urut_tetap),
        "baris_opd": baris_opd,
        "jumlah_opd": len(r.opd),
        "terbatas": terlihat.terbatas,
        "urut_tetap": urut_tetap.get("urut"),
        "judul_opd": _judul_kolom(dasar, kunci_urut, turun),
        "per_sumber_dana": baris_kelompok(r.sumber_dana, data.sumber_dana),
        "per_jenis_belanja": baris_kelompok(r.jenis_belanja, data.jenis_belanja),
        "sebaran": baris_sebaran(r.sebaran),
        "sebaran_fisik": baris_sebaran(sebaran_fisik_rekap(hasil)),
        "jumlah_sub_kegiatan": sum(r.sebaran.values()),
        "hasil_rekap": hasil,  # kinerja/_dasbor.html adds up the outcome indicators' sub kegiatan
        "periode": urlencode(dasar),
        "kurva": grafik_kurva(seri_kurva(tahun, bulan, versi=data.versi), "pemda",
                              tanggal_panjang(akhir), "kurva-pemda"),
        "dak_fisik": dak_fisik(hasil),
        "per_kelompok_belanja": [BarisKelompok("", nama, a)
                                 for nama, a in per_kelompok_belanja(hasil)],
        "kecamatan": [
            BarisOPD(k.peringkat, *label_opd(data, k.kunci), k.angka, k.kunci,
                     cakupan.untuk(k.kunci))
            for k in kecamatan(hasil)
            if k.kunci in terlihat
        ],
    })
    konteks["total_kecamatan"] = gabungkan_angka(b.angka for b in konteks["kecamatan"])
    return isi.tampilkan(request, "evaluation/dasbor.html", konteks)


def pintasan_triwulan(tahun: int, **tetap) -> list[dict]:
    """The TW I–IV shortcuts of a Rakor page: the cut-off at the end of each quarter."""
    return [
        {"label": f"TW {romawi}", "bulan": (i + 1) * 3, "bulan_awal": i * 3 + 1,
         "url": "?" + urlencode({"tahun": tahun, "bulan": (i + 1) * 3, **tetap})}
        for i, romawi in enumerate(TRIWULAN_ROMAWI)
    ]


def konteks_cakupan(cakupan: Cakupan, sekarang, batas) -> dict:
    """The coverage line of a Rakor page and, for a month whose reports are still coming in,
    the notice with a link to the last month already due."""
    hasil = {"cakupan": cakupan, "masa_lapor": None}
    if cakupan.berjalan:
        tahun, bulan = periode_jatuh_tempo(sekarang, batas)
        hasil["masa_lapor"] = {
            "batas": cakupan.batas,
            "bulan": f"{NAMA_BULAN[cakupan.bulan - 1]} {cakupan.tahun}",
            "bulan_tempo": f"{NAMA_BULAN[bulan - 1]} {tahun}",
            "url_tempo": "?" + urlencode({"tahun": tahun, "bulan": bulan}),
        }
    return hasil


def periode_halaman(request, template: str, *, cakupan: bool = True,
                    **tambahan) -> tuple[dict, int | None, int | None, object]:
    """The period of a Rakor page from its GET parameters: ``(konteks, tahun, bulan, None)``,
    or ``(konteks, None, None, response)`` with the page rendering the message when the
    parameters cannot be used (the drill-down pages share the dashboard's rules). The
    context carries the month's coverage (``cakupan``) and, while the month is still being
    reported, the notice (``masa_lapor``) — unless ``cakupan=False`` (a page without figures,
    or one that fetches the coverage itself)."""
    # Kept per data version (evaluation/tembolok.py): the token is read here if not before.
    versi = tembolok.versi_awal(request)
    tahun_tersedia = tembolok_proses.ambil(("tahun-tersedia",), _tahun_tersedia, versi=versi)
    konteks = {"tahun_tersedia": tahun_tersedia, "nama_bulan": list(enumerate(NAMA_BULAN, 1)),
               "periode": "", **tambahan}
    if not tahun_tersedia:
        konteks["pesan"] = "Belum ada data anggaran di SIAP."
        return konteks, None, None, render(request, template, konteks, status=404)
    sekarang, batas = timezone.now(), peta_batas()
    try:
        tahun, bulan = _baca_periode(request.GET, tahun_tersedia,
                                     periode_bawaan(request.user, sekarang, batas))
    except ParameterSalah as exc:
        konteks["pesan"] = str(exc)
        return konteks, None, None, render(request, template, konteks, status=exc.status)
    if cakupan:
        c = tembolok_proses.ambil(
            ("cakupan", tahun, bulan, tembolok.kunci_waktu(tahun, bulan, sekarang, batas)),
            lambda: ambil_cakupan(tahun, bulan, sekarang, batas), versi=versi)
        konteks.update(konteks_cakupan(c, sekarang, batas))
    konteks.update({
        "tahun": tahun,
        "bulan": bulan,
        "batas": tanggal_panjang(akhir_bulan(tahun, bulan)),
        "nama_bulan_batas": NAMA_BULAN[bulan - 1],
        "periode": urlencode({"tahun": tahun, "bulan": bulan}),
    })
    return konteks, tahun, bulan, None
