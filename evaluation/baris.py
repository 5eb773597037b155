"""The rows of the figure tables, shared by the pages and the Rakor pack (``paket``): an OPD or
kecamatan with its figures, a group (sumber dana, jenis belanja, kelompok belanja) with its
figures, and the rows of a sebaran."""

from __future__ import annotations

from dataclasses import dataclass

from lib.figures import Angka, Kelompok, hitung_porsi

from .cakupan import StatusLaporanOPD


@dataclass(frozen=True)
class BarisOPD:
    peringkat: int | None
    kode: str
    nama: str
    angka: Angka
    kunci: object = None  # the OPD's id, for the link to its page
    status_laporan: StatusLaporanOPD | None = None  # its report of the cut-off month


@dataclass(frozen=True)
class BarisKelompok:
    kode: str
    nama: str
    angka: Angka


def label_opd(data, kunci) -> tuple[str, str]:
    o = data.opd.get(kunci)
    # An OPD marked inactive after spending still counts in the totals; show it honestly.
    return (o.kode, o.nama) if o else ("", f"Perangkat daerah #{kunci} (tidak aktif)")


def baris_kelompok(daftar: list[Kelompok], label: dict) -> list[BarisKelompok]:
    """Groups with their labels, in the masters' own order (``label`` is built from an
    ordered queryset: sumber dana by urutan, jenis belanja by kode)."""
    posisi = {k: i for i, k in enumerate(label)}
    hasil = []
    for k in sorted(daftar, key=lambda k: posisi.get(k.kunci, len(posisi))):
        m = label.get(k.kunci)
        hasil.append(BarisKelompok(getattr(m, "kode", ""), getattr(m, "nama", str(k.kunci)),
                                   k.angka))
    return hasil


def baris_sebaran(sebaran: dict) -> list[dict]:
    """A sebaran's classes as table rows: label, number of sub kegiatan, share of all."""
    jumlah = sum(sebaran.values())
    return [
        {
            "label": kelas.label,
            "jumlah": n,
            "persen": hitung_porsi(n, jumlah),
        }
        for kelas, n in sebaran.items()
    ]
