"""The forms of the SIPD pages: upload, column mapping, sub unit mapping."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils import timezone

from budget.models import JenisVersi, PerangkatDaerah, SumberDana
from reporting.unggah import periksa_ukuran

from ..forms import GAYA_ANGKA
from . import tata_letak as tl
from .models import PemetaanUnitSipd

JENIS = [("realisasi", "Realisasi per rekening (kumulatif s.d. tanggal batas)"),
         ("anggaran", "Anggaran kas (dan rincian DPA) ke satu versi anggaran")]
AKHIRAN = (".csv", ".xlsx", ".json")


def _berkas(label: str, wajib: bool = True) -> forms.FileField:
    f = forms.FileField(label=label, required=wajib, error_messages={
        "required": "Pilih berkas yang akan diimpor.", "empty": "Berkas yang diunggah kosong."})
    f.widget.attrs["accept"] = ",".join(AKHIRAN)
    return f


class UnggahSipdForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis berkas SIPD", choices=JENIS, widget=forms.RadioSelect,
                              initial="realisasi")
    tanggal = forms.DateField(
        label="Tanggal batas (s.d.)", required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Realisasi: tanggal akhir bulan, mis. 30-11-2025 (bulan berjalan: tanggal "
                  "berapa pun s.d. hari ini).",
        error_messages={"invalid": "Tanggal tidak dikenali; tulis seperti 30-11-2025."})
    tahun = forms.IntegerField(label="Tahun anggaran", required=False, min_value=2000,
                               max_value=2100)
    versi = forms.ChoiceField(label="Versi anggaran", required=False,
                              choices=[("", "— pilih —"), *JenisVersi.choices])
    berlaku = forms.DateField(label="Berlaku mulai", required=False,
                              input_formats=["%Y-%m-%d", "%d-%m-%Y"],
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    nama = forms.CharField(label="Nama versi", required=False, max_length=100)
    buat_master = forms.BooleanField(label="Buat master baru", required=False)
    sumber_dana = forms.ModelChoiceField(
        label="Sumber dana bawaan", required=False, queryset=SumberDana.objects.all(),
        to_field_name="kode", empty_label="— tidak ada —",
        help_text="Anggaran: untuk baris tanpa sumber dana bila tidak ada berkas DPA.")
    angka = forms.ChoiceField(label="Gaya angka teks", choices=GAYA_ANGKA, initial="polos",
                              widget=forms.RadioSelect)
    berkas = _berkas("Berkas SIPD (.csv, .xlsx atau .json)")
    berkas_dpa = _berkas("Berkas rincian DPA (boleh kosong)", wajib=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year

    def _cek(self, nama: str):
        b = self.cleaned_data.get(nama)
        if b is not None:
            akhiran = Path(b.name).suffix.lower()
            if akhiran not in AKHIRAN:
                raise forms.ValidationError(f"Jenis berkas {akhiran or '(tanpa akhiran)'} tidak "
                                            f"didukung; pakai .csv, .xlsx atau .json.")
            periksa_ukuran(b)
        return b

    def clean_berkas(self):
        return self._cek("berkas")

    def clean_berkas_dpa(self):
        return self._cek("berkas_dpa")

    def clean(self):
        d = super().clean()
        if d.get("jenis") == "realisasi":
            if not d.get("tanggal") and "tanggal" not in self.errors:
                self.add_error("tanggal", "Impor realisasi membutuhkan tanggal batas.")
            if d.get("berkas_dpa"):
                self.add_error("berkas_dpa", "Berkas DPA hanya untuk impor anggaran.")
        elif d.get("jenis") == "anggaran":
            for f, pesan in (("tahun", "tahun anggaran"), ("versi", "versi anggaran"),
                             ("berlaku", "tanggal berlaku")):
                if not d.get(f) and f not in self.errors:
                    self.add_error(f, f"Impor anggaran membutuhkan {pesan}.")
        return d


class PemetaanForm(forms.Form):
    """One select per field: which column of the file holds it."""

    simpan = forms.BooleanField(label="Simpan pemetaan ini untuk berkas berikutnya dengan judul "
                                      "kolom yang sama", required=False, initial=True)

    def __init__(self, *args, jenis: str, judul: tuple, awal: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.jenis = jenis
        pilihan = [("", "— tidak ada —")] + [
            (str(i), f"{tl.huruf(i)}: {str(j).strip() or '(tanpa judul)'}")
            for i, j in enumerate(judul)]
        for m in tl.medan(jenis):
            self.fields[f"m_{m.nama}"] = forms.ChoiceField(
                label=m.label + (" *" if m.wajib else ""), choices=pilihan, required=False,
                initial=str(awal[m.nama]) if m.nama in awal else "")

    def medan_terpilih(self):
        return [self[f"m_{m.nama}"] for m in tl.medan(self.jenis)]

    def clean(self):
        d = super().clean()
        posisi = {k[2:]: int(v) for k, v in d.items() if k.startswith("m_") and v != ""}
        if kurang := tl.kurang(self.jenis, posisi):
            raise forms.ValidationError("Belum dipetakan: " + ", ".join(kurang) + ".")
        d["posisi"] = posisi
        return d


class UnitForm(forms.ModelForm):
    opd = forms.ModelChoiceField(label="Perangkat daerah SIAP",
                                 queryset=PerangkatDaerah.objects.filter(aktif=True))

    class Meta:
        model = PemetaanUnitSipd
        fields = ["kode", "nama", "opd"]
        labels = {"kode": "Kode SKPD / sub unit di SIPD", "nama": "Nama di SIPD"}
