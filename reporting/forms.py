"""Input of the monthly report form and of its permasalahan.

The figures grid has one input per budget line and per sub kegiatan, named by id
(``r-<rincian_id>``, ``f-<sub_kegiatan_id>``, ``p-<kode peringatan>``), and one hidden
``semula``: every input's value as the page was loaded (JSON, plain decimals), against which
the save is merged field by field (``reporting.gabung``). After a conflict the page adds, for
each input both sides changed, the user's choice ``pilih-r-<id>`` ("anda" or "tersimpan") and
lists those inputs in ``bentrok``. It is read by
``baca_isian`` rather than a Django form with declared fields on purpose: every id the browser
sends is passed on, so an id that is not the OPD's reaches ``services.simpan``, which refuses it
as forbidden, instead of being silently dropped.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from lib.angka import AngkaTidakValid, baca_angka
from lib.rupiah import desimal

from .gabung import Kunci, Nilai
from .models import KategoriPermasalahan

_NAMA = re.compile(r"^(?P<kolom>[rf])-(?P<id>[1-9]\d{0,17})$")
_PILIH = re.compile(r"^pilih-(?P<kolom>[rf])-(?P<id>[1-9]\d{0,17})$")
PILIH_ANDA = "anda"
PILIH_TERSIMPAN = "tersimpan"
# Warning codes are "<check>:<id>" (validasi.py); anything else is not an explanation.
_KODE = re.compile(r"^[a-z_]{1,40}:\d{1,18}$")


@dataclass(frozen=True)
class SalahBaca:
    """An input that is not a number: which column ("r" realisasi, "f" fisik), whose id,
    what was typed and why it was refused."""

    kolom: str
    id: int
    teks: str
    alasan: str


@dataclass
class IsianLaporan:
    revisi: int | None
    teks_realisasi: dict[int, str] = field(default_factory=dict)
    teks_fisik: dict[int, str] = field(default_factory=dict)
    realisasi: dict[int, Decimal | None] = field(default_factory=dict)
    fisik: dict[int, Decimal | None] = field(default_factory=dict)
    penjelasan: dict[str, str] = field(default_factory=dict)
    salah: list[SalahBaca] = field(default_factory=list)
    semula: dict[Kunci, Nilai] | None = None  # None: the page sent no originals
    pilihan: dict[Kunci, str] = field(default_factory=dict)
    bentrok: list[Kunci] = field(default_factory=list)  # inputs that await a choice

    def nilai(self, kunci: Kunci) -> Nilai:
        return (self.realisasi if kunci[0] == "r" else self.fisik).get(kunci[1])

    def tanpa(self, kunci: Kunci) -> None:
        """Forget what was typed into an input: it is neither written nor shown back."""
        teks, nilai = ((self.teks_realisasi, self.realisasi) if kunci[0] == "r"
                       else (self.teks_fisik, self.fisik))
        teks.pop(kunci[1], None)
        nilai.pop(kunci[1], None)


def semula_json(nilai: dict[Kunci, Nilai]) -> str:
    """The originals as the hidden ``semula`` input carries them."""
    hasil: dict[str, dict[str, str | None]] = {"r": {}, "f": {}}
    for (kolom, pk), v in nilai.items():
        hasil[kolom][str(pk)] = None if v is None else desimal(v)
    return json.dumps(hasil, separators=(",", ":"))


def baca_semula(teks: str) -> dict[Kunci, Nilai] | None:
    """The hidden ``semula`` back; None when absent or unreadable (then the revision alone
    guards the save, as for a client that sends no originals)."""
    try:
        data = json.loads(teks)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    hasil: dict[Kunci, Nilai] = {}
    for kolom in ("r", "f"):
        nilai = data.get(kolom)
        if not isinstance(nilai, dict):
            return None
        for pk, v in nilai.items():
            if not (isinstance(pk, str) and pk.isdigit()) or not (v is None or isinstance(v, str)):
                return None
            try:
                hasil[kolom, int(pk)] = None if v is None else Decimal(v)
            except InvalidOperation:
                return None
    return hasil


def baca_fisik(teks: str) -> Decimal:
    """A percentage as typed: Indonesian number, an optional trailing "%"."""
    return baca_angka(teks.strip().removesuffix("%"), "id")


def baca_isian(data) -> IsianLaporan:
    """Parse the POSTed grid. An empty input is None — left blank, which is not zero: a typed
    0 says nothing was spent. Numbers that cannot be read are collected in ``salah``."""
    try:
        revisi = int(data.get("revisi", ""))
    except ValueError:
        revisi = None
    isian = IsianLaporan(revisi=revisi if revisi is not None and revisi >= 0 else None,
                         semula=baca_semula(data.get("semula", "")))
    for teks in data.get("bentrok", "").split(","):
        if m := _NAMA.match(teks.strip()):
            isian.bentrok.append((m["kolom"], int(m["id"])))
    for nama in data:
        if m := _PILIH.match(nama):
            if (pilih := data.get(nama)) in (PILIH_ANDA, PILIH_TERSIMPAN):
                isian.pilihan[m["kolom"], int(m["id"])] = pilih
            continue
        if nama.startswith("p-"):
            kode = nama[2:]
            if _KODE.match(kode):
                isian.penjelasan[kode] = data.get(nama, "")[:4000]
            continue
        m = _NAMA.match(nama)
        if not m:
            continue
        pk, teks = int(m["id"]), data.get(nama, "")
        kosong = not teks.strip()
        try:
            if m["kolom"] == "r":
                isian.teks_realisasi[pk] = teks
                isian.realisasi[pk] = None if kosong else baca_angka(teks, "id")
            else:
                isian.teks_fisik[pk] = teks
                isian.fisik[pk] = None if kosong else baca_fisik(teks)
        except AngkaTidakValid as exc:
            isian.salah.append(SalahBaca(m["kolom"], pk, teks.strip(), str(exc)))
    return isian


# ---------- Permasalahan ----------

_FORMAT_TANGGAL = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def _tanggal() -> forms.DateField:
    return forms.DateField(
        label="Target selesai", required=False, input_formats=_FORMAT_TANGGAL,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal tidak dikenali; tulis seperti 30-06-2025."},
    )


class PermasalahanTambahForm(forms.Form):
    sub_kegiatan = forms.IntegerField(
        label="Sub kegiatan", widget=forms.Select,
        error_messages={"required": "Pilih sub kegiatan yang mengalami permasalahan.",
                        "invalid": "Pilih sub kegiatan dari daftar."},
    )
    kategori = forms.ChoiceField(
        label="Kategori", choices=[("", "— pilih —"), *KategoriPermasalahan.choices],
        error_messages={"required": "Pilih kategori permasalahan.",
                        "invalid_choice": "Kategori “%(value)s” tidak dikenal; pilih dari daftar."},
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab", required=False, max_length=200)
    target_selesai = _tanggal()
    uraian = forms.CharField(
        label="Uraian permasalahan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Uraian permasalahan wajib diisi."},
    )
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def atur_pilihan(self, sub_pilihan) -> None:
        """The OPD's sub kegiatan as ``(id, label)``; only for display — ownership is checked
        by ``permasalahan.tambah``."""
        self.fields["sub_kegiatan"].widget.choices = [("", "— pilih sub kegiatan —"),
                                                      *sub_pilihan]


class PermasalahanUbahForm(forms.Form):
    # The month of the report the page showed: a permasalahan is closed in that month.
    bulan = forms.IntegerField(min_value=1, max_value=12, widget=forms.HiddenInput)
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab", required=False, max_length=200)
    target_selesai = _tanggal()
    selesai = forms.BooleanField(label="Permasalahan sudah selesai", required=False)


# ---------- Periode pelaporan (verifikator) ----------


class PeriodeBatasForm(forms.Form):
    """A month's deadline: a date and a time (WIB), or back to the default day."""

    tanggal = forms.DateField(
        label="Tanggal batas", required=False, input_formats=_FORMAT_TANGGAL,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Tanggal tidak dikenali; tulis seperti 15-12-2026."},
    )
    jam = forms.TimeField(
        label="Jam (WIB)", initial=datetime.time(23, 59), input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Isi jam batas waktu, mis. 23:59.",
                        "invalid": "Jam tidak dikenali; tulis seperti 23:59."},
    )
    bawaan = forms.BooleanField(label="Kembalikan ke batas bawaan", required=False)
    alasan = forms.CharField(
        label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan wajib diisi; tulis mengapa batas waktu diubah."},
    )

    def clean(self):
        data = super().clean()
        if not data.get("bawaan") and not data.get("tanggal") and "tanggal" not in self.errors:
            self.add_error("tanggal", "Isi tanggal batas waktu, atau centang “Kembalikan ke batas "
                                      "bawaan”.")
        return data

    def batas(self) -> datetime.datetime | None:
        """The deadline as an aware datetime in Asia/Jakarta; None for the default. The minute
        shown is included (23.59 means until 23:59:59), as in the default deadline."""
        if self.cleaned_data["bawaan"]:
            return None
        jam = self.cleaned_data["jam"].replace(second=59, microsecond=0)
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["tanggal"], jam))


class PeriodeKunciForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan wajib diisi; tulis mengapa bulan ini dikunci atau "
                                    "dibuka."},
    )
