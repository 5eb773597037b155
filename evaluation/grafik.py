"""Charts drawn on the server as SVG strings: the same picture in the page, the PDF and the
spreadsheet, with no JavaScript and no plotting library.

Plain functions over plain figures. Geometry is computed in floats (pixels, not money); every
number a reader sees goes through ``lib.rupiah``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from lib.periode import NAMA_BULAN
from lib.rupiah import persen

LEBAR = 720
TINGGI = 300
KIRI, KANAN, ATAS, BAWAH = 52, 16, 40, 40  # margins around the plot area

WARNA_TARGET = "#7a8594"
WARNA_REALISASI = "#1d5c96"
WARNA_GRID = "#d8dde4"
WARNA_SUMBU = "#5b6675"
WARNA_TEKS = "#1b2330"


def _attr(teks: str) -> str:
    return escape(teks, {'"': "&quot;"})


def _skala_atas(nilai: Sequence[Decimal | None]) -> int:
    """0–100 unless a value goes past 100 (realisasi above pagu): then up to the next 20."""
    tertinggi = max((v for v in nilai if v is not None), default=Decimal(0))
    if tertinggi <= 100:
        return 100
    return int((tertinggi + 19) // 20 * 20)


def kurva_s(
    *,
    judul: str,
    keterangan: str,
    target: Sequence[Decimal | None],
    realisasi: Sequence[Decimal | None],
    label_target: str = "Target (anggaran kas)",
    label_realisasi: str = "Realisasi",
    id_: str = "kurva",
    label_sumbu: str = "% dari pagu, kumulatif",
) -> str:
    """A Kurva S: cumulative target and realisasi, in percent of the pagu, for January to
    December. ``target`` and ``realisasi`` hold up to 12 values (month 1 first); a ``None``
    or a missing month is not drawn (realisasi stops at the cut-off).

    Returns a standalone ``<svg>`` element (with ``<title>`` and ``<desc>`` for screen
    readers) sized by its ``viewBox`` so it scales to its container."""
    lebar_plot = LEBAR - KIRI - KANAN
    tinggi_plot = TINGGI - ATAS - BAWAH
    atas = _skala_atas([*target, *realisasi])
    langkah_x = lebar_plot / 12

    def x(i: int) -> float:  # month index 0..11, centred in its column
        return KIRI + langkah_x * (i + 0.5)

    def y(v: Decimal) -> float:
        v = min(max(v, Decimal(0)), Decimal(atas))
        return ATAS + tinggi_plot * (1 - float(v) / atas)

    id_judul, id_desc = f"{id_}-judul", f"{id_}-desc"
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'role="img" aria-labelledby="{_attr(id_judul)} {_attr(id_desc)}" '
        f'font-family="system-ui, sans-serif" font-size="11">',
        f'<title id="{_attr(id_judul)}">{escape(judul)}</title>',
        f'<desc id="{_attr(id_desc)}">{escape(keterangan)}</desc>',
    ]
    # Horizontal gridlines with their percent labels.
    langkah_y = 20 if atas > 100 else 10
    for v in range(0, atas + 1, langkah_y):
        yy = y(Decimal(v))
        bagian.append(
            f'<line x1="{KIRI}" y1="{yy:.1f}" x2="{LEBAR - KANAN}" y2="{yy:.1f}" '
            f'stroke="{WARNA_SUMBU if v == 0 else WARNA_GRID}" stroke-width="1"/>'
        )
        bagian.append(
            f'<text x="{KIRI - 8}" y="{yy + 3.5:.1f}" text-anchor="end" '
            f'fill="{WARNA_SUMBU}">{v}%</text>'
        )
    for i, nama in enumerate(NAMA_BULAN):
        bagian.append(
            f'<text x="{x(i):.1f}" y="{TINGGI - BAWAH + 16}" text-anchor="middle" '
            f'fill="{WARNA_SUMBU}">{nama[:3]}</text>'
        )

    def garis(nilai, warna: str, label: str, kelas: str, putus: bool) -> None:
        titik = [(i, v) for i, v in enumerate(list(nilai)[:12]) if v is not None]
        if not titik:
            return
        koordinat = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in titik)
        pola = ' stroke-dasharray="6 4"' if putus else ""
        bagian.append(f'<g class="{kelas}">')
        bagian.append(
            f'<polyline points="{koordinat}" fill="none" stroke="{warna}" stroke-width="2.5" '
            f'stroke-linejoin="round"{pola}/>'
        )
        for i, v in titik:
            bagian.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="#fff" stroke="{warna}" '
                f'stroke-width="2"><title>{escape(label)} s.d. {NAMA_BULAN[i]}: '
                f'{escape(persen(v))}</title></circle>'
            )
        bagian.append("</g>")

    garis(target, WARNA_TARGET, label_target, "kurva__target", True)
    garis(realisasi, WARNA_REALISASI, label_realisasi, "kurva__realisasi", False)

    # Legend above the plot, left-aligned with it.
    lx, ly = KIRI, 18
    for warna, label, putus in (
        (WARNA_TARGET, label_target, True), (WARNA_REALISASI, label_realisasi, False)
    ):
        pola = ' stroke-dasharray="6 4"' if putus else ""
        bagian.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 26}" y2="{ly}" stroke="{warna}" '
            f'stroke-width="2.5"{pola}/>'
            f'<circle cx="{lx + 13}" cy="{ly}" r="3.5" fill="#fff" stroke="{warna}" '
            f'stroke-width="2"/>'
            f'<text x="{lx + 32}" y="{ly + 4}" fill="{WARNA_TEKS}">{escape(label)}</text>'
        )
        lx += 40 + 6.5 * len(label)
    bagian.append(
        f'<text x="{LEBAR - KANAN}" y="{ly + 4}" text-anchor="end" fill="{WARNA_SUMBU}">'
        f"{escape(label_sumbu)}</text>"
    )
    bagian.append("</svg>")
    return "".join(bagian)


def grafik_kurva(seri, nama: str, batas: str, id_: str) -> dict:
    """The two Kurva S of a page (keuangan and fisik) as SVG strings."""
    return {
        "keuangan": kurva_s(
            judul=f"Kurva S keuangan {nama} s.d. {batas}",
            keterangan="Target anggaran kas dan realisasi keuangan kumulatif per bulan, "
                       "dalam persen dari pagu.",
            target=seri.persen_target, realisasi=seri.persen_realisasi,
            label_target="Target anggaran kas", label_realisasi="Realisasi keuangan",
            id_=f"{id_}-keuangan",
        ),
        "fisik": kurva_s(
            judul=f"Kurva S fisik {nama} s.d. {batas}",
            keterangan="Target fisik dan realisasi fisik kumulatif per bulan, rata-rata "
                       "tertimbang pagu.",
            target=seri.target_fisik, realisasi=seri.fisik,
            label_target="Target fisik", label_realisasi="Realisasi fisik",
            id_=f"{id_}-fisik", label_sumbu="% fisik (tertimbang pagu), kumulatif",
        ),
    }
