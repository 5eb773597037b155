"""Input of the quarterly section and of the pemda's outcome indicators.

The quarter's values are read by name (``k-<indikator id>`` realisasi, ``j-<indikator id>``
explanation) rather than by declared fields, as the monthly form does: every id the browser
sends reaches ``triwulan.simpan``, which refuses one that is not the OPD's instead of
silently dropping it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from lib.angka import AngkaTidakValid, baca_angka
from lib.periode import NAMA_BULAN

from .models import ArahIndikator, IndikatorPemda
from .triwulan import KOLOM_EVALUASI

_NAMA = re.compile(r"^(?P<kolom>[kj])-(?P<id>[1-9]\d{0,17})$")
BATAS_TEKS = 4000


@dataclass
class IsianTriwulan:
    revisi: int | None
    teks: dict[int, str] = field(default_factory=dict)
    nilai: dict[int, Decimal | None] = field(default_factory=dict)
    penjelasan: dict[int, str] = field(default_factory=dict)
    evaluasi: dict[str, str] = field(default_factory=dict)
    salah: dict[int, str] = field(default_factory=dict)  # indikator id -> reason


def baca_isian(data) -> IsianTriwulan:
    """Empty realisasi is None (not reported yet); a number is read the Indonesian way
    (``1.250``, ``98,5``); what cannot be read goes to ``salah`` with the reason."""
    try:
        revisi = int(data.get("revisi", ""))
    except ValueError:
        revisi = None
    isian = IsianTriwulan(revisi=revisi if revisi is not None and revisi >= 0 else None)
    for nama in data:
        m = _NAMA.match(nama)
        if not m:
            continue
        pk, teks = int(m["id"]), data.get(nama, "")
        if m["kolom"] == "j":
            isian.penjelasan[pk] = teks[:BATAS_TEKS]
            continue
        isian.teks[pk] = teks
        if not teks.strip():
            isian.nilai[pk] = None
            continue
        try:
            isian.nilai[pk] = baca_angka(teks.strip().removesuffix("%"), "id")
        except AngkaTidakValid as exc:
            isian.salah[pk] = str(exc)
    for k in KOLOM_EVALUASI:
        if k in data:
            isian.evaluasi[k] = data.get(k, "")[:BATAS_TEKS]
    return isian


class IndikatorPemdaForm(forms.ModelForm):
    """An outcome indicator with the sub kegiatan that serve it, as codes, one per line."""

    kode_sub_kegiatan = forms.CharField(
        label="Sub kegiatan terkait", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Kode sub kegiatan, satu per baris, mis. 1.02.02.2.02.0015.")

    class Meta:
        model = IndikatorPemda
        fields = ["nama", "satuan", "arah", "urutan", "sumber"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arah"].choices = ArahIndikator.choices
        if self.instance.pk and not self.is_bound:
            self.initial["kode_sub_kegiatan"] = "\n".join(
                s.kode for s in self.instance.sub_kegiatan.order_by("kode"))

    def clean_kode_sub_kegiatan(self):
        from budget.models import SubKegiatan

        kode = [k.strip() for k in self.cleaned_data["kode_sub_kegiatan"].split() if k.strip()]
        ada = {s.kode: s for s in SubKegiatan.objects.filter(kode__in=kode)}
        salah = [k for k in kode if k not in ada]
        if salah:
            raise forms.ValidationError(
                f"Kode sub kegiatan tidak dikenal: {', '.join(salah[:10])}.")
        return [ada[k] for k in dict.fromkeys(kode)]

    def save(self, commit: bool = True):
        obj = super().save(commit=commit)
        if commit:
            obj.sub_kegiatan.set(self.cleaned_data["kode_sub_kegiatan"])
        return obj


class AngkaField(forms.CharField):
    """A number typed the Indonesian way (``1.058``, ``12,36``), not negative."""

    def clean(self, value):
        teks = super().clean(value)
        try:
            d = baca_angka(teks.strip().removesuffix("%"), "id")
        except AngkaTidakValid as exc:
            raise forms.ValidationError(str(exc)) from None
        if d < 0:
            raise forms.ValidationError("Tidak boleh negatif.")
        return d


class TargetPemdaForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    target = AngkaField(label="Target", max_length=30)


class NilaiPemdaForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    bulan = forms.TypedChoiceField(label="Keadaan bulan", coerce=int,
                                   choices=[(i, n) for i, n in enumerate(NAMA_BULAN, 1)])
    nilai = AngkaField(label="Nilai", max_length=30)
    keterangan = forms.CharField(label="Keterangan / sumber", max_length=300, required=False)
