"""The layouts SIAP recognises in SIPD files, and how a file's layout is found.

A layout says which column holds each field (``Susunan.posisi``) and where the data starts.
Headers are compared normalised — lower case, only letters and digits — so "KODE SUB UNIT",
"kode_sub_unit" and "Kode Sub-Unit" are the same. Columns a layout does not need are ignored
(SIPD adds and drops columns between releases). A file whose header row matches no layout can
be mapped by hand once; the mapping is saved under the header row's ``tanda`` and used again
for the next file with the same headers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .models import JenisBerkasSipd, PemetaanKolomSipd, TataLetakSipd

BULAN = tuple(f"bulan_{i}" for i in range(1, 13))
NAMA_BULAN_PENDEK = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov",
                     "des")


@dataclass(frozen=True)
class Medan:
    """A field an importer reads: its name, its label for people, and the header texts
    (normalised) that name it in SIPD files."""

    nama: str
    label: str
    judul: tuple[str, ...]
    wajib: bool = False


def _m(nama: str, label: str, *judul: str, wajib: bool = False) -> Medan:
    return Medan(nama, label, tuple(judul), wajib)


_UNIT = (
    _m("kode_skpd", "kode SKPD", "kodeskpd", "kodeopd", "kodeperangkatdaerah"),
    _m("nama_skpd", "nama SKPD", "namaskpd", "namaopd", "namaperangkatdaerah"),
    _m("kode_sub_unit", "kode sub unit", "kodesubunit", "kodesubskpd", "kodeunit"),
    _m("nama_sub_unit", "nama sub unit", "namasubunit", "namasubskpd", "namaunit"),
    _m("kode_sub_kegiatan", "kode sub kegiatan", "kodesubkegiatan", "kodesubgiat",
       wajib=True),
    _m("nama_sub_kegiatan", "nama sub kegiatan", "namasubkegiatan", "namasubgiat"),
)
_SUMBER_DANA = _m("sumber_dana", "sumber dana", "sumberdana", "kodesumberdana",
                  "namasumberdana", "kodedana")
MEDAN: dict[str, tuple[Medan, ...]] = {
    JenisBerkasSipd.REALISASI: (
        *_UNIT,
        _m("kode_rekening", "kode rekening", "koderekening", "kodeakun", wajib=True),
        _m("nama_rekening", "nama rekening", "namarekening", "namaakun", "uraian"),
        _m("pagu", "pagu", "pagu", "anggaran", "paguanggaran"),
        _m("realisasi", "realisasi (kumulatif)", "realisasi", "realisasirill",
           "realisasikumulatif", "nilairealisasi", wajib=True),
        _m("tahun", "tahun", "tahun", "tahunanggaran"),
        _SUMBER_DANA,
    ),
    JenisBerkasSipd.ANGGARAN_KAS: (
        *_UNIT,
        _m("kode_rekening", "kode akun", "kodeakun", "koderekening", wajib=True),
        _m("nama_rekening", "nama akun", "namaakun", "namarekening", "uraian"),
        *(_m(b, f"bulan {i}", f"bulan{i}", NAMA_BULAN_PENDEK[i - 1], wajib=True)
          for i, b in enumerate(BULAN, start=1)),
        _m("total_akb", "total anggaran kas", "totalakb", "total", "jumlah"),
        _m("total_rincian", "total rincian", "totalrincian", "pagu"),
        _m("selisih", "selisih", "selisih"),
        _SUMBER_DANA,
    ),
    JenisBerkasSipd.DPA: (
        *_UNIT,
        _m("kode_rekening", "kode rekening", "koderekening", "kodeakun", wajib=True),
        _m("nama_rekening", "nama rekening", "namarekening", "namaakun", "uraian"),
        _SUMBER_DANA,
        _m("pagu", "pagu", "pagu", "anggaran", "nilai", "jumlah", "total", wajib=True),
    ),
}

# The e-monev variant of the realisasi file (SIPD.md): data from row 2, fields by column letter.
KOLOM_HURUF = {"kode_sub_unit": "B", "nama_skpd": "C", "nama_sub_unit": "E",
               "kode_sub_kegiatan": "R", "nama_sub_kegiatan": "S", "kode_rekening": "T",
               "nama_rekening": "U", "realisasi": "AB"}
POLA_SKPD_22 = re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
POLA_SUB = re.compile(r"^[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")
POLA_REKENING = re.compile(r"^\d+(\.\d+){0,5}$")


def normal(teks) -> str:
    return re.sub(r"[^a-z0-9]", "", str(teks if teks is not None else "").lower())


def tanda_judul(judul) -> str:
    return hashlib.sha256("\x1f".join(normal(j) for j in judul).encode()).hexdigest()


def huruf(i: int) -> str:
    return get_column_letter(i + 1)


def indeks_huruf(h: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(h) - 1


@dataclass
class Susunan:
    """A file's layout: where each field is (0-based column), how to name it in a message,
    and the first data row."""

    jenis: str
    tata_letak: str
    posisi: dict[str, int]
    label: dict[str, str] = field(default_factory=dict)
    baris_data: int = 2
    gaya: str = "polos"  # numbers written as text: "polos" 1250000.50 or "id" 1.250.000,50

    def nama_kolom(self, medan: str) -> str:
        return self.label.get(medan, medan)


def medan(jenis: str) -> tuple[Medan, ...]:
    return MEDAN[jenis]


def dari_judul(jenis: str, judul: tuple) -> Susunan | None:
    """The header-set layout: every required field found among the headers (first match
    wins); None when one is missing."""
    tempat: dict[str, int] = {}
    for i, j in enumerate(judul):
        n = normal(j)
        if not n:
            continue
        for m in MEDAN[jenis]:
            if n in m.judul and m.nama not in tempat:
                tempat[m.nama] = i
                break
    if not _lengkap(jenis, tempat):
        return None
    label = {m: f"{str(judul[i]).strip()}" for m, i in tempat.items()}
    return Susunan(jenis, TataLetakSipd.JUDUL, tempat, label, 2)


def _lengkap(jenis: str, posisi: dict) -> bool:
    perlu = [m.nama for m in MEDAN[jenis] if m.wajib]
    return all(p in posisi for p in perlu) and ("kode_skpd" in posisi or "kode_sub_unit" in posisi)


def kurang(jenis: str, posisi: dict) -> list[str]:
    """Labels of the fields a mapping still lacks."""
    hasil = [m.label for m in MEDAN[jenis] if m.wajib and m.nama not in posisi]
    if "kode_skpd" not in posisi and "kode_sub_unit" not in posisi:
        hasil.insert(0, "kode SKPD atau kode sub unit")
    return hasil


def _teks(sel: tuple, h: str) -> str:
    i = indeks_huruf(h)
    return str(sel[i]).strip() if i < len(sel) and sel[i] is not None else ""


def kolom_huruf(contoh: list[tuple]) -> Susunan | None:
    """The column-letter variant: the first data rows (from row 2) hold a 22-character kode
    SKPD in B, a sub kegiatan code in R and a kode rekening in T."""
    isi = [s for s in contoh[1:] if any(v not in (None, "") for v in s)]
    if not isi:
        return None
    for sel in isi[:3]:
        if not (POLA_SKPD_22.match(_teks(sel, "B")) and POLA_SUB.match(_teks(sel, "R"))
                and POLA_REKENING.match(_teks(sel, "T"))):
            return None
    posisi = {m: indeks_huruf(h) for m, h in KOLOM_HURUF.items()}
    label = {m: f"{h} ({_label(JenisBerkasSipd.REALISASI, m)})" for m, h in KOLOM_HURUF.items()}
    return Susunan(JenisBerkasSipd.REALISASI, TataLetakSipd.KOLOM, posisi, label, 2)


def _label(jenis: str, nama: str) -> str:
    return next(m.label for m in MEDAN[jenis] if m.nama == nama)


def tersimpan(jenis: str, judul: tuple) -> Susunan | None:
    """A mapping saved for exactly this header row."""
    p = PemetaanKolomSipd.objects.filter(jenis=jenis, tanda=tanda_judul(judul)).first()
    if p is None:
        return None
    return dari_pemetaan(jenis, judul, p.posisi, TataLetakSipd.PEMETAAN)


def dari_pemetaan(jenis: str, judul: tuple, posisi: dict, tata_letak=TataLetakSipd.PEMETAAN
                  ) -> Susunan | None:
    posisi = {m: int(i) for m, i in posisi.items()
              if i is not None and str(i) != "" and 0 <= int(i) < len(judul)}
    if not _lengkap(jenis, posisi):
        return None
    label = {m: f"{huruf(i)} ({str(judul[i]).strip() or _label(jenis, m)})"
             for m, i in posisi.items()}
    return Susunan(jenis, tata_letak, posisi, label, 2)


def kenali(jenis: str, contoh: list[tuple], *, pemetaan: dict | None = None) -> Susunan | None:
    """The layout of a file from its first rows (row 1 first): a mapping chosen now, the
    SIPD header set, the column-letter variant, or a mapping saved earlier; None: unknown."""
    judul = contoh[0] if contoh else ()
    if pemetaan is not None:
        return dari_pemetaan(jenis, judul, pemetaan, TataLetakSipd.PEMETAAN)
    return (dari_judul(jenis, judul)
            or (kolom_huruf(contoh) if jenis == JenisBerkasSipd.REALISASI else None)
            or tersimpan(jenis, judul))


# For guessing in the mapping step: (field, words one of which the header contains, and
# whether it is a code "kd/kode", a name "nm/nama" or neither).
_KIRA = (("kode_skpd", ("skpd", "opd"), "kode"), ("nama_skpd", ("skpd", "opd"), "nama"),
         ("kode_sub_unit", ("unit",), "kode"), ("nama_sub_unit", ("unit",), "nama"),
         ("kode_sub_kegiatan", ("subkeg", "subgiat"), "kode"),
         ("nama_sub_kegiatan", ("subkeg", "subgiat"), "nama"),
         ("kode_rekening", ("rek", "akun"), "kode"), ("nama_rekening", ("rek", "akun"), "nama"),
         ("pagu", ("pagu", "anggaran"), ""), ("realisasi", ("real",), ""),
         ("tahun", ("thn", "tahun"), ""), ("sumber_dana", ("sumber", "dana"), ""))


def _kira(n: str) -> str | None:
    jenis = "kode" if n.startswith(("kd", "kode")) else "nama" if n.startswith(("nm", "nama")) \
        else ""
    return next((m for m, kata, j in _KIRA if j == jenis and any(k in n for k in kata)), None)


def tebakan(jenis: str, judul: tuple) -> dict[str, int]:
    """For the mapping step: what each header already says, a saved mapping of the same kind
    whose header texts are found in this row, then a guess from the words of the header."""
    hasil: dict[str, int] = {}
    for i, j in enumerate(judul):
        for m in MEDAN[jenis]:
            if normal(j) in m.judul and m.nama not in hasil:
                hasil[m.nama] = i
    cari = {normal(j): i for i, j in enumerate(judul) if normal(j)}
    for p in PemetaanKolomSipd.objects.filter(jenis=jenis)[:20]:
        for m, i in p.posisi.items():
            if m not in hasil and isinstance(i, int) and i < len(p.judul):
                j = cari.get(normal(p.judul[i]))
                if j is not None:
                    hasil[m] = j
    boleh = {m.nama for m in MEDAN[jenis]}
    for i, j in enumerate(judul):
        m = _kira(normal(j))
        if m in boleh and m not in hasil and i not in hasil.values():
            hasil[m] = i
    return hasil
