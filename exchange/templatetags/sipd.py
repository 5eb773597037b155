"""SIPD pieces for pages of other apps, each one line to place:

- ``{% sipd_selisih_laporan lap %}`` on the verifier's page: the report's lines whose
  realisasi differs from the last SIPD import, with the button to accept SIPD's figures;
- ``{% sipd_isian lap %}`` on the operator's form: "Isi dengan angka SIPD" (pre-fill);
- ``{% sipd_sumber tahun bulan %}`` on figures pages: "Realisasi per SIPD s.d. …, diimpor …".
"""

from django import template

from accounts.akses import boleh_verifikasi
from exchange.sipd.rekonsiliasi import impor_terakhir, rekonsiliasi_laporan, sipd_per_rincian
from lib.rupiah import format_angka

register = template.Library()


@register.inclusion_tag("sipd/_selisih_laporan.html", takes_context=True)
def sipd_selisih_laporan(context, laporan):
    impor, baris = rekonsiliasi_laporan(laporan)
    beda = [b for b in baris if b.selisih]
    request = context.get("request")
    return {"impor": impor, "beda": beda, "jumlah": len(baris), "laporan": laporan,
            "request": request, "csrf_token": context.get("csrf_token"),
            "boleh_terima": request is not None and boleh_verifikasi(request.user)
            and laporan.status != "diverifikasi",
            "total_siap": sum((b.siap_kumulatif for b in baris), 0),
            "total_sipd": sum((b.sipd_kumulatif for b in baris), 0)}


@register.inclusion_tag("sipd/_isian_formulir.html")
def sipd_isian(laporan):
    impor = impor_terakhir(laporan.tahun.tahun, laporan.bulan)
    nilai = sipd_per_rincian(laporan) if impor else {}
    return {"impor": impor, "nilai": [(rid, format_angka(v)) for rid, v in sorted(nilai.items())]}


@register.inclusion_tag("sipd/_sumber_angka.html")
def sipd_sumber(tahun, bulan):
    return {"impor": impor_terakhir(tahun, bulan) if tahun and bulan else None}
