"""Reading an uploaded lembar isian (``lembar.buat_lembar`` built it) back into report values:
rows mapped to lines by their codes, never by position; the identity sheet must name this OPD
and month; every unreadable cell an error naming sheet, row and column."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lib.angka import AngkaTidakValid, baca_angka
from lib.figures import persen_dari_pecahan
from lib.periode import nama_bulan
from lib.rupiah import format_angka

from .lembar import (
    BARIS_JUDUL,
    ISIAN_FISIK,
    ISIAN_REALISASI,
    KOLOM_FISIK,
    KOLOM_REALISASI,
    KOLOM_SEMULA,
    LEMBAR_FISIK,
    LEMBAR_IDENTITAS,
    LEMBAR_REALISASI,
    DaftarGalatLembar,
    GalatLembar,
    IsianLembar,
    identitas_lembar,
)


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _angka(v) -> Decimal:
    """A cell's number: a number cell as is (to the sen), text in Indonesian style."""
    if isinstance(v, bool):
        raise AngkaTidakValid("bukan angka")
    if isinstance(v, int | float | Decimal):
        try:
            d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        except InvalidOperation:
            raise AngkaTidakValid("bukan angka") from None
        if not d.is_finite():
            raise AngkaTidakValid("bukan angka")
        if d != d.quantize(Decimal("0.01")):
            # a float a formula produced, like 0.1 + 0.2: its value to the sen, if that close
            if isinstance(v, float) and abs(d - d.quantize(Decimal("0.01"))) < Decimal("1e-6"):
                return d.quantize(Decimal("0.01"))
            raise AngkaTidakValid("lebih dari 2 angka di belakang koma")
        return d
    return baca_angka(str(v).strip().removesuffix("%"), "id")


def baca_lembar(berkas, isi, batas=None) -> IsianLembar:
    """Read the uploaded sheet against ``isi`` (the report's ``IsiLaporan``), within the
    bounds of ``exchange.batas`` (``exchange.xlsx``). Every problem is collected in ``galat``
    (capped, see ``DaftarGalatLembar``); the figures are only meaningful when it is empty."""
    from lib.batas import BatasTerlampaui, BerkasDitolak
    from lib.xlsx import BukuKerja

    hasil = IsianLembar()
    berkas.seek(0)
    if berkas.read(4) != b"PK\x03\x04":
        hasil.galat.append(GalatLembar("", None, "", "", "bukan berkas XLSX; unggah lembar "
                                                          "isian yang diunduh dari SIAP"))
        return hasil
    berkas.seek(0)
    try:
        with BukuKerja(berkas, batas) as wb:
            if not {LEMBAR_REALISASI, LEMBAR_FISIK, LEMBAR_IDENTITAS} <= set(wb.nama_lembar):
                hasil.galat.append(GalatLembar("", None, "", "", (
                    f"bukan lembar isian SIAP: lembar {LEMBAR_REALISASI}, {LEMBAR_FISIK} dan "
                    f"{LEMBAR_IDENTITAS} harus ada")))
                return hasil
            _baca_identitas(wb.baris(LEMBAR_IDENTITAS), isi.laporan, hasil)
            if hasil.galat:
                return hasil
            _baca_realisasi(wb.baris(LEMBAR_REALISASI), isi, hasil)
            _baca_fisik(wb.baris(LEMBAR_FISIK, dengan_format=True), isi, hasil)
    except BerkasDitolak as exc:
        # a bound or a damaged file: the whole sheet is refused, whatever was read before
        hasil.galat = DaftarGalatLembar()
        awal = "Lembar isian ditolak: " if isinstance(exc, BatasTerlampaui) else ""
        hasil.galat.append(GalatLembar("", None, "", "", f"{awal}{exc}"))
    return hasil


def _baca_identitas(baris, lap, hasil: IsianLembar) -> None:
    nilai = {}
    for b in baris:
        if b.nomor > 7:
            break
        if b.nomor >= 2 and b.nilai and b.nilai[0]:
            nilai[str(b.nilai[0]).strip()] = (b.nomor, b.nilai[1] if len(b.nilai) > 1 else None)
    harap = dict(identitas_lembar(lap))
    for kunci in ("kode_opd", "tahun", "bulan"):
        nomor, v = nilai.get(kunci, (None, None))
        if _teks(v) != str(harap[kunci]):
            hasil.galat.append(GalatLembar(
                LEMBAR_IDENTITAS, nomor or 1, kunci, _teks(v),
                f"lembar isian ini bukan untuk laporan {lap.opd.kode} {nama_bulan(lap.bulan)} "
                f"{lap.tahun.tahun}; unduh lembar isian dari halaman laporan ini"))
            return
    nomor, v = nilai.get("revisi", (None, None))
    try:
        hasil.revisi = int(_teks(v))
    except ValueError:
        hasil.galat.append(GalatLembar(LEMBAR_IDENTITAS, nomor or 1, "revisi", _teks(v),
                                       "revisi laporan hilang atau bukan angka bulat"))


def _semula(hasil: IsianLembar, kunci: tuple[str, int], v) -> None:
    """Record a row's download-time value; one that cannot be read drops the originals of the
    whole sheet (the revision then guards the upload, as for an old sheet)."""
    if hasil.semula is None:
        return
    try:
        hasil.semula[kunci] = None if _teks(v) == "" else _angka(v)
    except AngkaTidakValid:
        hasil.semula = None


def _data(baris, kolom, nama: str, hasil: IsianLembar):
    """The data rows below the header row (checked first) and whether the sheet carries the
    download-time values (sheets made before it did not), or None when the header is wrong."""
    judul: tuple = ()
    for b in baris:
        if b.nomor < BARIS_JUDUL:
            continue
        if b.nomor == BARIS_JUDUL:
            judul = b.nilai
            break
        break  # the header row is missing: checked below with an empty header
    for i, (harap, _) in enumerate(kolom):
        ada = _teks(judul[i]) if i < len(judul) else ""
        if ada != harap:
            hasil.galat.append(GalatLembar(
                nama, BARIS_JUDUL, harap, ada,
                "judul kolom diubah; unduh ulang lembar isian dan jangan mengubah judulnya"))
            return None
    return baris, len(judul) > len(kolom) and _teks(judul[len(kolom)]) == KOLOM_SEMULA


def _baca_realisasi(baris, isi, hasil: IsianLembar) -> None:
    hasil_judul = _data(baris, KOLOM_REALISASI, LEMBAR_REALISASI, hasil)
    if hasil_judul is None:
        return
    data, ada_semula = hasil_judul
    # the originals are used only when both sheets carry them (_baca_fisik drops them)
    hasil.semula = {} if ada_semula else None
    rincian = {(s.kode, b.sumber_dana, b.jenis_belanja): b.rincian_id
               for s in isi.sub for b in s.baris}
    judul = KOLOM_REALISASI[ISIAN_REALISASI - 1][0]
    for b in data:
        nomor = b.nomor
        sel = list(b.nilai) + [None] * (ISIAN_REALISASI + 1 - len(b.nilai))
        kunci = (_teks(sel[0]), _teks(sel[2]), _teks(sel[3]))
        v = sel[ISIAN_REALISASI - 1]
        if not any(kunci) and v in (None, ""):
            continue  # blank row
        label = " · ".join(kunci)
        rid = rincian.get(kunci)
        if rid is None:
            hasil.galat.append(GalatLembar(
                LEMBAR_REALISASI, nomor, "Kode sub kegiatan, Sumber dana, Kode jenis belanja",
                label, "rincian ini tidak ada pada laporan ini; jangan mengubah kode"))
            continue
        if rid in hasil.baris_rincian:
            hasil.galat.append(GalatLembar(
                LEMBAR_REALISASI, nomor, "Kode sub kegiatan, Sumber dana, Kode jenis belanja",
                label, f"rincian yang sama sudah ada di baris {hasil.baris_rincian[rid]}"))
            continue
        hasil.baris_rincian[rid] = nomor
        _semula(hasil, ("r", rid), sel[ISIAN_REALISASI])
        teks = _teks(v)
        hasil.teks_realisasi[rid] = teks
        try:
            hasil.realisasi[rid] = None if not teks else _angka(v)
        except AngkaTidakValid as exc:
            hasil.galat.append(GalatLembar(LEMBAR_REALISASI, nomor, judul, teks, str(exc)))
        else:
            if teks:  # shown back in the form, which reads Indonesian style
                hasil.teks_realisasi[rid] = format_angka(hasil.realisasi[rid], 2)


def _baca_fisik(baris, isi, hasil: IsianLembar) -> None:
    hasil_judul = _data(baris, KOLOM_FISIK, LEMBAR_FISIK, hasil)
    if hasil_judul is None:
        return
    data, ada_semula = hasil_judul
    if not ada_semula:
        hasil.semula = None
    subs = {s.kode: s.sub_kegiatan_id for s in isi.sub}
    judul = KOLOM_FISIK[ISIAN_FISIK - 1][0]
    for b in data:
        nomor = b.nomor
        sel = list(b.nilai) + [None] * (ISIAN_FISIK + 1 - len(b.nilai))
        kode, v = _teks(sel[0]), sel[ISIAN_FISIK - 1]
        format_sel = b.format[ISIAN_FISIK - 1] if len(b.format) >= ISIAN_FISIK else ""
        if isinstance(v, int | float) and not isinstance(v, bool) and "%" in (format_sel or ""):
            # "45%" typed into the cell: Excel stores 0.45 in a percent-formatted cell
            v = persen_dari_pecahan(Decimal(repr(v)))
        if not kode and v in (None, ""):
            continue
        sid = subs.get(kode)
        if sid is None:
            hasil.galat.append(GalatLembar(LEMBAR_FISIK, nomor, "Kode sub kegiatan", kode,
                                           "sub kegiatan ini tidak ada pada laporan ini; "
                                           "jangan mengubah kode"))
            continue
        if sid in hasil.baris_sub:
            hasil.galat.append(GalatLembar(LEMBAR_FISIK, nomor, "Kode sub kegiatan", kode,
                                           f"sub kegiatan yang sama sudah ada di baris "
                                           f"{hasil.baris_sub[sid]}"))
            continue
        hasil.baris_sub[sid] = nomor
        _semula(hasil, ("f", sid), sel[ISIAN_FISIK])
        teks = _teks(v)
        hasil.teks_fisik[sid] = teks
        try:
            hasil.fisik[sid] = None if not teks else _angka(v)
        except AngkaTidakValid as exc:
            hasil.galat.append(GalatLembar(LEMBAR_FISIK, nomor, judul, teks, str(exc)))
        else:
            if teks:
                hasil.teks_fisik[sid] = format_angka(hasil.fisik[sid], 2)
