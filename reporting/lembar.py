"""The pre-filled monthly realisasi sheet of one OPD (lembar isian): built here, read back by
``lembar_baca``.

The operator downloads the sheet of their report, fills "Realisasi bulan ini" per budget line
and "Fisik s.d. bulan ini" per sub kegiatan in Excel, and uploads it into the same report. Codes,
names and pagu are locked (sheet protection; only the yellow cells are editable), but the
server trusts nothing of it: rows are mapped back to lines by their codes, never by position,
the identity sheet must name this OPD and month, and the figures then go through the report
form's own path (``reporting.services.simpan``: validation, revision check, all or nothing).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from lib.periode import nama_bulan
from lib.sel import sel_aman

LEMBAR_REALISASI = "Realisasi"
LEMBAR_FISIK = "Fisik"
LEMBAR_IDENTITAS = "Identitas"
BARIS_JUDUL = 4  # rows 1–3: title and instructions; data from row 5
FORMAT_RP = "#,##0.00"
FORMAT_PERSEN = "0.00"

KOLOM_REALISASI = (
    ("Kode sub kegiatan", 20), ("Nama sub kegiatan", 42), ("Sumber dana", 12),
    ("Kode jenis belanja", 12), ("Jenis belanja", 30), ("Pagu (Rp)", 20),
    ("Anggaran kas bulan ini (Rp)", 20), ("Realisasi s.d. bulan lalu (Rp)", 20),
    ("Realisasi bulan ini (Rp)", 22),
)
KOLOM_FISIK = (
    ("Kode sub kegiatan", 20), ("Nama sub kegiatan", 48), ("Pagu (Rp)", 20),
    ("Fisik bulan lalu (%)", 14), ("Target fisik bulan ini (%)", 14),
    ("Fisik s.d. bulan ini (%)", 16),
)
ISIAN_REALISASI = len(KOLOM_REALISASI)  # 1-based column of the editable cell
ISIAN_FISIK = len(KOLOM_FISIK)
# A hidden, locked column after the editable one: the value the cell held when the sheet was
# downloaded, so an upload is merged field by field like the form (reporting.gabung) instead
# of being refused whole when the report moved on meanwhile.
KOLOM_SEMULA = "Nilai saat diunduh (jangan diubah)"


@dataclass(frozen=True)
class GalatLembar:
    """One problem with the uploaded sheet: sheet, row, column, value and reason."""

    lembar: str
    baris: int | None
    kolom: str
    nilai: str
    alasan: str

    def __str__(self) -> str:
        if self.baris is None:
            return f"Lembar isian: {self.alasan}"
        return (f"Lembar {self.lembar}, baris {self.baris}, kolom {self.kolom}, nilai "
                f"{self.nilai!r}: {self.alasan}")


BATAS_GALAT_LEMBAR = 200


class DaftarGalatLembar(list):
    """The sheet's errors, keeping the first ``batas``: a sheet of a million bad rows does not
    hold a million messages. ``jumlah`` counts them all; ``daftar()`` ends, when some were
    left out, with "… dan N galat lainnya"."""

    def __init__(self, batas: int = BATAS_GALAT_LEMBAR):
        super().__init__()
        self.batas, self.jumlah = batas, 0

    def append(self, g: GalatLembar) -> None:
        self.jumlah += 1
        if len(self) < self.batas:
            super().append(g)

    def daftar(self) -> list[GalatLembar]:
        hasil = list(self)
        if self.jumlah > len(hasil):
            lain = f"{self.jumlah - len(hasil):,}".replace(",", ".")
            hasil.append(GalatLembar("", None, "", "", f"… dan {lain} galat lainnya tidak "
                                                       f"ditampilkan"))
        return hasil


@dataclass
class IsianLembar:
    """What the sheet says, keyed like the report form (rincian id, sub kegiatan id)."""

    revisi: int | None = None
    realisasi: dict[int, Decimal | None] = field(default_factory=dict)  # None: left blank
    fisik: dict[int, Decimal | None] = field(default_factory=dict)
    # What each row's cell held at download, keyed ("r", rincian id) / ("f", sub kegiatan
    # id); None when the sheet has no such column (made before it existed).
    semula: dict[tuple[str, int], Decimal | None] | None = None
    teks_realisasi: dict[int, str] = field(default_factory=dict)
    teks_fisik: dict[int, str] = field(default_factory=dict)
    baris_rincian: dict[int, int] = field(default_factory=dict)  # rincian id -> sheet row
    baris_sub: dict[int, int] = field(default_factory=dict)
    galat: DaftarGalatLembar = field(default_factory=lambda: DaftarGalatLembar())


# ----------------------------------------------------------------------------- building


def identitas_lembar(lap) -> list[tuple[str, object]]:
    return [("kode_opd", lap.opd.kode), ("nama_opd", lap.opd.nama), ("tahun", lap.tahun.tahun),
            ("bulan", lap.bulan), ("revisi", lap.revisi)]


def buat_lembar(isi) -> bytes:
    """The XLSX of ``isi`` (a ``reporting.isi.IsiLaporan``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    lap = isi.laporan
    bulan = f"{nama_bulan(lap.bulan)} {lap.tahun.tahun}"
    kuning = PatternFill("solid", fgColor="FFF4C2")
    abu = PatternFill("solid", fgColor="E8EBEF")
    terbuka = Protection(locked=False)

    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR_REALISASI
    wf = wb.create_sheet(LEMBAR_FISIK)
    wi = wb.create_sheet(LEMBAR_IDENTITAS)

    def kepala(lembar, judul, petunjuk, kolom):
        lembar["A1"] = sel_aman(judul)
        lembar["A1"].font = Font(bold=True, size=13)
        lembar["A2"] = petunjuk
        lembar["A2"].font = Font(italic=True)
        for i, (nama, lebar) in enumerate(kolom, start=1):
            sel = lembar.cell(row=BARIS_JUDUL, column=i, value=nama)
            sel.font = Font(bold=True)
            sel.fill = kuning if i == len(kolom) else abu
            sel.alignment = Alignment(wrap_text=True, vertical="top")
            lembar.column_dimensions[sel.column_letter].width = lebar
        lembar.freeze_panes = lembar.cell(row=BARIS_JUDUL + 1, column=1)
        lembar.protection.sheet = True  # only the cells unlocked below can be typed in

    opd = f"{lap.opd.kode} {lap.opd.nama}"
    kepala(ws, f"Lembar isian realisasi keuangan {bulan} — {opd}",
           "Isi hanya kolom kuning “Realisasi bulan ini” (rupiah, boleh sen; isi 0 bila tidak "
           "ada realisasi — kosong berarti belum diisi). Jangan menambah, menghapus atau "
           "mengubah kode.", KOLOM_REALISASI)
    kepala(wf, f"Lembar isian realisasi fisik {bulan} — {opd}",
           "Isi hanya kolom kuning “Fisik s.d. bulan ini” (persen kumulatif 0–100). Kosong "
           "berarti belum diisi.", KOLOM_FISIK)
    for lembar, kolom in ((ws, ISIAN_REALISASI + 1), (wf, ISIAN_FISIK + 1)):
        sel = lembar.cell(row=BARIS_JUDUL, column=kolom, value=KOLOM_SEMULA)
        lembar.column_dimensions[sel.column_letter].hidden = True

    dv_rp = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                           allow_blank=True, showErrorMessage=True, errorTitle="Isian salah",
                           error="Realisasi berupa angka, tidak boleh kurang dari nol.")
    dv_persen = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                               allow_blank=True, showErrorMessage=True, errorTitle="Isian salah",
                               error="Fisik berupa persen antara 0 dan 100.")
    ws.add_data_validation(dv_rp)
    wf.add_data_validation(dv_persen)

    nomor = BARIS_JUDUL
    for s in isi.sub:
        for b in s.baris:
            nomor += 1
            nilai = [s.kode, sel_aman(s.nama), b.sumber_dana, b.jenis_belanja,
                     sel_aman(b.jenis_belanja_nama), b.pagu, b.ak_bulan_ini,
                     b.realisasi_sebelumnya, b.realisasi]
            for i, v in enumerate(nilai, start=1):
                ws.cell(row=nomor, column=i, value=v)
            for i in (6, 7, 8, 9):
                ws.cell(row=nomor, column=i).number_format = FORMAT_RP
            isian = ws.cell(row=nomor, column=ISIAN_REALISASI)
            isian.protection, isian.fill = terbuka, kuning
            ws.cell(row=nomor, column=ISIAN_REALISASI + 1, value=b.realisasi)
    if nomor > BARIS_JUDUL:
        kolom = ws.cell(row=1, column=ISIAN_REALISASI).column_letter
        dv_rp.add(f"{kolom}{BARIS_JUDUL + 1}:{kolom}{nomor}")

    nomor = BARIS_JUDUL
    for s in isi.sub:
        nomor += 1
        nilai = [s.kode, sel_aman(s.nama), s.pagu, s.fisik_sebelumnya, s.target_fisik, s.fisik]
        for i, v in enumerate(nilai, start=1):
            wf.cell(row=nomor, column=i, value=v)
        wf.cell(row=nomor, column=3).number_format = FORMAT_RP
        for i in (4, 5, 6):
            wf.cell(row=nomor, column=i).number_format = FORMAT_PERSEN
        isian = wf.cell(row=nomor, column=ISIAN_FISIK)
        isian.protection, isian.fill = terbuka, kuning
        wf.cell(row=nomor, column=ISIAN_FISIK + 1, value=s.fisik)
    if nomor > BARIS_JUDUL:
        kolom = wf.cell(row=1, column=ISIAN_FISIK).column_letter
        dv_persen.add(f"{kolom}{BARIS_JUDUL + 1}:{kolom}{nomor}")

    wi["A1"], wi["B1"] = "kunci", "nilai"
    for i, (k, v) in enumerate(identitas_lembar(lap), start=2):
        wi.cell(row=i, column=1, value=k)
        wi.cell(row=i, column=2, value=sel_aman(v) if isinstance(v, str) else v)
    wi["A8"] = ("Jangan mengubah lembar ini: SIAP memakainya untuk mencocokkan berkas dengan "
                "laporan, dan revisi untuk menolak berkas yang sudah usang.")
    wi.column_dimensions["A"].width = 12
    wi.column_dimensions["B"].width = 48
    wi.protection.sheet = True

    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()
