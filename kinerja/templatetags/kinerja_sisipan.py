"""The parts kinerja adds to pages of other apps, each placed there by one include line
(``kinerja/_dasbor.html``, ``_tautan_laporan.html``, ``_pemeriksaan.html``)."""

from django import template
from django.urls import reverse

from lib.periode import TRIWULAN_ROMAWI

from .. import triwulan as layanan
from ..pemda import panel
from ..susunan import susun

register = template.Library()


@register.inclusion_tag("kinerja/_indikator_pemda_dasbor.html", takes_context=True)
def indikator_pemda_dasbor(context):
    """The pemda's outcome indicators on the dashboard, beside the budget of the sub kegiatan
    tagged to them — added up from the dashboard's own figures (``hasil_rekap``)."""
    tahun, bulan = context.get("tahun"), context.get("bulan")
    if not tahun or not bulan:
        return {"panel": []}
    return {"panel": panel(tahun, bulan, context.get("hasil_rekap")), "tahun": tahun,
            "bulan": bulan, "batas": context.get("batas")}


@register.simple_tag
def url_kinerja_triwulan(lap) -> str:
    """The quarterly section of a report that closes a quarter ("" for other months)."""
    if not lap.bulan or lap.bulan % 3:
        return ""
    return reverse("kinerja:triwulan", args=[lap.opd_id, lap.tahun.tahun, lap.bulan // 3])


@register.inclusion_tag("kinerja/_pemeriksaan_isi.html")
def kinerja_pemeriksaan(lap):
    """On the verification page of a quarter's last report: what its quarterly section holds
    (four queries), read-only."""
    if not lap.pk or lap.bulan % 3:
        return {"ada": False}
    tw = lap.bulan // 3
    isi = layanan.muat(lap.opd_id, lap.tahun.tahun, tw)
    nilai, penjelasan = isi.nilai(tw), isi.penjelasan(tw)
    lewat = {p.indikator.pk: p for p in layanan.peringatan(isi.indikator, nilai, penjelasan, tw)}
    baris = [{"baris": b, "indikator": [
        {"ind": i, "nilai": nilai.get(i.pk), "target_tw": i.target_triwulan[tw - 1],
         "peringatan": lewat.get(i.pk), "penjelasan": penjelasan.get(i.pk, "")}
        for i in b.indikator]} for b in susun([], isi.indikator)]
    return {"ada": True, "lap": lap, "tw": tw, "romawi": TRIWULAN_ROMAWI[tw - 1],
            "baris": baris, "ev": isi.evaluasi, "jumlah": len(isi.indikator),
            "belum": sum(1 for i in isi.indikator if nilai.get(i.pk) is None),
            "url": url_kinerja_triwulan(lap)}


@register.simple_tag
def triwulan_selesai(bulan) -> int:
    """The last quarter completed by the end of ``bulan`` (TW I before March ends)."""
    return max(1, int(bulan) // 3)
