"""The upload form of the import page (``exchange.views``)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils import timezone

from budget.models import JenisVersi
from reporting.unggah import periksa_ukuran

JENIS_IMPOR = [
    ("anggaran", "Anggaran (DPA: pagu dan anggaran kas)"),
    ("realisasi", "Realisasi keuangan (per rincian per bulan)"),
    ("fisik", "Realisasi fisik (per sub kegiatan per bulan)"),
]
GAYA_ANGKA = [
    ("polos", "Polos — 1250000.50 (tanpa pemisah ribuan, titik desimal)"),
    ("id", "Indonesia — 1.250.000,50 (titik ribuan, koma desimal)"),
]
AKHIRAN = (".csv", ".xlsx")


class UnggahForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis data", choices=JENIS_IMPOR, widget=forms.RadioSelect,
                              error_messages={"required": "Pilih jenis data yang diimpor."})
    tahun = forms.IntegerField(
        label="Tahun anggaran", min_value=2000, max_value=2100,
        error_messages={"required": "Tahun anggaran wajib diisi.",
                        "invalid": "Tahun anggaran harus berupa angka, mis. 2025."},
    )
    versi = forms.ChoiceField(
        label="Versi anggaran", required=False, choices=[("", "— pilih —"), *JenisVersi.choices],
        help_text="Hanya untuk impor anggaran.",
    )
    berlaku = forms.DateField(
        label="Berlaku mulai", required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Hanya untuk impor anggaran: tanggal versi ini mulai berlaku.",
        error_messages={"invalid": "Tanggal tidak dikenali; tulis seperti 01-01-2025."},
    )
    buat_master = forms.BooleanField(
        label="Buat master baru", required=False,
        help_text="Hanya untuk impor anggaran: kode perangkat daerah, sub kegiatan, sumber dana "
                  "atau jenis belanja yang belum dikenal dibuat sebagai data master baru.",
    )
    angka = forms.ChoiceField(label="Gaya angka teks", choices=GAYA_ANGKA, initial="polos",
                              widget=forms.RadioSelect,
                              help_text="Berlaku untuk angka yang ditulis sebagai teks (CSV).")
    berkas = forms.FileField(
        label="Berkas (.csv atau .xlsx)",
        error_messages={"required": "Pilih berkas yang akan diimpor.",
                        "empty": "Berkas yang diunggah kosong (0 byte)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year
        self.fields["berkas"].widget.attrs["accept"] = ",".join(AKHIRAN)

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        akhiran = Path(berkas.name).suffix.lower()
        if akhiran not in AKHIRAN:
            raise forms.ValidationError(
                f"Jenis berkas {akhiran or '(tanpa akhiran)'} tidak didukung; pakai .csv atau .xlsx.")
        periksa_ukuran(berkas)
        return berkas

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        if jenis == "anggaran":
            if not data.get("versi"):
                self.add_error("versi", "Impor anggaran membutuhkan versi anggaran.")
            if not data.get("berlaku") and "berlaku" not in self.errors:
                self.add_error("berlaku", "Impor anggaran membutuhkan tanggal berlaku.")
        elif jenis and data.get("buat_master"):
            self.add_error("buat_master", "Master baru hanya dapat dibuat lewat impor anggaran.")
        return data
