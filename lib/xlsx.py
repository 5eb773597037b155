"""Bounded XLSX reading: every XLSX file SIAP reads (imports, the lembar isian, SIPD files)
goes through ``BukuKerja``.

A spreadsheet is a ZIP of XML parts, and a small one can hold a great deal: 20 million blank
rows in 0,4 MB, one shared string of 3 GB in 3 MB. openpyxl, even in read-only mode, walks
every blank row and builds the whole shared-string table in memory before the first row, so
SIAP reads the parts itself:

1. the archive is inspected before anything is parsed: the number of parts, each part's
   declared uncompressed size and its compression ratio (``lib.batas.Batas``);
2. each part is then decompressed as a stream, counting the bytes really produced (a header
   that lies is caught by the count, not trusted);
3. the XML is parsed by expat as it streams, 64 KB at a time, with a callback per element:
   rows (blank ones too) and columns are counted, every cell's text is measured while it
   arrives, the shared strings are capped as a whole, DOCTYPE and entities are refused, and
   the time spent reading is checked after every chunk.

A file past a bound raises ``BatasTerlampaui`` naming the bound and its setting, a damaged
one ``XlsxRusak``; either way before anything is written, in memory bounded by the settings
(one 64 KB chunk, one row, the capped shared strings), not by the file. Values are those
openpyxl gives with ``data_only=True``: str, int, float, bool, datetime (a number in a date
format) or None; a formula gives its cached value.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.parsers import expat

from .batas import MB, Batas, Stopwatch, ribuan
from .xlsx_bagian import LOKAL, XlsxRusak, muat_gaya, muat_teks, nama_lokal, rusak

POTONG = 64 * 1024
RASIO_MULAI = MB  # small parts (styles, themes) may compress very well; only larger ones count
_RELASI = "relationships"


def _kolom(ref: str) -> int:
    """1-based column of a cell reference ("B12" → 2); 0 when it has no letters."""
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    return n


def _huruf(kolom: int) -> str:
    huruf = ""
    while kolom > 0:
        kolom, sisa = divmod(kolom - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


@dataclass(slots=True)
class BarisLembar:
    nomor: int  # the row number as the spreadsheet shows it
    nilai: tuple  # the cells' values from column A, None where empty
    format: tuple = ()  # each cell's number format, only when asked for


class BukuKerja:
    """One XLSX file, opened within ``batas``. ``berkas`` is a path or a binary file object.
    Use as a context manager; ``baris(lembar)`` streams a sheet's non-blank rows."""

    def __init__(self, berkas, batas: Batas | None = None):
        self.batas = batas or Batas.dari_setelan()
        self.jam = Stopwatch(self.batas)
        try:
            self._zip = zipfile.ZipFile(berkas)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise rusak() from None
        try:
            self.jam.mulai()
            self._periksa_arsip()
            self._buka_buku()
        except BaseException:
            self._zip.close()
            raise
        finally:
            self.jam.henti()
        self._teks: list[str] | None = None
        self._gaya: tuple[dict, dict] | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self._zip.close()

    # ------------------------------------------------------------------ the archive

    def _periksa_arsip(self) -> None:
        b = self.batas
        daftar = self._zip.infolist()
        if len(daftar) > b.bagian:
            raise b.tolak("bagian", f"arsip XLSX berisi {ribuan(len(daftar))} bagian")
        for info in daftar:
            if info.flag_bits & 0x1:
                raise XlsxRusak("berkas XLSX terenkripsi (berkata sandi); simpan tanpa kata sandi")
            if info.file_size > b.bagian_mb * MB:
                raise b.tolak("bagian_mb", f"bagian {info.filename} berukuran "
                                           f"{_mb(info.file_size)} MB setelah dibuka")
            if info.file_size > RASIO_MULAI and info.file_size > b.rasio * max(info.compress_size, 1):
                rasio = info.file_size // max(info.compress_size, 1)
                raise b.tolak("rasio", f"bagian {info.filename} dimampatkan {ribuan(rasio)}:1 "
                                       f"(lembar kerja biasa sekitar 10:1)")

    def _alir(self, nama: str) -> Iterator[bytes]:
        """The part's bytes in chunks, counted as they are decompressed: never more than its
        declared size nor the bound, whatever the headers say."""
        try:
            info = self._zip.getinfo(nama)
        except KeyError:
            raise rusak(f"bagian {nama} tidak ada") from None
        batas = min(info.file_size, self.batas.bagian_mb * MB)
        dibaca = 0
        try:
            with self._zip.open(info) as f:
                while potong := f.read(POTONG):
                    dibaca += len(potong)
                    if dibaca > batas:
                        raise self.batas.tolak("bagian_mb", f"bagian {nama} lebih besar daripada "
                                                            f"yang tertulis di arsipnya")
                    yield potong
                    self.jam.periksa()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError):
            raise rusak() from None

    def _urai(self, nama: str, mulai: Callable, akhir: Callable, teks: Callable | None = None,
              hasil: list | None = None) -> Iterator[None]:
        """Parse part ``nama`` with expat callbacks; after every chunk, yield (the caller
        takes what the callbacks put in ``hasil``)."""
        p = expat.ParserCreate(namespace_separator="}")
        p.buffer_text = True
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

        def tolak_doctype(*_):
            raise XlsxRusak("berkas XLSX berisi deklarasi DOCTYPE atau entitas; simpan ulang "
                            "dari Excel")

        p.StartDoctypeDeclHandler = tolak_doctype
        p.EntityDeclHandler = tolak_doctype
        p.StartElementHandler, p.EndElementHandler = mulai, akhir
        if teks is not None:
            p.CharacterDataHandler = teks
        try:
            for potong in self._alir(nama):
                p.Parse(potong, False)
                if hasil:
                    yield
            p.Parse(b"", True)
            if hasil:
                yield
        except expat.ExpatError as exc:
            raise rusak(f"XML {nama} tidak sah: {expat.ErrorString(exc.code)}") from None

    def semua(self, nama: str, mulai, akhir, teks=None) -> None:
        for _ in self._urai(nama, mulai, akhir, teks):
            pass

    # ------------------------------------------------------------- workbook structure

    def _relasi(self, bagian: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part path) of ``bagian``."""
        folder, berkas = posixpath.split(bagian)
        nama_rel = posixpath.join(folder, "_rels", berkas + ".rels")
        hasil: dict[str, tuple[str, str]] = {}
        if nama_rel not in self._zip.NameToInfo:
            return hasil

        def mulai(nama, attr):
            if nama_lokal(nama) == "Relationship" and attr.get("TargetMode") != "External":
                target = attr.get("Target", "")
                path = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join(folder, target)))
                hasil[attr.get("Id", "")] = (attr.get("Type", ""), path)

        self.semua(nama_rel, mulai, lambda nama: None)
        return hasil

    def _buka_buku(self) -> None:
        akar = self._relasi("")
        buku = next((p for t, p in akar.values() if t.endswith("/officeDocument")),
                    "xl/workbook.xml")
        rel = self._relasi(buku)
        lembar: list[tuple[str, str]] = []
        self.epoch_1904 = False

        def mulai(nama, attr):
            lokal = LOKAL.get(nama) or nama_lokal(nama)
            if lokal == "sheet":
                rid = next((v for k, v in attr.items() if k.endswith(_RELASI + "}id")), "")
                if rid in rel:
                    lembar.append((attr.get("name", ""), rel[rid][1]))
            elif lokal == "workbookPr":
                self.epoch_1904 = attr.get("date1904") in ("1", "true")

        self.semua(buku, mulai, lambda nama: None)
        if not lembar:
            raise XlsxRusak("bukan lembar kerja XLSX: tidak ada lembar di dalamnya")
        self._lembar = lembar
        self._bagian_teks = next((p for t, p in rel.values() if t.endswith("/sharedStrings")), None)
        self._bagian_gaya = next((p for t, p in rel.values() if t.endswith("/styles")), None)

    @property
    def nama_lembar(self) -> list[str]:
        return [nama for nama, _ in self._lembar]

    def _muat_teks(self) -> list[str]:
        if self._teks is None:
            ada = self._bagian_teks is not None and self._bagian_teks in self._zip.NameToInfo
            self._teks = muat_teks(self, self._bagian_teks) if ada else []
        return self._teks

    def _muat_gaya(self) -> tuple[dict, dict]:
        if self._gaya is None:
            ada = self._bagian_gaya is not None and self._bagian_gaya in self._zip.NameToInfo
            self._gaya = muat_gaya(self, self._bagian_gaya if ada else None)
        return self._gaya

    # --------------------------------------------------------------------------- rows

    def baris(self, lembar: int | str = 0, *, dengan_format: bool = False) -> Iterator[BarisLembar]:
        """The non-blank rows of a sheet (by position or name), in order, with their row
        numbers. Blank rows are counted against ``baris`` but not returned."""
        if isinstance(lembar, str):
            cocok = [p for n, p in self._lembar if n == lembar]
            if not cocok:
                raise XlsxRusak(f"lembar {lembar!r} tidak ada di berkas")
            bagian = cocok[0]
        else:
            bagian = self._lembar[lembar][1]
        teks_bersama = self._muat_teks()
        format_gaya, gaya_tanggal = self._muat_gaya()
        yield from self._baris(bagian, teks_bersama, format_gaya, gaya_tanggal, dengan_format)

    def _baris(self, bagian, teks_bersama, format_gaya, gaya_tanggal, dengan_format):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        b = self.batas
        epoch = CALENDAR_MAC_1904 if self.epoch_1904 else CALENDAR_WINDOWS_1900
        nama_lembar = next(n for n, p in self._lembar if p == bagian)
        siap: list[BarisLembar] = []
        k = {"baris": 0, "jumlah": 0, "kolom": 0, "sel": None, "t": "n", "s": None,
             "tangkap": False, "is": False, "rph": 0, "panjang": 0}
        nilai: dict[int, object] = {}
        fmt: dict[int, str] = {}
        potong: list[str] = []

        def ref() -> str:
            return f"{_huruf(k['kolom'])}{k['baris']}"

        def mulai(nama, attr):
            lokal = LOKAL.get(nama) or nama_lokal(nama)
            if lokal == "c":
                r = attr.get("r")
                kolom = _kolom(r) if r else k["kolom"] + 1
                if kolom <= k["kolom"] and r:
                    raise rusak(f"sel {r} tidak berurutan di lembar {nama_lembar}")
                k["kolom"] = kolom or k["kolom"] + 1
                if k["kolom"] > b.kolom:
                    raise b.tolak("kolom", f"lembar {nama_lembar!r} berisi sel di kolom "
                                           f"{_huruf(k['kolom'])} (kolom ke-{ribuan(k['kolom'])})")
                k["t"], k["s"], k["sel"] = attr.get("t", "n"), attr.get("s"), None
                k["panjang"] = 0
                potong.clear()
            elif lokal == "v":
                k["tangkap"] = True
            elif lokal == "is":
                k["is"] = True
            elif lokal == "rPh":
                k["rph"] += 1
            elif lokal == "t" and k["is"] and not k["rph"]:
                k["tangkap"] = True
            elif lokal == "row":
                k["jumlah"] += 1
                r = attr.get("r")
                try:
                    nomor = int(r) if r else k["baris"] + 1
                except ValueError:
                    raise rusak(f"nomor baris {r[:20]!r} di lembar {nama_lembar}") from None
                if nomor <= k["baris"]:
                    raise rusak(f"baris {nomor} tidak berurutan di lembar {nama_lembar}")
                if nomor > b.baris or k["jumlah"] > b.baris:
                    raise b.tolak("baris", f"lembar {nama_lembar!r} berlanjut sampai baris "
                                           f"{ribuan(max(nomor, k['jumlah']))}")
                k["baris"], k["kolom"] = nomor, 0
                nilai.clear()
                fmt.clear()

        def teks(data):
            if k["tangkap"]:
                k["panjang"] += len(data)
                if k["panjang"] > b.sel:
                    raise b.tolak("sel", f"sel {ref()} di lembar {nama_lembar!r} berisi lebih "
                                         f"dari {ribuan(b.sel)} karakter")
                potong.append(data)

        def akhir(nama):
            lokal = LOKAL.get(nama) or nama_lokal(nama)
            if lokal == "v" or (lokal == "t" and k["is"]):
                k["tangkap"] = False
            elif lokal == "rPh":
                k["rph"] -= 1
            elif lokal == "is":
                k["is"] = False
            elif lokal == "c":
                v = _nilai(k["t"], "".join(potong) if potong else None, k["s"])
                if v is not None:
                    nilai[k["kolom"]] = v
                if dengan_format and k["s"] is not None:
                    fmt[k["kolom"]] = format_gaya.get(_int(k["s"]), "General")
            elif lokal == "row":
                if nilai:
                    lebar = max(nilai)
                    isi = tuple(nilai.get(i) for i in range(1, lebar + 1))
                    f = tuple(fmt.get(i, "General") for i in range(1, lebar + 1)) if dengan_format else ()
                    siap.append(BarisLembar(k["baris"], isi, f))

        def _nilai(t, mentah, s):
            if t == "inlineStr":
                return mentah if mentah is not None else None
            if mentah is None:
                return None
            if t == "s":
                try:
                    return teks_bersama[int(mentah)]
                except (ValueError, IndexError):
                    raise rusak(f"sel {ref()} merujuk teks bersama yang tidak ada") from None
            if t in ("str", "e"):
                return mentah
            if t == "b":
                return mentah.strip() in ("1", "true")
            if t == "d":
                from openpyxl.utils.datetime import from_ISO8601

                try:
                    return from_ISO8601(mentah)
                except ValueError:
                    return mentah
            try:
                angka = float(mentah) if any(c in mentah for c in ".eE") else int(mentah)
            except ValueError:
                raise rusak(f"sel {ref()} berisi angka yang tidak dapat dibaca") from None
            jenis = gaya_tanggal.get(_int(s)) if s is not None else None
            if jenis is not None:
                try:
                    return from_excel(angka, epoch, timedelta=jenis == "timedelta")
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return angka

        self.jam.mulai()
        try:
            for _ in self._urai(bagian, mulai, akhir, teks, siap):
                self.jam.henti()
                yield from siap
                siap.clear()
                self.jam.mulai()
        finally:
            self.jam.henti()


def _int(s) -> int:
    try:
        return int(s)
    except (TypeError, ValueError):
        return -1


def _mb(n: int) -> str:
    return f"{n / MB:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
