"""Hostile XLSX files, small on disk, written part by part (nothing is built in memory): what an
attacker would upload to exhaust a worker (issue #13)."""

from __future__ import annotations

import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
      'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
      '"application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        f'{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def _buku(z: zipfile.ZipFile, lembar: list[str]) -> None:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(lembar, start=1))
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
                                  f'xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(lembar) + 1))
    rels += (f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
               f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def _sel(kolom: int, baris: int, v) -> str:
    ref = f"{chr(64 + kolom)}{baris}"
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
    return f'<c r="{ref}"><v>{v}</v></c>'


def _baris(nomor: int, nilai) -> bytes:
    return (f'<row r="{nomor}">' + "".join(_sel(i, nomor, v) for i, v in enumerate(nilai, 1)
                                           if v is not None) + "</row>").encode()


def _lembar(z: zipfile.ZipFile, nomor: int, baris_awal, tulis_sisa=None) -> None:
    with z.open(f"xl/worksheets/sheet{nomor}.xml", "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
                .encode())
        for i, nilai in baris_awal:
            f.write(_baris(i, nilai))
        if tulis_sisa is not None:
            tulis_sisa(f)
        f.write(b"</sheetData></worksheet>")


def _teks(z: zipfile.ZipFile, teks: list[str], besar_mb: int = 0) -> None:
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'.encode())
        for s in teks:
            f.write(f"<si><t>{s}</t></si>".encode())
        if besar_mb:
            f.write(b"<si><t>")
            potong = b"A" * 1_000_000
            for _ in range(besar_mb):
                f.write(potong)
            f.write(b"</t></si>")
        f.write(b"</sst>")


def impor(path, kolom, *, baris_kosong: int = 0, teks_mb: int = 0, baris_isi: int = 0,
          isi=None) -> None:
    """An import file: the header ``kolom``, one data row, then ``baris_kosong`` blank
    ``<row/>`` elements, or ``baris_isi`` copies of the row ``isi``, or a shared string of
    ``teks_mb`` MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        _buku(z, ["impor"])
        _teks(z, [], teks_mb)
        awal = [(1, list(kolom)), (2, isi or ["x"] * len(kolom))]

        def sisa(f):
            blok = b"<row/>" * 10_000
            for _ in range(baris_kosong // 10_000):
                f.write(blok)
            for i in range(3, 3 + baris_isi):
                f.write(_baris(i, isi))
        _lembar(z, 1, awal, sisa)


def ukur(fungsi):
    """(result or exception, seconds, tracemalloc peak in bytes) of calling ``fungsi``."""
    import time
    import tracemalloc

    tracemalloc.start()
    mulai = time.monotonic()
    try:
        hasil = fungsi()
    except Exception as exc:  # noqa: BLE001 - the refusal is the result
        hasil = exc
    finally:
        detik = time.monotonic() - mulai
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return hasil, detik, puncak


def lembar_isian(path, identitas: dict, kolom_realisasi, kolom_fisik, *, baris: int = 0,
                 baris_kosong: int = 0, teks_mb: int = 0) -> None:
    """A lembar isian with the operator's own identity (it passes the identity check), whose
    Realisasi sheet has ``baris`` rows of a line code that is not in the report, or
    ``baris_kosong`` blank rows, or a shared string of ``teks_mb`` MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        _buku(z, ["Realisasi", "Fisik", "Identitas"])
        _teks(z, ["x"], teks_mb)

        def sisa(f):
            blok = b"<row/>" * 10_000
            for _ in range(baris_kosong // 10_000):
                f.write(blok)
            # rows without their optional r= attribute: 16 bytes each before compression
            blok = b'<row><c t="s"><v>0</v></c><c r="I1"><v>1</v></c></row>'.replace(
                b' r="I1"', b"") * 10_000
            for _ in range(baris // 10_000):
                f.write(blok)
        _lembar(z, 1, [(4, list(kolom_realisasi))], sisa)
        _lembar(z, 2, [(4, list(kolom_fisik))])
        _lembar(z, 3, [(1, ["kunci", "nilai"])]
                + [(i, [k, v]) for i, (k, v) in enumerate(identitas.items(), start=2)])
