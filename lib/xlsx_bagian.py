"""The parts of an XLSX file beside its sheets, read within the bounds: the shared strings
(capped one by one and as a whole) and the number formats of the cell styles. Used by
``lib.xlsx.BukuKerja`` only."""

from __future__ import annotations

from .batas import MB, BerkasDitolak, ribuan

BATAS_GAYA = 65_536  # cell styles and number formats: more than Excel itself can hold


class XlsxRusak(BerkasDitolak):
    """Not a readable XLSX file (damaged, truncated, not a spreadsheet)."""


def rusak(alasan: str = "") -> XlsxRusak:
    return XlsxRusak("berkas XLSX rusak atau terpotong" + (f" ({alasan})" if alasan else "")
                     + "; simpan ulang dari Excel")


LOKAL: dict[str, str] = {}  # "{namespace}row" -> "row", for the few names a sheet uses


def nama_lokal(nama: str) -> str:
    hasil = nama[nama.rfind("}") + 1:]
    if len(LOKAL) < 512:  # a hostile file may use millions of names: only the first are kept
        LOKAL[nama] = hasil
    return hasil


def muat_teks(buku, bagian: str) -> list[str]:
    """The shared strings, each at most ``sel`` characters, all together at most
    ``teks_mb`` (counting ~50 bytes per string, what Python keeps beside its text)."""
    daftar: list[str] = []
    b = buku.batas
    keadaan = {"si": False, "t": False, "rph": 0, "panjang": 0, "total": 0}
    potong: list[str] = []

    def mulai(nama, attr):
        lokal = LOKAL.get(nama) or nama_lokal(nama)
        if lokal == "si":
            keadaan.update(si=True, panjang=0)
            potong.clear()
        elif lokal == "rPh":
            keadaan["rph"] += 1
        elif lokal == "t" and keadaan["si"] and not keadaan["rph"]:
            keadaan["t"] = True

    def teks(data):
        if keadaan["t"]:
            keadaan["panjang"] += len(data)
            if keadaan["panjang"] > b.sel:
                raise b.tolak("sel", f"teks bersama ke-{ribuan(len(daftar) + 1)} "
                                     f"(sharedStrings.xml) lebih dari {ribuan(b.sel)} karakter")
            potong.append(data)

    def akhir(nama):
        lokal = LOKAL.get(nama) or nama_lokal(nama)
        if lokal == "t":
            keadaan["t"] = False
        elif lokal == "rPh":
            keadaan["rph"] -= 1
        elif lokal == "si":
            keadaan["si"] = False
            s = "".join(potong)
            keadaan["total"] += len(s) + 50
            if keadaan["total"] > b.teks_mb * MB:
                raise b.tolak("teks_mb", "teks bersama (sharedStrings.xml) terlalu besar")
            daftar.append(s)

    buku.jam.mulai()
    try:
        buku.semua(bagian, mulai, akhir, teks)
    finally:
        buku.jam.henti()
    return daftar

def muat_gaya(buku, bagian: str | None) -> tuple[dict, dict]:
    """Style index -> number format, for the styles that matter: dates (a number shown
    as a date is a date) and anything asked for with ``dengan_format``."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    format_khusus: dict[int, str] = {}
    gaya: dict[int, str] = {}
    keadaan = {"xfs": False, "n": 0}

    def mulai(nama, attr):
        lokal = LOKAL.get(nama) or nama_lokal(nama)
        if lokal == "numFmt":
            if len(format_khusus) >= BATAS_GAYA:
                raise XlsxRusak("styles.xml berisi lebih banyak format angka daripada "
                                "yang dapat dibuat Excel")
            try:
                format_khusus[int(attr.get("numFmtId", ""))] = attr.get("formatCode", "")[:256]
            except ValueError:
                raise rusak("format angka tanpa nomor") from None
        elif lokal == "cellXfs":
            keadaan["xfs"] = True
        elif lokal == "xf" and keadaan["xfs"]:
            if keadaan["n"] >= BATAS_GAYA:
                raise XlsxRusak("styles.xml berisi lebih banyak gaya sel daripada yang dapat "
                                "dibuat Excel")
            try:
                fid = int(attr.get("numFmtId", "0"))
            except ValueError:
                fid = 0
            kode = format_khusus.get(fid, BUILTIN_FORMATS.get(fid, "General"))
            if kode != "General":
                gaya[keadaan["n"]] = kode
            keadaan["n"] += 1

    def akhir(nama):
        if nama_lokal(nama) == "cellXfs":
            keadaan["xfs"] = False

    if bagian is not None:
        buku.jam.mulai()
        try:
            buku.semua(bagian, mulai, akhir)
        finally:
            buku.jam.henti()
    tanggal = {i: ("timedelta" if is_timedelta_format(k) else "tanggal")
               for i, k in gaya.items() if is_date_format(k)}
    return gaya, tanggal
